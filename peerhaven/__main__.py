"""``python -m peerhaven`` runs the same command as ``peerhaven``."""

import sys

try:
    from peerhaven.cli import main
except KeyboardInterrupt:  # Ctrl+C before the command had even loaded: nothing started
    print("peerhaven: interrupted; nothing saved was lost.", file=sys.stderr)
    sys.exit(130)

sys.exit(main())

"""``python -m peerhaven`` runs the same command as ``peerhaven``."""

import sys

from peerhaven.cli import main

sys.exit(main())

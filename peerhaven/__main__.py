"""``python -m peerhaven``: the same entry point as the ``peerhaven`` command."""

import sys

from peerhaven.cli import main

sys.exit(main())

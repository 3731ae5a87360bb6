"""``python -m helpers.build``: see helpers.build.cli."""
import sys

from helpers.build.cli import main

sys.exit(main())

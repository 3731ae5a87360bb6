"""``python -m helpers.build``: see helpers.build.cli."""
from helpers.build.cli import main
from helpers.errors import run_main

run_main(main)

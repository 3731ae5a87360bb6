"""Project folders, derived from this file's location so that notebooks, tests and scripts agree."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
CURATED = DATA / "curated"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
# Charts are written here; tests point HELPERS_FIGURES_DIR at a temporary folder so they leave the tree alone.
# (CHARTS, not FIGURES: "figures" names the dataset of the report's numbers.)
CHARTS = Path(os.environ.get("HELPERS_FIGURES_DIR") or ROOT / "figures")
BUILD = ROOT / "build"
SITE = BUILD / "html"

RAW_REPORT = RAW / "dgsn-2025-security-communication.ar.txt"
RAW_SECONDARY = RAW / "secondary-figures.tsv"
DATAPACKAGE = DATA / "datapackage.json"

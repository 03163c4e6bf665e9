import sys
from pathlib import Path

# `pytest apps/trainer/tests` works without PYTHONPATH=apps/trainer too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

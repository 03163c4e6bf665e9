import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# `pytest apps/trainer/tests` works without PYTHONPATH=apps/trainer too.
TRAINER = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TRAINER))

from toolrec_trainer.paths import repo_root  # noqa: E402
from toolrec_trainer.synth import write_synth  # noqa: E402

#: A tiny-random shape small enough for CPU tests (Qwen3Config names), and short rows.
SMALL_MODEL = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4}
SMALL_HP = {"batchSize": 4, "maxLength": 48, "learningRate": 1e-2}


def golden(name: str):
    return json.loads((repo_root() / "packages" / "core" / "test-support" / "golden" / name).read_text(encoding="utf-8"))


@pytest.fixture
def data_dir(tmp_path):
    write_synth(tmp_path / "data", n=32, seed=1)
    return tmp_path / "data"


def trainer_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(TRAINER) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_trainer(args, **kwargs):
    """`python3 -m toolrec_trainer ARGS` as the worker runs it; (returncode, protocol lines, stderr)."""
    p = subprocess.run([sys.executable, "-m", "toolrec_trainer", *args], capture_output=True, text=True, env=trainer_env(), timeout=300, **kwargs)
    return p.returncode, [json.loads(line) for line in p.stdout.splitlines()], p.stderr


def small_train_args(data, out, *extra):
    """A small CPU run (on the GPU machine too: CPU runs are the repeatable ones, and the DDP
    test's ranks must not look for a second GPU)."""
    return ["train", "--data", str(data), "--out", str(out), "--device", "cpu", "--model-config", json.dumps(SMALL_MODEL), "--hyperparameters", json.dumps(SMALL_HP), *extra]


def run_main(args):
    """The same command in this process (no interpreter start-up): (returncode, protocol lines)."""
    import io

    from toolrec_trainer.__main__ import main

    protocol = io.StringIO()
    rc = main(list(args), protocol=protocol)
    return rc, [json.loads(line) for line in protocol.getvalue().splitlines()]

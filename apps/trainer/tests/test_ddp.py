"""Data parallelism (the path torchrun takes when a run asks for more than one GPU), on the
CPU: two processes over gloo compute what one process computes on the same global batch,
and only rank 0 writes."""

import json
import subprocess
import sys

import pytest
import torch
import torch.distributed as dist

from conftest import run_main, small_train_args, trainer_env


@pytest.mark.skipif(not dist.is_available() or not dist.is_gloo_available(), reason="this torch has no gloo backend")
def test_two_processes_over_gloo_equal_one_process(data_dir, tmp_path):
    steps = ["--max-steps", "4", "--batch-size", "8", "--quiet"]
    rc, one = run_main(small_train_args(data_dir, tmp_path / "one", *steps))
    assert rc == 0
    # torch 1.13 under Python 3.11 reads a "0" in torchrun's --redirects/--tee as None and
    # fails; redirecting rank 1 only (1:1, 1:2) sidesteps that and leaves rank 0 on our stdout.
    launcher = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                "--redirects", "1:1", "--tee", "1:2", "--log_dir", str(tmp_path / "torchrun-logs"), "-m", "toolrec_trainer"]
    double = subprocess.run([*launcher, *small_train_args(data_dir, tmp_path / "two", *steps, "--gpus", "2")],
                            capture_output=True, text=True, env=trainer_env(), timeout=300)
    assert double.returncode == 0, double.stderr[-3000:]
    two = [json.loads(x) for x in double.stdout.splitlines()]
    # Rank 0 alone speaks: exactly one start, one line per step, one done.
    assert [x["type"] for x in two] == [x["type"] for x in one]
    assert two[0]["world_size"] == 2 and one[0]["world_size"] == 1
    m1 = [x for x in one if x["type"] == "metrics"]
    m2 = [x for x in two if x["type"] == "metrics"]
    assert [x["step"] for x in m2] == [1, 2, 3, 4]
    for a, b in zip(m1, m2):
        for key in ("loss", "kl", "grad_norm", "rewards/chosen", "rewards/rejected", "logps/chosen", "lr", "count/chosen", "tokens"):
            if a[key] is None:
                assert b[key] is None
            else:
                assert b[key] == pytest.approx(a[key], rel=1e-4, abs=1e-6), (a["step"], key)
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len((tmp_path / "two" / "metrics.jsonl").read_text().splitlines()) == 4
    from toolrec_trainer.safetensors_io import load_file

    a1, a2 = load_file(tmp_path / "one" / "adapter" / "adapter_model.safetensors"), load_file(tmp_path / "two" / "adapter" / "adapter_model.safetensors")
    assert all(torch.allclose(a1[k], a2[k], atol=1e-5) for k in a1)
    # Rank 1 wrote no protocol line (its stdout is in torchrun's log folder).
    rank1 = list((tmp_path / "torchrun-logs").rglob("1/stdout.log"))
    assert rank1 and all(p.read_text() == "" for p in rank1)

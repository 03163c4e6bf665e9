"""The training loop on toolrec/tiny-random, in process, with torch alone: metrics, the
weighted loss, repeatability, checkpoint and resume, cancel, time limit."""

import io
import json
import math

import pytest
import torch

from conftest import SMALL_HP, SMALL_MODEL
from toolrec_trainer.checkpoint import ResumeError
from toolrec_trainer.data import DataOrder
from toolrec_trainer.safetensors_io import load_file
from toolrec_trainer.train import RunOptions, train

TRL_NAMES = ("loss", "kl", "rewards/chosen", "rewards/rejected", "rewards/margins", "logps/chosen", "logps/rejected", "lr", "grad_norm", "tokens_per_s", "memory_mb")
TIMING = ("tokens_per_s", "memory_mb", "step_time_s", "elapsed_s", "mfu")


def run(data, out, hp=None, **opts):
    protocol = io.StringIO()
    summary = train(RunOptions(data=str(data), out=str(out), model_config=SMALL_MODEL, device="cpu", quiet=True, **opts), {**SMALL_HP, **(hp or {})}, emit_stream=protocol)
    return summary, [json.loads(x) for x in protocol.getvalue().splitlines()]


def metrics(out):
    return [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]


def without_timing(records):
    return [{k: v for k, v in r.items() if k not in TIMING} for r in records]


def test_a_run_writes_metrics_adapter_and_run_json(data_dir, tmp_path):
    summary, lines = run(data_dir, tmp_path / "run", {"maxSteps": 5})
    assert summary["status"] == "completed" and summary["steps"] == 5
    recs = metrics(tmp_path / "run")
    assert [r["step"] for r in recs] == [1, 2, 3, 4, 5]
    for r in recs:
        assert all(name in r for name in TRL_NAMES) and math.isfinite(r["loss"]) and r["tokens_per_s"] > 0 and r["flops"] > 0
    # Step 1: the adapter's B is 0, so policy == reference: rewards 0, kl 0; warmup starts at lr 0.
    assert recs[0]["lr"] == 0.0 and recs[0]["kl"] == 0.0 and recs[0]["rewards/chosen"] in (0.0, None) and recs[0]["rewards/rejected"] in (0.0, None)
    assert recs[1]["lr"] == pytest.approx(1e-2)  # ceil(0.1 * 5) = 1 warmup step
    # The adapter learnt something: rewards moved off 0 and B is no longer 0.
    assert any(abs(r["rewards/margins"] or 0) > 0 for r in recs[2:])
    adapter = load_file(tmp_path / "run" / "adapter" / "adapter_model.safetensors")
    assert any(torch.count_nonzero(v) > 0 for k, v in adapter.items() if "lora_B" in k)
    run_json = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run_json["final"]["step"] == 5 and run_json["hyperparameters"]["beta"] == 0.01 and run_json["hyperparameters"]["batchSize"] == 4
    assert run_json["dataset"]["checksum_verified"] is True and run_json["dataset"]["sha256"] and run_json["versions"]["torch"]
    assert run_json["model"]["id"] == "toolrec/tiny-random" and run_json["flop_count"]["n_lora"] > 0
    types = [x["type"] for x in lines]
    assert types[0] == "start" and types[-1] == "done" and types.count("metrics") == 5 and types.count("progress") == 5


def test_step_one_loss_is_the_weighted_definition(data_dir, tmp_path):
    # At step 1 rewards and z are 0, so L = sum_i(w_i * lambda_i * sigmoid(0)) / N over the batch.
    run(data_dir, tmp_path / "run", {"maxSteps": 1, "lambdaD": 1.33, "lambdaU": 0.8, "seed": 4})
    rows = [json.loads(x) for x in (data_dir / "synth.jsonl").read_text().splitlines()]
    first = DataOrder(len(rows), 4, seed=4).next_batch()
    expected = sum(rows[i]["weight"] * (1.33 if rows[i]["label"] else 0.8) * 0.5 for i in first) / 4
    assert metrics(tmp_path / "run")[0]["loss"] == pytest.approx(expected, abs=1e-6)


def test_a_seed_makes_a_cpu_run_repeatable(data_dir, tmp_path):
    run(data_dir, tmp_path / "a", {"maxSteps": 4, "seed": 7})
    run(data_dir, tmp_path / "b", {"maxSteps": 4, "seed": 7})
    run(data_dir, tmp_path / "c", {"maxSteps": 4, "seed": 8})
    assert without_timing(metrics(tmp_path / "a")) == without_timing(metrics(tmp_path / "b"))
    assert without_timing(metrics(tmp_path / "a")) != without_timing(metrics(tmp_path / "c"))


def test_interrupted_and_resumed_equals_a_straight_run(data_dir, tmp_path):
    hp = {"maxSteps": 7, "seed": 3}
    run(data_dir, tmp_path / "straight", hp)
    out = tmp_path / "resumed"

    def cancel_at_4(record):
        if record["step"] == 4:
            (out / "CANCEL").touch()

    summary = train(RunOptions(data=str(data_dir), out=str(out), model_config=SMALL_MODEL, device="cpu", quiet=True), {**SMALL_HP, **hp}, emit_stream=io.StringIO(), on_step=cancel_at_4)
    assert summary["status"] == "cancelled" and summary["steps"] == 4
    assert not (out / "adapter").exists() and (out / "checkpoints" / "step-000004").is_dir()
    assert not (out / "CANCEL").exists()  # honoured and removed, so the resume starts clean
    summary, lines = run(data_dir, out, hp, resume=True)
    assert summary["status"] == "completed" and summary["resumed_from"] == [4]
    assert lines[0]["start_step"] == 4 and lines[0]["resumed_from"] == 4
    assert [x["step"] for x in lines if x["type"] == "metrics"] == [5, 6, 7]
    straight, resumed = metrics(tmp_path / "straight"), metrics(out)
    assert [r["step"] for r in resumed] == list(range(1, 8))
    for a, b in zip(straight, resumed):
        for key in ("loss", "kl", "grad_norm", "lr", "rewards/margins"):
            assert b[key] == pytest.approx(a[key], abs=1e-6), (a["step"], key)
    ta, tb = load_file(tmp_path / "straight" / "adapter" / "adapter_model.safetensors"), load_file(out / "adapter" / "adapter_model.safetensors")
    assert all(torch.allclose(ta[k], tb[k], atol=1e-6) for k in ta)


def test_resume_refuses_a_checkpoint_of_another_run_and_starts_fresh_without_one(data_dir, tmp_path):
    summary, lines = run(data_dir, tmp_path / "run", {"maxSteps": 3}, resume=True)
    assert summary["status"] == "completed" and lines[0]["start_step"] == 0  # no checkpoint yet: from the start
    run(data_dir, tmp_path / "ck", {"maxSteps": 6}, checkpoint_every=2)
    assert sorted(p.name for p in (tmp_path / "ck" / "checkpoints").iterdir()) == ["latest.json", "step-000002", "step-000004"]
    with pytest.raises(ResumeError, match="hyperparameters"):
        run(data_dir, tmp_path / "ck", {"maxSteps": 6, "beta": 0.1}, resume=True)
    # A fresh (not --resume) run in the folder drops the earlier run's checkpoints.
    run(data_dir, tmp_path / "ck", {"maxSteps": 3})
    assert not (tmp_path / "ck" / "checkpoints").exists()


def test_epochs_decide_the_length_and_a_time_limit_stops_early(data_dir, tmp_path):
    summary, _ = run(data_dir, tmp_path / "ep", {"epochs": 2})
    assert summary["total_steps"] == 2 * (32 // 4) and summary["steps"] == 16 and metrics(tmp_path / "ep")[-1]["epoch"] == 2.0
    summary, lines = run(data_dir, tmp_path / "tl", {"maxSteps": 50}, time_limit_s=1e-6)
    assert summary["status"] == "time_limit" and summary["steps"] == 1 and lines[-1]["type"] == "done" and lines[-1]["status"] == "time_limit"

"""`python3 -m toolrec_trainer train` as the worker spawns it: JSON lines on stdout, logs on
stderr, exit codes 0 done / 1 crash / 2 invalid input / 3 cancelled, SIGTERM, --resume."""

import hashlib
import json
import signal
import subprocess
import sys

from conftest import run_main, run_trainer, small_train_args, trainer_env

PROTOCOL_TYPES = {"start", "metrics", "progress", "checkpoint", "done", "cancelled", "error"}


def test_a_finished_run_speaks_the_protocol(data_dir, tmp_path):
    out = tmp_path / "run"
    rc, lines, err = run_trainer(small_train_args(data_dir, out, "--max-steps", "4", "--checkpoint-every", "2"))
    assert rc == 0, err
    assert {x["type"] for x in lines} <= PROTOCOL_TYPES
    start, done = lines[0], lines[-1]
    assert start["type"] == "start" and start["protocol"] == 1 and start["total_steps"] == 4 and start["start_step"] == 0
    assert start["hyperparameters"]["batchSize"] == 4 and start["hyperparameters"]["beta"] == 0.01 and start["world_size"] == 1
    steps = [x for x in lines if x["type"] == "metrics"]
    assert [x["step"] for x in steps] == [1, 2, 3, 4]
    for x in steps:
        for key in ("epoch", "loss", "kl", "rewards/chosen", "rewards/rejected", "rewards/margins", "logps/chosen", "logps/rejected", "lr", "grad_norm", "tokens_per_s", "memory_mb"):
            assert key in x, key
    progress = [x for x in lines if x["type"] == "progress"]
    assert [(x["step"], x["total_steps"], x["progress"]) for x in progress] == [(1, 4, 0.25), (2, 4, 0.5), (3, 4, 0.75), (4, 4, 1.0)]
    assert [x["step"] for x in lines if x["type"] == "checkpoint"] == [2]  # none after the last step: the adapter is final
    assert done["type"] == "done" and done["status"] == "completed" and done["step"] == 4
    kinds = {a["path"]: a["kind"] for a in done["artifacts"]}
    assert kinds == {"adapter/adapter_config.json": "adapter", "adapter/adapter_model.safetensors": "adapter", "run.json": "run", "metrics.jsonl": "metrics"}
    for a in done["artifacts"]:
        data = (out / a["path"]).read_bytes()
        assert len(data) == a["bytes"] and hashlib.sha256(data).hexdigest() == a["sha256"]
    assert [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()] == [{k: v for k, v in x.items() if k != "type"} for x in steps]
    assert "[trainer] step 4/4" in err and "ETA" in err  # the human log is on stderr


def test_sigterm_checkpoints_and_exits_3_then_resume_finishes(data_dir, tmp_path):
    out = tmp_path / "run"
    args = small_train_args(data_dir, out, "--max-steps", "400", "--quiet")
    p = subprocess.Popen([sys.executable, "-m", "toolrec_trainer", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=trainer_env())
    lines = []
    for raw in p.stdout:
        lines.append(json.loads(raw))
        if lines[-1]["type"] == "metrics" and lines[-1]["step"] == 2:
            p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=120) == 3
    last = lines[-1]
    assert last["type"] == "cancelled" and last["reason"] == "SIGTERM" and last["step"] >= 2
    assert last["checkpoint"] == f"checkpoints/step-{last['step']:06d}" and (out / last["checkpoint"] / "adapter_model.safetensors").is_file()
    ck = lines[-2]
    assert (ck["type"], ck["step"], ck["path"], ck["reason"]) == ("checkpoint", last["step"], last["checkpoint"], "cancel")
    assert sorted(ck["files"]) == sorted([f"{last['checkpoint']}/{name}" for name in ("adapter_model.safetensors", "state.json", "trainer_state.pt")] + ["checkpoints/latest.json"])
    assert all((out / f).is_file() for f in ck["files"])
    assert json.loads((out / "run.json").read_text())["status"] == "cancelled"
    rc, lines, err = run_trainer(small_train_args(data_dir, out, "--max-steps", "400", "--resume", "--quiet", "--time-limit", "1"))
    assert rc == 0, err
    assert lines[0]["start_step"] == last["step"] and lines[-1]["type"] == "done"
    recorded = [json.loads(x)["step"] for x in (out / "metrics.jsonl").read_text().splitlines()]
    assert recorded == list(range(1, recorded[-1] + 1)) and recorded[-1] > last["step"]


def test_a_cancel_file_cancels_too(data_dir, tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    (tmp_path / "stop").touch()
    rc, lines = run_main(small_train_args(data_dir, out, "--max-steps", "5", "--cancel-file", str(tmp_path / "stop")))
    assert rc == 3 and lines[-1] == {"type": "cancelled", "step": 0, "total_steps": 5, "reason": "cancel file", "checkpoint": None}


def test_a_crash_exits_1_with_one_line_reason_last_on_stderr(data_dir, tmp_path):
    # A model whose positions end before the rows do fails inside the forward pass.
    args = small_train_args(data_dir, tmp_path / "run", "--max-steps", "2")
    args[args.index("--model-config") + 1] = json.dumps({"hidden_size": 32, "max_position_embeddings": 16})
    rc, lines, err = run_trainer(args)
    assert rc == 1
    assert lines[-1]["type"] == "error" and lines[-1]["kind"] == "crash" and "max_position_embeddings" in lines[-1]["message"]
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: ValueError: ") and "max_position_embeddings" in last


def test_invalid_inputs_exit_2(data_dir, tmp_path, capsys):
    rc, lines = run_main(["train", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "run")])
    assert rc == 2 and lines[-1]["kind"] == "invalid_input" and "no such file" in lines[-1]["message"]
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("error: ")
    rc, lines = run_main(["train", "--data", str(data_dir), "--out", str(tmp_path / "run"), "--model", "gpt-17"])
    assert rc == 2 and lines[-1]["field"] == "model"
    rc, lines = run_main(small_train_args(data_dir, tmp_path / "run", "--gpus", "2"))
    assert rc == 2 and lines[-1]["field"] == "gpus" and "torchrun --nproc_per_node 2" in lines[-1]["message"]

#!/usr/bin/env python3
"""GPU check of the trainer: one command, one results JSON.

    python3 apps/trainer/device/gpu_check.py --out DIR            # on the GPU machine (about 6-8 minutes)
    python3 apps/trainer/device/gpu_check.py --out DIR --dry-run  # on a CPU: a tiny shape, the same code path

Stages (each bounded by the remaining budget, each recorded even when it fails):
  environment   GPU, driver, library versions
  pytest        the trainer's test suite (not in --dry-run)
  worker_path   what apps/worker will do: spawn `python3 -m toolrec_trainer train` on a
                Qwen3-0.6B-shaped toolrec/tiny-random (bf16), read its JSON lines, check the
                protocol and the artifacts; then SIGTERM a second run (exit 3, checkpoint)
                and --resume it to the end
  benchmark     in process, per model path (toolrec/tiny-random in plain PyTorch, and
                qwen3-random through transformers + peft where installed), the same batches
                timed as weighted KTO, unweighted (vanilla) KTO and a plain supervised step:
                tokens/s, peak memory, MFU from the FLOP count of toolrec_trainer/flops.py
                (checked against torch's FlopCounterMode where it exists), the weights' cost,
                and KTO's step time over SFT's against the FLOP-count expectation

Writes DIR/gpu-check.json (rewritten after every stage, so a timeout leaves what was done).
Exit status 0 when every stage that ran passed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

HERE = Path(__file__).resolve().parent
TRAINER = HERE.parent
sys.path.insert(0, str(TRAINER))

import torch  # noqa: E402

from toolrec_trainer.data import collate, encode_dataset  # noqa: E402
from toolrec_trainer.distributed import Dist  # noqa: E402
from toolrec_trainer.flops import describe, peak_flops, step_flops  # noqa: E402
from toolrec_trainer.hyperparameters import resolve_hyperparameters  # noqa: E402
from toolrec_trainer.models import build_model  # noqa: E402
from toolrec_trainer.synth import synth_rows, write_synth  # noqa: E402
from toolrec_trainer.train import device_name, kto_forward_backward, sft_forward_backward  # noqa: E402

#: Qwen3-0.6B's shape (its config.json's numbers): 0.6B parameters, 0.44B of them in the decoder's projections.
QWEN3_06B = {"vocab_size": 151936, "hidden_size": 1024, "intermediate_size": 3072, "num_hidden_layers": 28, "num_attention_heads": 16,
             "num_key_value_heads": 8, "head_dim": 128, "rope_theta": 1000000.0, "max_position_embeddings": 40960}
#: The dry run's shape: grouped-query attention and a vocabulary beyond the byte tokenizer's, like the real one.
TINY = {"vocab_size": 300, "hidden_size": 32, "intermediate_size": 96, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2}

PLANS = {
    "gpu": {"device": "cuda", "precision": "bf16", "model_config": QWEN3_06B, "rows": 1024, "batch": 32, "max_length": 512,
            "worker_steps": 40, "worker_time_limit": 60, "bench_warmup": 3, "bench_rounds": 3, "bench_steps": 6, "budget_s": 450},
    "dry-run": {"device": "cpu", "precision": "fp32", "model_config": TINY, "rows": 32, "batch": 4, "max_length": 48,
                "worker_steps": 3, "worker_time_limit": 30, "bench_warmup": 1, "bench_rounds": 2, "bench_steps": 1, "budget_s": 240},
}

FLOPS_PER_TOKEN = (
    "per token of a row of length T: forward with the adapter 2(N_base + N_lora) + attn(T), forward without it 2 N_base + attn(T), "
    "backward 2 N_base + 4 N_lora + 2 attn(T) (frozen base: activation gradients only), attn(T) = 4 layers heads head_dim T; "
    "plus 2 V d per predicted completion token for the head (forward, and backward in the gradient pass). "
    "KTO step = forward+backward on the N examples + forward with the adapter on the N KL pairs + forward without it on both; "
    "SFT step = forward+backward on the N examples. N_base = decoder projections (embeddings excluded), real (unpadded) tokens only."
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


def trainer_env() -> Dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(TRAINER) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Check:
    def __init__(self, out: Path, mode: str, budget_s: float) -> None:
        self.out = out
        self.deadline = time.monotonic() + budget_s
        self.results: Dict[str, Any] = {"check": "apps/trainer/device/gpu_check.py", "mode": mode, "started_at": now(), "budget_s": budget_s, "stages": {}, "summary": {}}

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def save(self) -> None:
        self.results["updated_at"] = now()
        tmp = self.out / "gpu-check.json.tmp"
        tmp.write_text(json.dumps(self.results, indent=2, default=str) + "\n", encoding="utf-8")
        os.replace(tmp, self.out / "gpu-check.json")

    def stage(self, name: str, need_s: float, fn: Callable[[], Dict[str, Any]]) -> None:
        if self.left() < need_s:
            self.results["stages"][name] = {"ok": None, "skipped": f"{self.left():.0f} s left of the budget, the stage needs about {need_s:.0f} s"}
            self.save()
            return
        t0 = time.monotonic()
        print(f"== {name} ({self.left():.0f} s left)", file=sys.stderr, flush=True)
        try:
            result = {"ok": True, **fn()}
        except Exception as e:  # noqa: BLE001 - a failed stage is a result
            result = {"ok": False, "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()[-4000:]}
            print(result["traceback"], file=sys.stderr)
        result["seconds"] = round(time.monotonic() - t0, 1)
        self.results["stages"][name] = result
        self.save()


# ---------------------------------------------------------------------------------------------
# Stages


def environment() -> Dict[str, Any]:
    info: Dict[str, Any] = {"python": platform.python_version(), "host": platform.node()}
    for name in ("torch", "transformers", "peft", "accelerate", "safetensors", "numpy", "pytest"):
        try:
            info[name] = importlib.import_module(name).__version__
        except Exception as e:  # noqa: BLE001
            info[name] = f"missing ({type(e).__name__})"
    info["cuda_available"] = torch.cuda.is_available()
    if torch.cuda.is_available():
        info["device"] = torch.cuda.get_device_name(0)
        info["device_count"] = torch.cuda.device_count()
        info["bf16"] = torch.cuda.is_bf16_supported()
        info["cuda"] = torch.version.cuda
        info["peak_bf16_flops"] = peak_flops(info["device"])
    smi = shutil.which("nvidia-smi")
    if smi:
        q = subprocess.run([smi, "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"], capture_output=True, text=True, timeout=30)
        info["nvidia_smi"] = q.stdout.strip()
    return info


def run_pytest(timeout_s: float) -> Dict[str, Any]:
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", str(TRAINER / "tests")], capture_output=True, text=True, env=trainer_env(), timeout=timeout_s, cwd=TRAINER.parent.parent)
    tail = p.stdout.strip().splitlines()[-15:]
    if p.returncode != 0:
        raise RuntimeError(f"pytest exited {p.returncode}: " + " | ".join(tail[-5:]))
    return {"summary": tail[-1] if tail else "", "skips": [line for line in tail if line.startswith("SKIPPED")]}


def trainer_args(plan: Dict[str, Any], data: Path, out: Path, steps: int, *extra: str) -> List[str]:
    hp = {"batchSize": plan["batch"], "maxLength": plan["max_length"], "maxSteps": steps, "learningRate": 1e-4}
    return [sys.executable, "-m", "toolrec_trainer", "train", "--data", str(data), "--out", str(out), "--model", "toolrec/tiny-random",
            "--model-config", json.dumps(plan["model_config"]), "--device", plan["device"], "--precision", plan["precision"],
            "--hyperparameters", json.dumps(hp), "--quiet", *extra]


def spawn(args: List[str], timeout_s: float, on_line: Optional[Callable[[Dict[str, Any], subprocess.Popen], None]] = None) -> Dict[str, Any]:
    """Runs the trainer the way the worker does: a child process, JSON lines on stdout."""
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=trainer_env())
    lines: List[Dict[str, Any]] = []
    deadline = time.monotonic() + timeout_s
    assert p.stdout is not None
    for raw in p.stdout:
        line = json.loads(raw)  # every stdout line must be a protocol line
        lines.append(line)
        if on_line:
            on_line(line, p)
        if time.monotonic() > deadline:
            p.kill()
            break
    rc = p.wait(timeout=max(5.0, deadline - time.monotonic()))
    err = p.stderr.read() if p.stderr else ""
    return {"rc": rc, "lines": lines, "stderr_tail": err.strip().splitlines()[-5:]}


def worker_path(plan: Dict[str, Any], work: Path, check: Check) -> Dict[str, Any]:
    data = work / "data"
    write_synth(data, n=plan["rows"], seed=0)
    out = work / "run"
    run = spawn(trainer_args(plan, data, out, plan["worker_steps"], "--time-limit", str(plan["worker_time_limit"]), "--checkpoint-every", "10"), timeout_s=min(300, check.left() - 60))
    lines, problems = run["lines"], []
    types = [x["type"] for x in lines]
    if run["rc"] != 0 or not types or types[0] != "start" or types[-1] != "done":
        raise RuntimeError(f"trainer exited {run['rc']} with {types[-1:] or 'no line'}: {run['stderr_tail']}")
    steps = [x["step"] for x in lines if x["type"] == "metrics"]
    if steps != list(range(1, len(steps) + 1)) or [x["step"] for x in lines if x["type"] == "progress"] != steps:
        problems.append("metrics/progress steps are not 1..n")
    for a in lines[-1]["artifacts"]:
        blob = (out / a["path"]).read_bytes()
        if len(blob) != a["bytes"] or hashlib.sha256(blob).hexdigest() != a["sha256"]:
            problems.append(f"artifact {a['path']} does not match its size/sha256")
    summary = json.loads((out / "run.json").read_text())
    metrics = [x for x in lines if x["type"] == "metrics"]
    result: Dict[str, Any] = {
        "protocol_ok": not problems, "problems": problems, "steps": len(steps), "status": lines[-1]["status"],
        "artifacts": [a["path"] for a in lines[-1]["artifacts"]],
        "parameters": summary["model"]["parameters"], "precision": summary["precision"], "device_name": summary["device_name"],
        "tokens_per_s": summary["tokens_per_s"], "step_time_s_mean": summary["step_time_s_mean"], "peak_memory_mb": summary["peak_memory_mb"],
        "peak_memory_reserved_mb": summary.get("peak_memory_reserved_mb"), "model_flops_per_s": summary["model_flops_per_s"], "mfu": summary["mfu"],
        "loss_first": metrics[0]["loss"], "loss_last": metrics[-1]["loss"], "kl_last": metrics[-1]["kl"], "margins_last": metrics[-1]["rewards/margins"],
        "wall_time_s": summary["wall_time_s"],
    }

    # Cancel and resume, as a lease loss or a cancel would: SIGTERM after step 2, then --resume.
    out2 = work / "cancelled"

    def term_after_two(line: Dict[str, Any], p: subprocess.Popen) -> None:
        if line["type"] == "metrics" and line["step"] == 2:
            p.send_signal(signal.SIGTERM)

    many = 10_000
    cancelled = spawn(trainer_args(plan, data, out2, many), timeout_s=min(240, check.left() - 40), on_line=term_after_two)
    last = cancelled["lines"][-1] if cancelled["lines"] else {}
    result["cancel"] = {"rc": cancelled["rc"], "last_line": last}
    resumed = spawn(trainer_args(plan, data, out2, many, "--resume", "--time-limit", "5"), timeout_s=min(240, check.left() - 20))
    result["resume"] = {"rc": resumed["rc"], "start_step": resumed["lines"][0].get("start_step") if resumed["lines"] else None,
                        "last_type": resumed["lines"][-1]["type"] if resumed["lines"] else None}
    cancel_ok = cancelled["rc"] == 3 and last.get("type") == "cancelled" and bool(last.get("checkpoint"))
    resume_ok = resumed["rc"] == 0 and result["resume"]["start_step"] == last.get("step") and result["resume"]["last_type"] == "done"
    if not (cancel_ok and resume_ok and not problems):
        raise RuntimeError(f"protocol problems {problems}, cancel {result['cancel']}, resume {result['resume']} {resumed['stderr_tail']}")
    return result


def _flop_counter() -> Any:
    try:
        from torch.utils.flop_counter import FlopCounterMode  # torch >= 2.1

        return FlopCounterMode
    except ImportError:
        return None


def benchmark(plan: Dict[str, Any], model_id: str) -> Dict[str, Any]:
    """The same batches as weighted KTO, vanilla KTO and SFT steps (AdamW step included, like
    the trainer), interleaved in rounds so drift hits every mode alike; medians per mode."""
    device = torch.device(plan["device"])
    bf16 = plan["precision"] == "bf16"
    hp = resolve_hyperparameters({"batchSize": plan["batch"], "maxLength": plan["max_length"], "learningRate": 1e-5})
    t0 = time.monotonic()
    model = build_model(model_id, plan["model_config"], hp, device, bf16_weights=bf16 and device.type == "cuda")
    build_s = time.monotonic() - t0
    model.root.train()
    params = model.trainable_parameters()
    optimizer = torch.optim.AdamW(params, lr=hp["learningRate"], **({"fused": True} if device.type == "cuda" and "fused" in torch.optim.AdamW.__init__.__code__.co_varnames else {}))
    autocast = (lambda: torch.autocast(device_type=device.type, dtype=torch.bfloat16)) if bf16 else nullcontext
    tok = model.tokenizer
    encoded = encode_dataset(tok, synth_rows(plan["batch"] * plan["bench_steps"], seed=5))
    cpu_batches = [collate(encoded[i : i + plan["batch"]], tok.pad_token_id, plan["max_length"], pad_to_multiple_of=8) for i in range(0, len(encoded), plan["batch"])]
    batches = [b.to(device) for b in cpu_batches]
    dist = Dist()
    shape = model.flop_shape

    def flops_of(b: Any, kind: str) -> Optional[int]:
        if shape is None:
            return None
        return step_flops(shape, b.attention_mask.sum(1).tolist(), int(b.completion_mask[:, 1:].sum()), b.kl_attention_mask.sum(1).tolist(), int(b.kl_completion_mask[:, 1:].sum()), kind)

    def one(mode: str, b: Any) -> None:
        optimizer.zero_grad(set_to_none=True)
        if mode == "sft":
            sft_forward_backward(model, b, autocast)
        else:
            kto_forward_backward(model, model.logps, b, hp, dist, b.size, autocast, weighted=mode == "kto_weighted")
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()

    def sync() -> None:
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    modes = ["kto_weighted", "kto_unweighted", "sft"]
    for mode in modes:
        for b in batches[: plan["bench_warmup"]]:
            one(mode, b)
    sync()
    times: Dict[str, List[float]] = {m: [] for m in modes}
    peak_mb: Dict[str, float] = {m: 0.0 for m in modes}
    for r in range(plan["bench_rounds"]):
        for mode in modes[r % 3 :] + modes[: r % 3]:
            if device.type == "cuda":
                torch.cuda.reset_peak_memory_stats(device)
            sync()
            t = time.perf_counter()
            for b in batches:
                one(mode, b)
            sync()
            times[mode].append((time.perf_counter() - t) / len(batches))
            if device.type == "cuda":
                peak_mb[mode] = max(peak_mb[mode], torch.cuda.max_memory_allocated(device) / 2**20)
    tokens = sum(b.tokens for b in cpu_batches) / len(cpu_batches)
    peak = peak_flops(device_name(device)) if device.type == "cuda" else None
    out: Dict[str, Any] = {"model": model_id, "parameters": model.info["parameters"], "build_s": round(build_s, 1), "batch": plan["batch"],
                           "tokens_per_step": tokens, "padded_tokens_per_step": sum(b.input_ids.numel() for b in cpu_batches) / len(cpu_batches),
                           "flop_shape": describe(shape) if shape else None, "modes": {}}
    for mode in modes:
        step_s = statistics.median(times[mode])
        f = statistics.mean(flops_of(b, "sft" if mode == "sft" else "kto") or 0 for b in cpu_batches) or None
        out["modes"][mode] = {"step_s": step_s, "step_s_rounds": times[mode], "tokens_per_s": tokens / step_s, "model_flops_per_step": f,
                              "model_flops_per_s": f / step_s if f else None, "mfu": f / step_s / peak if f and peak else None,
                              "peak_memory_mb": peak_mb[mode] or None}
    w, u, s = (out["modes"][m] for m in modes)
    out["weights_cost"] = w["step_s"] / u["step_s"] - 1  # the brief: under 3%
    out["weights_cost_under_3_percent"] = out["weights_cost"] < 0.03
    out["kto_over_sft_step_time"] = w["step_s"] / s["step_s"]
    out["kto_over_sft_expected_from_flops"] = w["model_flops_per_step"] / s["model_flops_per_step"] if w["model_flops_per_step"] else None
    if out["kto_over_sft_expected_from_flops"]:
        out["kto_over_sft_measured_over_expected"] = out["kto_over_sft_step_time"] / out["kto_over_sft_expected_from_flops"]
    counter = _flop_counter()
    if counter is None:
        out["flop_counter"] = {"skipped": f"torch {torch.__version__} has no torch.utils.flop_counter (torch >= 2.1)"}
    else:
        counted = {}
        for mode, kind in (("kto_weighted", "kto"), ("sft", "sft")):
            with counter(display=False) as fc:
                one(mode, batches[0])
            counted[mode] = {"torch_counted": fc.get_total_flops(), "ours": flops_of(cpu_batches[0], kind)}
            counted[mode]["torch_over_ours"] = counted[mode]["torch_counted"] / counted[mode]["ours"] if counted[mode]["ours"] else None
        out["flop_counter"] = {**counted, "note": "torch counts the padded shapes (and the full attention square); ours counts real tokens"}
    del model, optimizer, batches
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return out


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.environ.get("OUT", "gpu-check-out"))
    p.add_argument("--dry-run", action="store_true", help="CPU, tiny shape, no pytest: the same code path in seconds")
    p.add_argument("--budget-s", type=float, default=None)
    p.add_argument("--skip-pytest", action="store_true")
    args = p.parse_args(argv)
    mode = "dry-run" if args.dry_run else "gpu"
    plan = PLANS[mode]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    check = Check(out, mode, args.budget_s or plan["budget_s"])
    check.results["plan"] = plan
    check.results["flops_per_token"] = FLOPS_PER_TOKEN
    if mode == "gpu" and not torch.cuda.is_available():
        check.results["error"] = "no CUDA device: run with --dry-run on a CPU"
        check.save()
        print(check.results["error"], file=sys.stderr)
        return 2
    check.stage("environment", 0, environment)
    if mode == "gpu" and not args.skip_pytest:
        check.stage("pytest", 200, lambda: run_pytest(min(150.0, check.left() - 200)))
    with tempfile.TemporaryDirectory(prefix="gpu-check-") as tmp:
        check.stage("worker_path", 60 if mode == "gpu" else 10, lambda: worker_path(plan, Path(tmp), check))
    check.stage("benchmark_tiny_random", 60 if mode == "gpu" else 5, lambda: benchmark(plan, "toolrec/tiny-random"))
    hf_ready = all(importlib.util.find_spec(m) is not None for m in ("transformers", "peft"))
    if hf_ready:
        check.stage("benchmark_qwen3_random", 90 if mode == "gpu" else 5, lambda: benchmark(plan, "qwen3-random"))
    else:
        check.results["stages"]["benchmark_qwen3_random"] = {"ok": None, "skipped": "transformers/peft are not installed here"}

    st = check.results["stages"]
    wp, bt, bh = st.get("worker_path", {}), st.get("benchmark_tiny_random", {}), st.get("benchmark_qwen3_random", {})
    check.results["summary"] = {
        "device": (st.get("environment") or {}).get("device", "cpu"),
        "model": f"toolrec/tiny-random, Qwen3 shape {plan['model_config']}",
        "parameters": wp.get("parameters") or bt.get("parameters"),
        "worker_path_tokens_per_s": wp.get("tokens_per_s"),
        "worker_path_peak_memory_mb": wp.get("peak_memory_mb"),
        "worker_path_mfu": wp.get("mfu"),
        "protocol_cancel_resume_ok": wp.get("ok"),
        **{f"{name}_{k}": (b.get("modes") or {}).get("kto_weighted", {}).get(k) for name, b in (("tiny", bt), ("hf", bh)) for k in ("tokens_per_s", "mfu", "peak_memory_mb")},
        **{f"{name}_{k}": b.get(k) for name, b in (("tiny", bt), ("hf", bh)) for k in ("weights_cost", "weights_cost_under_3_percent", "kto_over_sft_step_time", "kto_over_sft_expected_from_flops")},
        "passed": all(s.get("ok") is not False for s in st.values()),
    }
    check.results["finished_at"] = now()
    check.save()
    print(json.dumps(check.results["summary"], indent=2), file=sys.stderr)
    return 0 if check.results["summary"]["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())

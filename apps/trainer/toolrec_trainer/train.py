"""The training loop: a LoRA adapter trained with the sample-weighted KTO loss (definitions.md,
Eq. 2-5 and 8), one loop for every model (models.TrainableModel) and for 1..G processes.

Per step, for a batch of N examples and their N KL pairs (prompt j, completion j-1 mod N):
one pass with gradient (the examples, adapter on), one without (the KL pairs, adapter on) and
one without for pi_ref (examples + KL pairs, adapter off). AdamW on the adapter, cosine
schedule with linear warmup, gradient clipping.

Outputs in --out (README.md, "Artifacts"): metrics.jsonl, adapter/, run.json, checkpoints/.
Protocol lines on the Emitter's stream (protocol.py); human logs on stderr.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import random
import resource
import shutil
import signal
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, TextIO

import torch

from . import __version__
from .checkpoint import CHECKPOINTS, LATEST, ResumeError, latest_checkpoint, load_checkpoint, save_checkpoint
from .data import DataOrder, DatasetError, KtoBatch, collate, encode_dataset, read_dataset, steps_per_epoch
from .distributed import Dist, from_environment
from .flops import describe as describe_flops
from .flops import peak_flops, step_flops
from .hyperparameters import HyperparameterError, resolve_hyperparameters
from .loss import kl_statistics, kto_terms, metrics_from_sums, reference_point
from .logps import sft_loss
from .models import MODEL_ID, TrainableModel, build_model
from .protocol import PROTOCOL_VERSION, Emitter, stderr_log

METRICS_FILE = "metrics.jsonl"
RUN_FILE = "run.json"
ADAPTER_DIR = "adapter"
CANCEL_FILE = "CANCEL"


@dataclass
class RunOptions:
    """How to run (the hyperparameters say what to train)."""

    data: str
    out: str
    model: str = MODEL_ID
    model_config: Optional[Dict[str, Any]] = None  # shape overrides for tiny-random / qwen3-random
    device: Optional[str] = None  # cpu | cuda; default cuda when there is one and gpus > 0
    precision: str = "auto"  # auto (bf16 on a bf16 GPU, else fp32) | bf16 | fp32
    resume: bool = False  # continue from the newest checkpoint in `out` (start fresh if none)
    cancel_file: Optional[str] = None  # default OUT/CANCEL; its appearance cancels like SIGTERM
    checkpoint_every: int = 0  # steps between checkpoints (0: by time only)
    checkpoint_interval_s: float = 600.0  # seconds between checkpoints (0: by steps only)
    keep_checkpoints: int = 2
    time_limit_s: Optional[float] = None  # stop (and save) before this much training time
    verify_checksum: bool = True
    quiet: bool = False


#: Errors that mean "this input cannot be trained" (exit 2), as opposed to a crash (exit 1).
INPUT_ERRORS = (HyperparameterError, DatasetError, ResumeError)


def cosine_schedule_with_warmup(optimizer: torch.optim.Optimizer, warmup_steps: int, total_steps: int) -> torch.optim.lr_scheduler.LambdaLR:
    """Linear warmup from 0, then cosine decay to 0 (transformers' get_cosine_schedule_with_warmup)."""

    def factor(step: int) -> float:
        if step < warmup_steps:
            return step / max(1, warmup_steps)
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress))))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def warmup_steps_for(total_steps: int, warmup_ratio: float) -> int:
    return math.ceil(total_steps * warmup_ratio)


def peak_memory_mb(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    # CPU: the process's peak resident set size (ru_maxrss is in KiB on Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return platform.processor() or platform.machine() or "cpu"


def versions() -> Dict[str, Optional[str]]:
    out: Dict[str, Optional[str]] = {"toolrec_trainer": __version__, "python": platform.python_version(), "torch": torch.__version__, "cuda": torch.version.cuda}
    for name in ("transformers", "peft"):
        try:
            out[name] = __import__(name).__version__
        except ImportError:
            out[name] = None
    return out


def _fmt_eta(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _fmt(v: Optional[float], spec: str) -> str:
    return "n/a" if v is None else format(v, spec)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _artifact(out: Path, path: Path, kind: str) -> Dict[str, Any]:
    return {"path": path.relative_to(out).as_posix(), "kind": kind, "bytes": path.stat().st_size, "sha256": _sha256(path)}


def _rng_state(device: torch.device) -> Dict[str, Any]:
    state: Dict[str, Any] = {"torch": torch.get_rng_state(), "python": random.getstate()}
    if device.type == "cuda":
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def _set_rng_state(state: Dict[str, Any], device: torch.device) -> None:
    torch.set_rng_state(state["torch"])
    random.setstate(state["python"])
    if device.type == "cuda" and "cuda" in state and len(state["cuda"]) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(state["cuda"])


def kto_forward_backward(model: TrainableModel, policy_logps: Callable[..., torch.Tensor], batch: KtoBatch, hp: Dict[str, Any], dist: Dist,
                         batch_size: int, autocast: Callable[[], Any] = nullcontext, weighted: bool = True) -> Dict[str, Optional[float]]:
    """One KTO step's passes, loss (Eq. 2-5, 8) and backward on this rank's rows; returns the
    batch's metrics (summed over ranks). `policy_logps` is model.logps or its DDP wrapper;
    `weighted=False` is vanilla KTO (no sample weights), for the cost comparison."""
    logps = model.logps
    with autocast():
        # log pi_theta(y_i|x_i): the only pass with a gradient.
        policy = policy_logps(batch.input_ids, batch.attention_mask, batch.completion_mask)
        with torch.no_grad():
            # KL pairs under the policy (z is detached: no gradient needed).
            kl_policy = logps(batch.kl_input_ids, batch.kl_attention_mask, batch.kl_completion_mask)
            # pi_ref = the base model with the adapter off; examples and KL pairs in one pass.
            with model.reference():
                ref_all = logps(
                    torch.cat([batch.input_ids, batch.kl_input_ids]),
                    torch.cat([batch.attention_mask, batch.kl_attention_mask]),
                    torch.cat([batch.completion_mask, batch.kl_completion_mask]),
                )
    reference, kl_reference = ref_all[: batch.size], ref_all[batch.size :]
    # Eq. 4 over the whole batch: every rank's KL pairs.
    kl_sum, kl_count = dist.all_reduce(torch.stack(kl_statistics(kl_policy, kl_reference))).unbind()
    z, kl = reference_point(kl_sum, kl_count, hp["beta"])
    loss, sums = kto_terms(policy, reference, batch.labels, batch.weights if weighted else None, z, hp["beta"], hp["lambdaD"], hp["lambdaU"], batch_size)
    # DDP averages gradients over ranks; each rank's loss is its share of sum/N.
    (loss * dist.world).backward()
    return metrics_from_sums(dist.all_reduce(sums), batch_size, z, kl)


def sft_forward_backward(model: TrainableModel, batch: KtoBatch, autocast: Callable[[], Any] = nullcontext) -> float:
    """A plain supervised step's forward and backward on the same rows (the GPU check's
    baseline for KTO's cost): mean NLL of the completion tokens."""
    with autocast():
        logps = model.logps(batch.input_ids, batch.attention_mask, batch.completion_mask)
    loss = sft_loss(logps, batch.completion_mask[:, 1:].sum())
    loss.backward()
    return float(loss.detach())


class _StopSignal:
    """SIGTERM / SIGINT ask for a cancel at the next step boundary (never mid-step)."""

    def __init__(self) -> None:
        self.requested: Optional[str] = None
        self._previous: Dict[int, Any] = {}

    def __enter__(self) -> "_StopSignal":
        try:
            for sig in (signal.SIGTERM, signal.SIGINT):
                self._previous[sig] = signal.signal(sig, self._handle)
        except ValueError:  # not the main thread: rely on the cancel file
            pass
        return self

    def _handle(self, signum: int, _frame: Any) -> None:
        self.requested = signal.Signals(signum).name

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


@dataclass
class _Run:
    """What the loop carries between steps (and through checkpoints)."""

    step: int = 0
    train_time_s: float = 0.0
    tokens_total: int = 0
    resumed_from: List[int] = field(default_factory=list)
    last_checkpoint_step: Optional[int] = None
    last_checkpoint_at: float = 0.0


def train(
    opts: RunOptions,
    hyperparameters: Optional[Dict[str, Any]] = None,
    emit_stream: Optional[TextIO] = None,
    on_step: Optional[Callable[[Dict[str, Any]], None]] = None,
) -> Dict[str, Any]:
    """Trains as `opts` and the (camelCase, unresolved) `hyperparameters` say; returns the
    run.json summary ("status": completed | time_limit | cancelled). Raises INPUT_ERRORS for
    input that cannot be trained and anything else for a crash."""
    if opts.model == "toolrec/ranker":
        # The linear suggestion policy (ranker.py): same loss, Plackett-Luce list log-probabilities.
        from .ranker import train_ranker

        return train_ranker(opts, hyperparameters, emit_stream=emit_stream, on_step=on_step)
    started = time.perf_counter()
    started_at = datetime.now(timezone.utc).isoformat()
    say = stderr_log(opts.quiet)
    hp = resolve_hyperparameters(hyperparameters)

    device_type = opts.device or ("cuda" if hp["gpus"] > 0 and torch.cuda.is_available() else "cpu")
    if device_type not in ("cpu", "cuda"):
        raise HyperparameterError([("device", f"device must be cpu or cuda, got {device_type!r}")])
    if device_type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda was asked for but torch sees no CUDA device")
    if device_type == "cuda" and hp["gpus"] == 0:
        raise HyperparameterError([("gpus", "gpus 0 asks for a CPU run, but --device cuda was given")])
    # Installed before the model loads: a SIGTERM while loading cancels at step 0 cleanly.
    with _StopSignal() as signals:
        dist = from_environment(device_type)
        try:
            return _train(opts, hp, dist, device_type, started, started_at, say, emit_stream, on_step, signals)
        finally:
            dist.close()


def _train(opts: RunOptions, hp: Dict[str, Any], dist: Dist, device_type: str, started: float, started_at: str, say: Callable[[str], None],
           emit_stream: Optional[TextIO], on_step: Optional[Callable[[Dict[str, Any]], None]], signals: "_StopSignal") -> Dict[str, Any]:
    expected_world = max(1, hp["gpus"])
    if dist.world != expected_world:
        raise HyperparameterError([("gpus", f"gpus is {hp['gpus']} but the trainer runs as {dist.world} process(es): start it with torchrun --nproc_per_node {expected_world}" if expected_world > 1 else f"gpus is {hp['gpus']} but the trainer runs as {dist.world} processes")])
    device = torch.device(device_type, dist.local_rank) if device_type == "cuda" else torch.device("cpu")
    if opts.precision not in ("auto", "bf16", "fp32"):
        raise HyperparameterError([("precision", "precision must be auto, bf16 or fp32")])
    use_bf16 = opts.precision == "bf16" or (opts.precision == "auto" and device.type == "cuda" and torch.cuda.is_bf16_supported())
    precision = "bf16-autocast" if use_bf16 else "fp32"
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        # A single-process run has not touched CUDA yet; the allocator's stats need it initialised.
        torch.cuda.set_device(device)
        torch.cuda.reset_peak_memory_stats(device)
    main = dist.is_main
    if not main:
        say = lambda _msg: None  # noqa: E731 - rank 0 logs
    emit = Emitter(emit_stream if main else None)
    out = Path(opts.out)
    if main:
        out.mkdir(parents=True, exist_ok=True)
    cancel_file = Path(opts.cancel_file) if opts.cancel_file else out / CANCEL_FILE

    dataset = read_dataset(opts.data, verify_checksum=opts.verify_checksum)
    say(f"[trainer] data {dataset.data_file} ({len(dataset)} rows, sha256 {dataset.sha256[:12]}, checksum {'verified' if dataset.checksum_verified else 'not recorded'})")
    model = build_model(opts.model, opts.model_config, hp, device, bf16_weights=use_bf16 and device.type == "cuda")
    encoded = encode_dataset(model.tokenizer, dataset.rows)
    n = len(encoded)
    batch_size = min(hp["batchSize"], n)
    batch_size -= batch_size % dist.world
    if n < 2 or batch_size < max(2, dist.world):
        raise DatasetError(f"{dataset.data_file}: {n} rows make no batch of at least {max(2, dist.world)} (KL pairs need 2 rows, and every process a share)")
    per_epoch = steps_per_epoch(n, batch_size)
    total_steps = hp["maxSteps"] if hp["maxSteps"] is not None else hp["epochs"] * per_epoch
    warmup = warmup_steps_for(total_steps, hp["warmupRatio"])
    params = model.trainable_parameters()
    adamw: Dict[str, Any] = {"lr": hp["learningRate"], "weight_decay": hp["weightDecay"]}
    if device.type == "cuda" and "fused" in torch.optim.AdamW.__init__.__code__.co_varnames:
        adamw["fused"] = True
    optimizer = torch.optim.AdamW(params, **adamw)
    scheduler = cosine_schedule_with_warmup(optimizer, warmup, total_steps)
    order = DataOrder(n, batch_size, hp["seed"])
    fingerprint = {
        "hyperparameters": {k: v for k, v in hp.items() if k != "gpus"},  # a requeue may land on another GPU count
        "dataset_sha256": dataset.sha256,
        "model": {"id": model.model_id, "config": model.info.get("config")},
        "batch_size": batch_size,
    }

    run = _Run(last_checkpoint_at=time.perf_counter())
    metrics_path = out / METRICS_FILE
    if opts.resume:
        folder = latest_checkpoint(out)
        if folder is None:
            say(f"[trainer] --resume: no checkpoint in {out}, starting at step 0")
        else:
            adapter, trainer_state, state = load_checkpoint(folder)
            for key, value in fingerprint.items():
                if json.loads(json.dumps(state.get(key), default=str)) != json.loads(json.dumps(value, default=str)):
                    raise ResumeError(f"{folder}: the checkpoint was made with another {key.replace('_', ' ')}; start a new run (or another --out)")
            model.load_adapter_state_dict(adapter)
            optimizer.load_state_dict(trainer_state["optimizer"])
            scheduler.load_state_dict(trainer_state["scheduler"])
            order.load_state(trainer_state["data_order"])
            _set_rng_state(trainer_state["rng"], device)
            run.step = run.last_checkpoint_step = int(state["step"])
            run.train_time_s = float(state["train_time_s"])
            run.tokens_total = int(state["tokens_total"])
            run.resumed_from = list(state.get("resumed_from", [])) + [run.step]
            say(f"[trainer] resuming from {folder} (step {run.step} of {total_steps})")
    if main:
        if run.step == 0 and (out / CHECKPOINTS).is_dir():
            # A fresh start: checkpoints of an earlier run in this folder must not be resumed later.
            shutil.rmtree(out / CHECKPOINTS)
            say(f"[trainer] removed the earlier run's {out / CHECKPOINTS}")
        # Steps after the checkpoint are trained (and reported) again.
        kept = []
        if run.step > 0 and metrics_path.is_file():
            kept = [ln for ln in metrics_path.read_text(encoding="utf-8").splitlines() if ln.strip() and json.loads(ln)["step"] <= run.step]
        metrics_path.write_text("".join(ln + "\n" for ln in kept), encoding="utf-8")

    logps = model.logps
    if dist.world > 1:
        # Gradients of the one pass with gradient are all-reduced (averaged) by DDP; the
        # no-gradient passes go to the unwrapped module.
        ddp_logps = torch.nn.parallel.DistributedDataParallel(logps, device_ids=[dist.local_rank] if device.type == "cuda" else None)
    else:
        ddp_logps = logps
    autocast = (lambda: torch.autocast(device_type=device.type, dtype=torch.bfloat16)) if use_bf16 else nullcontext
    peak = peak_flops(device_name(device)) if device.type == "cuda" else None
    shape = model.flop_shape
    start_step = run.step
    params_info = model.info.get("parameters", {})
    say(f"[trainer] model {model.model_id} ({params_info.get('total', 0):,} parameters, {params_info.get('trainable', 0):,} trainable, LoRA r={hp['loraRank']} alpha={hp['loraAlpha']:g}) on {device} {device_name(device)} ({precision}, {dist.world} process{'es' if dist.world > 1 else ''})")
    say(f"[trainer] {total_steps} steps ({per_epoch} per epoch), batch {batch_size}, lr {hp['learningRate']:g} (cosine, {warmup} warmup steps), beta {hp['beta']:g}, max length {hp['maxLength']}")
    emit.emit(
        "start", protocol=PROTOCOL_VERSION, pid=os.getpid(), world_size=dist.world, device=str(device), device_name=device_name(device), precision=precision,
        model={"id": model.model_id, "kind": model.kind, "parameters": params_info}, dataset=dataset.summary(), hyperparameters=hp,
        batch_size=batch_size, steps_per_epoch=per_epoch, total_steps=total_steps, start_step=start_step,
        resumed_from=run.step if run.resumed_from else None, out=str(out.resolve()),
    )

    def checkpoint(reason: str) -> None:
        if run.last_checkpoint_step == run.step or run.step == 0:
            return
        if main:
            trainer_state = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(), "data_order": order.state(), "rng": _rng_state(device)}
            state = {**fingerprint, "train_time_s": run.train_time_s, "tokens_total": run.tokens_total, "resumed_from": run.resumed_from, "total_steps": total_steps, "saved_at": datetime.now(timezone.utc).isoformat()}
            folder = save_checkpoint(out, run.step, model.adapter_state_dict(), trainer_state, state, keep=opts.keep_checkpoints)
            rel = folder.relative_to(out).as_posix()
            files = sorted(p.relative_to(out).as_posix() for p in folder.iterdir()) + [f"{CHECKPOINTS}/{LATEST}"]
            emit.emit("checkpoint", step=run.step, path=rel, reason=reason, files=files)
            say(f"[trainer] checkpoint {rel} ({reason})")
        run.last_checkpoint_step = run.step
        run.last_checkpoint_at = time.perf_counter()

    def stop_requested() -> Optional[str]:
        local = signals.requested or ("cancel file" if cancel_file.exists() else None)
        if dist.world == 1:
            return local
        # Every rank stops at the same step: one asked, all stop.
        flag = dist.all_reduce(torch.tensor([1.0 if local else 0.0], device=device), op="max")
        return (local or "another rank") if float(flag[0]) > 0 else None

    records: List[Dict[str, Any]] = []
    status = "completed"
    cancel_reason = None
    model.root.train()
    with (open(metrics_path, "a", encoding="utf-8") if main else nullcontext()) as metrics_file:
        while run.step < total_steps:
            cancel_reason = stop_requested()
            if cancel_reason:
                status = "cancelled"
                break
            t0 = time.perf_counter()
            step = run.step + 1
            full = collate([encoded[i] for i in order.next_batch()], model.tokenizer.pad_token_id, hp["maxLength"], pad_to_multiple_of=8)
            share = batch_size // dist.world
            batch = full.rows(dist.rank * share, (dist.rank + 1) * share).to(device) if dist.world > 1 else full.to(device)
            optimizer.zero_grad(set_to_none=True)
            metrics = kto_forward_backward(model, ddp_logps, batch, hp, dist, batch_size, autocast)
            if not math.isfinite(metrics["loss"] or 0.0):
                raise FloatingPointError(f"step {step}: the loss is not finite ({metrics['loss']}); lower learningRate or check the data")
            grad_norm = float(torch.nn.utils.clip_grad_norm_(params, hp["maxGradNorm"] if hp["maxGradNorm"] > 0 else float("inf")))
            lr = scheduler.get_last_lr()[0]
            optimizer.step()
            scheduler.step()
            if device.type == "cuda":
                torch.cuda.synchronize(device)
            dt = time.perf_counter() - t0
            run.step = step
            run.train_time_s += dt
            tokens = full.tokens
            run.tokens_total += tokens
            flops = None
            if shape is not None:
                flops = step_flops(shape, full.attention_mask.sum(1).tolist(), int(full.completion_mask[:, 1:].sum()),
                                   full.kl_attention_mask.sum(1).tolist(), int(full.kl_completion_mask[:, 1:].sum()))
            record: Dict[str, Any] = {
                "step": step,
                "epoch": round(step / per_epoch, 4),
                **metrics,
                "lr": lr,
                "grad_norm": grad_norm if math.isfinite(grad_norm) else None,
                "tokens": tokens,
                "tokens_per_s": tokens / dt if dt > 0 else None,
                "memory_mb": peak_memory_mb(device),
                "step_time_s": dt,
                "elapsed_s": time.perf_counter() - started,
                "flops": flops,
                "mfu": flops / dt / (peak * dist.world) if flops and peak and dt > 0 else None,
            }
            records.append(record)
            if main:
                emit.emit("metrics", **record)
                metrics_file.write(json.dumps(record) + "\n")
                metrics_file.flush()
                recent = [r["step_time_s"] for r in records[-20:]]
                eta = sum(recent) / len(recent) * (total_steps - step)
                emit.emit("progress", step=step, total_steps=total_steps, progress=step / total_steps, epoch=record["epoch"], elapsed_s=record["elapsed_s"], eta_s=eta)
                say(
                    f"[trainer] step {step}/{total_steps}  loss {metrics['loss']:.4f}  kl {metrics['kl']:.4f}  margins {_fmt(metrics['rewards/margins'], '.4f')}  "
                    f"lr {lr:.2e}  {record['tokens_per_s'] or 0:,.0f} tok/s  mem {record['memory_mb']:,.0f} MB  ETA {_fmt_eta(eta)}"
                )
            if on_step:
                on_step(record)
            due_steps = opts.checkpoint_every > 0 and step % opts.checkpoint_every == 0
            due_time = opts.checkpoint_interval_s > 0 and time.perf_counter() - run.last_checkpoint_at >= opts.checkpoint_interval_s
            if step < total_steps and (due_steps or (due_time and main)):
                checkpoint("interval")
            if opts.time_limit_s is not None and step < total_steps:
                avg = sum(r["step_time_s"] for r in records[-20:]) / len(records[-20:])
                if run.train_time_s + avg > opts.time_limit_s:
                    status = "time_limit"
                    say(f"[trainer] stopping after step {step}: the next step would pass the {opts.time_limit_s:g} s time limit")
                    break

    steady = records[1:] if len(records) > 1 else records
    steady_time = sum(r["step_time_s"] for r in steady)
    steady_flops = sum(r["flops"] or 0 for r in steady)
    summary: Dict[str, Any] = {
        "status": status,
        "steps": run.step,
        "total_steps": total_steps,
        "start_step": start_step,
        "resumed_from": run.resumed_from,
        "final": records[-1] if records else None,
        "hyperparameters": hp,
        "batch_size": batch_size,
        "steps_per_epoch": per_epoch,
        "wall_time_s": time.perf_counter() - started,
        "train_time_s": run.train_time_s,
        "tokens_total": run.tokens_total,
        # Throughput of this process's steps, without its first (allocator and kernel warm-up).
        "tokens_per_s": sum(r["tokens"] for r in steady) / steady_time if steady_time > 0 else None,
        "step_time_s_mean": steady_time / len(steady) if steady else None,
        "model_flops_per_s": steady_flops / steady_time if steady_time > 0 and steady_flops else None,
        "mfu": steady_flops / steady_time / (peak * dist.world) if steady_time > 0 and steady_flops and peak else None,
        "peak_flops_per_device": peak,
        "flop_count": describe_flops(shape) if shape else None,
        "device": str(device),
        "device_name": device_name(device),
        "world_size": dist.world,
        "precision": precision,
        "peak_memory_mb": peak_memory_mb(device),
        "peak_memory_kind": "cuda max_memory_allocated" if device.type == "cuda" else "process peak RSS",
        "dataset": dataset.summary(),
        "model": model.info,
        "options": {k: v for k, v in asdict(opts).items() if k not in ("data", "out")},
        "versions": versions(),
        "protocol": PROTOCOL_VERSION,
        "started_at": started_at,
        "finished_at": None,
        "host": platform.node(),
        "pid": os.getpid(),
    }
    if device.type == "cuda":
        summary["peak_memory_reserved_mb"] = torch.cuda.max_memory_reserved(device) / 2**20

    if status == "cancelled":
        checkpoint("cancel")
        if main and cancel_reason == "cancel file":
            cancel_file.unlink(missing_ok=True)  # honoured: a --resume starts clean
        summary["cancel_reason"] = cancel_reason
        summary["finished_at"] = datetime.now(timezone.utc).isoformat()
        latest = latest_checkpoint(out)
        if main:
            (out / RUN_FILE).write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
            emit.emit("cancelled", step=run.step, total_steps=total_steps, reason=cancel_reason, checkpoint=latest.relative_to(out).as_posix() if latest else None)
            say(f"[trainer] cancelled ({cancel_reason}) after step {run.step}; resume with --resume")
        return summary

    artifacts: List[Dict[str, Any]] = []
    if main:
        adapter_files = model.save_adapter(out / ADAPTER_DIR)
        summary["adapter_files"] = sorted(p.name for p in adapter_files)
        summary["finished_at"] = datetime.now(timezone.utc).isoformat()
        (out / RUN_FILE).write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
        artifacts = [_artifact(out, p, "adapter") for p in adapter_files] + [_artifact(out, out / RUN_FILE, "run"), _artifact(out, metrics_path, "metrics")]
        emit.emit("done", status=status, step=run.step, total_steps=total_steps, artifacts=artifacts, out=str(out.resolve()))
        say(f"[trainer] done: {run.step} steps, {summary['tokens_per_s'] or 0:,.0f} tok/s, peak {summary['peak_memory_mb']:,.0f} MB; adapter in {out / ADAPTER_DIR}")
    summary["artifacts"] = artifacts
    return summary

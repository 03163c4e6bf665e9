"""`toolrec/ranker`: a linear suggestion policy trained with the same sample-weighted KTO loss
(definitions.md, Eq. 2-5 and 8) on a CPU in seconds (README.md, "toolrec/ranker").

    s(x, y)    = w . phi(x, y)                       (ranker_features.py)
    log pi(Y|x) = sum_i [ s(x, y_i) - log sum_{c in C_x minus {y_1..y_{i-1}}} exp s(x, c) ]

Plackett-Luce over C_x = the grounded pool of x plus the list's own items, so any list, a KL
pair's completion from another dialogue included, has a log-probability. It takes the place of
the summed token log-probabilities: kto_terms / reference_point are the LLM loop's own.
pi_ref is w_ref = GROUNDED_SCALE on the grounded feature: the grounded generator's order.

Linear on purpose: the API serves it from the weights file (a dot product per candidate in
TypeScript, packages/recommender/src/ranker/) with no ONNX runtime, and its weights read as
"how much does a tool / p / retrieval rank count".
"""

from __future__ import annotations

import json
import math
import os
import platform
import signal
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, TextIO, Tuple

import torch

from . import __version__
from .data import DataOrder, DatasetError, find_export_files, metadata_checksum, sha256_file, steps_per_epoch, ChecksumMismatchError
from .hyperparameters import resolve_hyperparameters
from .loss import kl_statistics, kto_terms, metrics_from_sums, reference_point
from .protocol import PROTOCOL_VERSION, Emitter, stderr_log
from .ranker_features import FEATURE_NAMES, GROUNDED_SCALE, GROUNDED_SPAN, DialogueContext, candidate_key, candidate_set, features, reference_weights

MODEL_ID = "toolrec/ranker"
WEIGHTS_FILE = "ranker.json"
WEIGHTS_FORMAT = "toolrec-ranker-v1"
METRICS_FILE = "metrics.jsonl"
RUN_FILE = "run.json"


class RankerRow:
    """One preference example: its dialogue context, its own candidate set's features and the
    positions of its list in that set."""

    __slots__ = ("ctx", "items", "label", "weight", "feats", "positions")

    def __init__(self, ranker: Dict[str, Any], label: bool, weight: float) -> None:
        self.ctx = DialogueContext(ranker)
        self.items: List[Dict[str, Any]] = list(ranker.get("list") or [])
        self.label = label
        self.weight = weight
        self.feats, self.positions = encode_list(self.ctx, self.items)


def encode_list(ctx: DialogueContext, items: Sequence[Dict[str, Any]]) -> Tuple[torch.Tensor, List[int]]:
    """(features of the candidate set [C, d], positions of the list's distinct items)."""
    cands, positions = candidate_set(ctx, items)
    seen = set()
    distinct = [p for p in positions if not (p in seen or seen.add(p))]
    return torch.tensor([features(ctx, c) for c in cands], dtype=torch.float64), distinct


def plackett_luce_logps(w: torch.Tensor, lists: Sequence[Tuple[torch.Tensor, List[int]]]) -> torch.Tensor:
    """log pi_w(Y|x) for each (candidate features, list positions), batched with padding."""
    n = len(lists)
    c_max = max(f.shape[0] for f, _ in lists)
    k_max = max(1, max(len(p) for _, p in lists))
    d = w.shape[0]
    feats = torch.zeros(n, c_max, d, dtype=torch.float64)
    avail = torch.zeros(n, c_max, dtype=torch.bool)
    pos = torch.zeros(n, k_max, dtype=torch.long)
    valid = torch.zeros(n, k_max, dtype=torch.bool)
    for i, (f, p) in enumerate(lists):
        feats[i, : f.shape[0]] = f
        avail[i, : f.shape[0]] = True
        pos[i, : len(p)] = torch.tensor(p, dtype=torch.long)
        valid[i, : len(p)] = True
    scores = feats @ w  # [n, C]
    neg = torch.tensor(-math.inf, dtype=scores.dtype)
    total = torch.zeros(n, dtype=scores.dtype)
    rows = torch.arange(n)
    for k in range(k_max):
        lse = torch.logsumexp(torch.where(avail, scores, neg), dim=1)
        chosen = scores[rows, pos[:, k]]
        total = total + torch.where(valid[:, k], chosen - lse, torch.zeros_like(lse))
        avail = avail.clone()
        avail[rows[valid[:, k]], pos[valid[:, k], k]] = False
    return total


def read_ranker_dataset(path: str, verify_checksum: bool = True) -> Tuple[List[RankerRow], Dict[str, Any]]:
    data_file, metadata_file = find_export_files(path)
    if data_file.suffix != ".jsonl":
        raise DatasetError(f"{data_file}: toolrec/ranker reads JSONL exports (with a `ranker` object per row)")
    metadata = json.loads(metadata_file.read_text(encoding="utf-8")) if metadata_file else None
    actual = sha256_file(data_file)
    expected = metadata_checksum(metadata) if metadata else None
    if expected is not None and verify_checksum and expected != actual:
        raise ChecksumMismatchError(data_file, expected, actual)
    rows: List[RankerRow] = []
    with open(data_file, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            obj = json.loads(raw)
            ranker = obj.get("ranker")
            if not isinstance(ranker, dict) or not isinstance(ranker.get("pool"), list) or not isinstance(ranker.get("list"), list):
                raise DatasetError(f"{data_file}:{n}: no `ranker` object (pool, list): toolrec/ranker trains on the API's export for a toolrec/ranker training run or on `toolrec experiment table2`'s")
            weight = obj.get("weight", 1.0)
            rows.append(RankerRow(ranker, bool(obj["label"]), 1.0 if weight is None else float(weight)))
    summary = {
        "data_file": str(data_file), "metadata_file": str(metadata_file) if metadata_file else None, "rows": len(rows),
        "desirable": sum(1 for r in rows if r.label), "undesirable": sum(1 for r in rows if not r.label),
        "masked": sum(1 for r in rows if r.weight == 0), "sha256": actual, "checksum_verified": expected is not None and verify_checksum,
        "dataset_id": (metadata or {}).get("datasetId"),
    }
    return rows, summary


def weights_document(w: Sequence[float], extra: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The weights artifact (ranker.json) the TypeScript ranker generator reads."""
    return {
        "format": WEIGHTS_FORMAT,
        "model": MODEL_ID,
        "features": list(FEATURE_NAMES),
        "weights": [float(x) for x in w],
        "reference": reference_weights(),
        "groundedSpan": GROUNDED_SPAN,
        "groundedScale": GROUNDED_SCALE,
        **(extra or {}),
    }


def _lr_factor(step: int, warmup: int, total: int) -> float:
    if step < warmup:
        return step / max(1, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress))))


def train_ranker(opts: Any, hyperparameters: Optional[Dict[str, Any]], emit_stream: Optional[TextIO] = None,
                 on_step: Optional[Callable[[Dict[str, Any]], None]] = None) -> Dict[str, Any]:
    """The `train` entry for --model toolrec/ranker (opts: train.RunOptions). Always on the CPU
    in one process (gpus is ignored); a --resume starts over (a run takes seconds)."""
    started = time.perf_counter()
    started_at = datetime.now(timezone.utc).isoformat()
    say = stderr_log(opts.quiet)
    emit = Emitter(emit_stream)
    hp = resolve_hyperparameters(hyperparameters)
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    cancel_file = Path(opts.cancel_file) if opts.cancel_file else out / "CANCEL"
    stop: Dict[str, Optional[str]] = {"reason": None}

    def handle(signum: int, _frame: Any) -> None:
        stop["reason"] = signal.Signals(signum).name

    previous = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, handle)
    except ValueError:
        pass
    try:
        rows, data_summary = read_ranker_dataset(opts.data, verify_checksum=opts.verify_checksum)
        n = len(rows)
        batch_size = min(hp["batchSize"], n)
        if n < 2 or batch_size < 2:
            raise DatasetError(f"{opts.data}: {n} rows make no batch of at least 2 (KL pairs need 2 rows)")
        per_epoch = steps_per_epoch(n, batch_size)
        total_steps = hp["maxSteps"] if hp["maxSteps"] is not None else hp["epochs"] * per_epoch
        warmup = math.ceil(total_steps * hp["warmupRatio"])
        torch.manual_seed(hp["seed"])
        w_ref = torch.tensor(reference_weights(), dtype=torch.float64)
        w = torch.nn.Parameter(w_ref.clone())
        optimizer = torch.optim.AdamW([w], lr=hp["learningRate"], weight_decay=hp["weightDecay"])
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: _lr_factor(s, warmup, total_steps))
        order = DataOrder(n, batch_size, hp["seed"])
        with torch.no_grad():
            own_ref = torch.cat([plackett_luce_logps(w_ref, [(r.feats, r.positions) for r in rows[i : i + 4096]]) for i in range(0, n, 4096)])
        emit.emit("start", protocol=PROTOCOL_VERSION, pid=os.getpid(), world_size=1, device="cpu", device_name=platform.machine() or "cpu", precision="fp64",
                  model={"id": MODEL_ID, "kind": "ranker", "parameters": {"total": len(FEATURE_NAMES), "trainable": len(FEATURE_NAMES)}},
                  dataset=data_summary, hyperparameters=hp, batch_size=batch_size, steps_per_epoch=per_epoch, total_steps=total_steps,
                  start_step=0, resumed_from=None, out=str(out.resolve()))
        say(f"[trainer] toolrec/ranker: {n} rows, batch {batch_size}, {total_steps} steps")
        records: List[Dict[str, Any]] = []
        status = "completed"
        step = 0
        with open(out / METRICS_FILE, "w", encoding="utf-8") as metrics_file:
            while step < total_steps:
                reason = stop["reason"] or ("cancel file" if cancel_file.exists() else None)
                if reason:
                    status = "cancelled"
                    stop["reason"] = reason
                    break
                t0 = time.perf_counter()
                idx = order.next_batch()
                batch = [rows[i] for i in idx]
                # KL pair j: prompt j with completion (j-1 mod N), as the LLM loop pairs them.
                kl_lists = [encode_list(batch[j].ctx, batch[(j - 1) % len(batch)].items) for j in range(len(batch))]
                optimizer.zero_grad(set_to_none=True)
                policy = plackett_luce_logps(w, [(r.feats, r.positions) for r in batch])
                with torch.no_grad():
                    kl_policy = plackett_luce_logps(w.detach(), kl_lists)
                    kl_ref = plackett_luce_logps(w_ref, kl_lists)
                reference = own_ref[idx]
                kl_sum, kl_count = kl_statistics(kl_policy, kl_ref)
                z, kl = reference_point(kl_sum, kl_count, hp["beta"])
                labels = torch.tensor([r.label for r in batch], dtype=torch.bool)
                weights = torch.tensor([r.weight for r in batch], dtype=torch.float64)
                loss, sums = kto_terms(policy, reference, labels, weights, z, hp["beta"], hp["lambdaD"], hp["lambdaU"], len(batch))
                loss.backward()
                grad_norm = float(torch.nn.utils.clip_grad_norm_([w], hp["maxGradNorm"] if hp["maxGradNorm"] > 0 else float("inf")))
                lr = scheduler.get_last_lr()[0]
                optimizer.step()
                scheduler.step()
                step += 1
                dt = time.perf_counter() - t0
                record = {"step": step, "epoch": round(step / per_epoch, 4), **metrics_from_sums(sums, len(batch), z, kl), "lr": lr,
                          "grad_norm": grad_norm if math.isfinite(grad_norm) else None, "tokens": 0, "tokens_per_s": None, "memory_mb": None,
                          "step_time_s": dt, "elapsed_s": time.perf_counter() - started, "flops": None, "mfu": None}
                records.append(record)
                emit.emit("metrics", **record)
                metrics_file.write(json.dumps(record) + "\n")
                recent = [r["step_time_s"] for r in records[-20:]]
                emit.emit("progress", step=step, total_steps=total_steps, progress=step / total_steps, epoch=record["epoch"], elapsed_s=record["elapsed_s"],
                          eta_s=sum(recent) / len(recent) * (total_steps - step))
                if on_step:
                    on_step(record)
        final = [float(x) for x in w.detach()]
        summary: Dict[str, Any] = {
            "status": status, "steps": step, "total_steps": total_steps, "start_step": 0, "resumed_from": [], "final": records[-1] if records else None,
            "hyperparameters": hp, "batch_size": batch_size, "steps_per_epoch": per_epoch, "wall_time_s": time.perf_counter() - started,
            "train_time_s": sum(r["step_time_s"] for r in records), "device": "cpu", "world_size": 1, "precision": "fp64", "dataset": data_summary,
            "model": {"kind": "ranker", "id": MODEL_ID, "features": list(FEATURE_NAMES), "parameters": {"total": len(FEATURE_NAMES), "trainable": len(FEATURE_NAMES)}},
            "weights": dict(zip(FEATURE_NAMES, final)), "versions": {"toolrec_trainer": __version__, "python": platform.python_version(), "torch": torch.__version__},
            "protocol": PROTOCOL_VERSION, "started_at": started_at, "finished_at": datetime.now(timezone.utc).isoformat(), "host": platform.node(), "pid": os.getpid(),
        }
        if status == "cancelled":
            if stop["reason"] == "cancel file":
                cancel_file.unlink(missing_ok=True)
            summary["cancel_reason"] = stop["reason"]
            (out / RUN_FILE).write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
            emit.emit("cancelled", step=step, total_steps=total_steps, reason=stop["reason"], checkpoint=None)
            return summary
        weights_path = out / WEIGHTS_FILE
        weights_path.write_text(json.dumps(weights_document(final, {"dataset": data_summary.get("dataset_id"), "steps": step}), indent=2) + "\n", encoding="utf-8")
        (out / RUN_FILE).write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
        artifacts = [_artifact(out, weights_path, "adapter"), _artifact(out, out / RUN_FILE, "run"), _artifact(out, out / METRICS_FILE, "metrics")]
        summary["artifacts"] = artifacts
        emit.emit("done", status=status, step=step, total_steps=total_steps, artifacts=artifacts, out=str(out.resolve()))
        say(f"[trainer] done: {step} steps in {summary['wall_time_s']:.2f} s; weights in {weights_path}")
        return summary
    finally:
        for sig, h in previous.items():
            signal.signal(sig, h)


def _artifact(out: Path, path: Path, kind: str) -> Dict[str, Any]:
    return {"path": path.relative_to(out).as_posix(), "kind": kind, "bytes": path.stat().st_size, "sha256": sha256_file(path)}


__all__ = ["MODEL_ID", "WEIGHTS_FILE", "plackett_luce_logps", "encode_list", "read_ranker_dataset", "train_ranker", "weights_document", "candidate_key"]

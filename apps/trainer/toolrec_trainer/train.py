"""The training loop: LoRA on a causal LM with the sample-weighted KTO loss.

Paper defaults (definitions.md): beta 0.01, LoRA rank 8 on all linear layers, batch 32,
AdamW, lr 5e-6, cosine schedule with warmup ratio 0.1.

Outputs in --out:
  metrics.jsonl   one JSON object per optimizer step (TRL's metric names, see README)
  adapter/        the LoRA adapter (adapter_model.safetensors + adapter_config.json)
  run.json        summary: final metrics, wall time, device, peak memory, throughput
"""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import sys
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, TextIO

import torch

from .data import ByteTokenizer, HFTokenizer, batch_indices, collate, encode_dataset, read_dataset, steps_per_epoch
from .loss import weighted_kto_loss

METRICS_FILE = "metrics.jsonl"
RUN_FILE = "run.json"
ADAPTER_DIR = "adapter"


@dataclass
class TrainConfig:
    data: str
    model: str = "tiny"  # "tiny" (random-weight Qwen3, byte tokenizer) or a local model folder
    out: str = "runs/latest"
    steps: Optional[int] = None  # default: one epoch
    batch_size: int = 32
    lr: float = 5e-6
    beta: float = 0.01
    lambda_d: float = 1.0
    lambda_u: float = 1.0
    warmup_ratio: float = 0.1
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    max_length: int = 512
    lora_r: int = 8
    lora_alpha: Optional[int] = None  # default 2 * r
    lora_dropout: float = 0.0
    device: Optional[str] = None  # default: cuda when available, else cpu
    precision: str = "auto"  # auto (bf16 autocast on a bf16-capable GPU, else fp32) | bf16 | fp32
    seed: int = 0
    tiny_hidden: int = 64
    tiny_layers: int = 2
    tiny_heads: int = 4
    time_limit_s: Optional[float] = None  # stop (and save) before this much training time
    verify_checksum: bool = True
    quiet: bool = False


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


def _peak_memory_mb(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    # CPU: the process's peak resident set size (ru_maxrss is in KiB on Linux).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return platform.processor() or platform.machine() or "cpu"


def _fmt_eta(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _fmt(v: Optional[float], spec: str) -> str:
    return "n/a" if v is None else format(v, spec)


def _versions() -> Dict[str, Optional[str]]:
    out: Dict[str, Optional[str]] = {"python": platform.python_version(), "torch": torch.__version__}
    for name in ("transformers", "peft"):
        try:
            out[name] = __import__(name).__version__
        except ImportError:
            out[name] = None
    out["cuda"] = torch.version.cuda
    return out


def build_model_and_tokenizer(cfg: TrainConfig, device: torch.device) -> tuple:
    from . import model as m

    if cfg.model == "tiny":
        tok: Any = ByteTokenizer()
        base = m.tiny_qwen3(
            vocab_size=tok.vocab_size,
            hidden=cfg.tiny_hidden,
            layers=cfg.tiny_layers,
            heads=cfg.tiny_heads,
            max_position_embeddings=max(4096, cfg.max_length),
            pad_token_id=tok.pad_token_id,
            bos_token_id=tok.bos_token_id,
            eos_token_id=tok.eos_token_id,
            seed=cfg.seed,
        )
        info = {"kind": "tiny_qwen3", "hidden": cfg.tiny_hidden, "layers": cfg.tiny_layers, "heads": cfg.tiny_heads, "vocab_size": tok.vocab_size, "seed": cfg.seed, "tokenizer": "byte"}
    else:
        tok = HFTokenizer.from_pretrained(cfg.model)
        # Weights in bf16 on a GPU (the adapter stays float32), float32 elsewhere.
        dtype = torch.bfloat16 if device.type == "cuda" and cfg.precision != "fp32" else None
        base = m.load_local(cfg.model, dtype=dtype)
        info = {"kind": "local", "path": str(Path(cfg.model).resolve()), "tokenizer": "auto"}
    model = m.with_lora(base, r=cfg.lora_r, alpha=cfg.lora_alpha, dropout=cfg.lora_dropout)
    model.to(device)
    info["parameters"] = m.count_parameters(model)
    info["config"] = base.config.to_dict() if hasattr(base.config, "to_dict") else None
    return model, tok, info


def train(cfg: TrainConfig, log: Optional[TextIO] = None, on_step: Optional[Callable[[Dict[str, Any]], None]] = None) -> Dict[str, Any]:
    """Runs the training described by `cfg`; returns the run.json summary."""
    from .model import reference_model, sequence_logps

    log = log or sys.stdout
    started = time.perf_counter()
    started_at = datetime.now(timezone.utc).isoformat()

    def say(msg: str) -> None:
        if not cfg.quiet:
            print(msg, file=log, flush=True)

    device = torch.device(cfg.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    if device.type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda was asked for but torch sees no CUDA device")
    if cfg.precision not in ("auto", "bf16", "fp32"):
        raise ValueError("precision must be auto, bf16 or fp32")
    use_bf16 = cfg.precision == "bf16" or (cfg.precision == "auto" and device.type == "cuda" and torch.cuda.is_bf16_supported())
    precision = "bf16-autocast" if use_bf16 else "fp32"
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.cuda.reset_peak_memory_stats(device)
    torch.manual_seed(cfg.seed)

    dataset = read_dataset(cfg.data, verify_checksum=cfg.verify_checksum)
    if len(dataset) < 2:
        raise ValueError(f"{dataset.data_file}: a KTO dataset needs at least 2 rows, got {len(dataset)}")
    say(f"[trainer] data {dataset.data_file} ({len(dataset)} rows, sha256 {dataset.sha256[:12]}, checksum {'verified' if dataset.checksum_verified else 'not recorded'})")

    model, tok, model_info = build_model_and_tokenizer(cfg, device)
    encoded = encode_dataset(tok, dataset.rows)
    batch_size = min(cfg.batch_size, len(encoded))
    total_steps = cfg.steps if cfg.steps is not None else steps_per_epoch(len(encoded), batch_size)
    if total_steps < 1:
        raise ValueError("--steps must be >= 1")
    warmup = warmup_steps_for(total_steps, cfg.warmup_ratio)
    params = [p for p in model.parameters() if p.requires_grad]
    # AdamW over the adapter's parameters (fused kernels on CUDA where this torch has them).
    adamw_kwargs: Dict[str, Any] = {"lr": cfg.lr, "weight_decay": cfg.weight_decay}
    if device.type == "cuda" and "fused" in torch.optim.AdamW.__init__.__code__.co_varnames:
        adamw_kwargs["fused"] = True
    optimizer = torch.optim.AdamW(params, **adamw_kwargs)
    scheduler = cosine_schedule_with_warmup(optimizer, warmup, total_steps)
    autocast = (lambda: torch.autocast(device_type=device.type, dtype=torch.bfloat16)) if use_bf16 else nullcontext
    say(f"[trainer] model {model_info['kind']} ({model_info['parameters']['total']:,} parameters, {model_info['parameters']['trainable']:,} trainable LoRA r={cfg.lora_r}) on {device} {_device_name(device)} ({precision})")
    say(f"[trainer] {total_steps} steps, batch {batch_size}, lr {cfg.lr:g} (cosine, {warmup} warmup steps), beta {cfg.beta:g}, max length {cfg.max_length}")

    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    metrics_path = out / METRICS_FILE
    batches = batch_indices(len(encoded), batch_size, seed=cfg.seed)
    per_epoch = steps_per_epoch(len(encoded), batch_size)
    history: List[Dict[str, Any]] = []
    step_times: List[float] = []
    tokens_total = 0
    train_time = 0.0
    stopped = "completed"
    model.train()

    with open(metrics_path, "w", encoding="utf-8") as metrics_file:
        for step in range(1, total_steps + 1):
            t0 = time.perf_counter()
            batch = collate([encoded[i] for i in next(batches)], tok.pad_token_id, cfg.max_length, pad_to_multiple_of=8).to(device)
            n = batch.size
            with autocast():
                # log pi_theta(y_i|x_i): the only pass with a gradient.
                policy_logps = sequence_logps(model, batch.input_ids, batch.attention_mask, batch.completion_mask)
                with torch.no_grad():
                    # KL pairs under the policy (z is detached, so no gradient is needed).
                    kl_policy_logps = sequence_logps(model, batch.kl_input_ids, batch.kl_attention_mask, batch.kl_completion_mask)
                    # pi_ref = the base model with the adapter disabled; examples and KL pairs in one pass.
                    with reference_model(model):
                        ref_all = sequence_logps(
                            model,
                            torch.cat([batch.input_ids, batch.kl_input_ids]),
                            torch.cat([batch.attention_mask, batch.kl_attention_mask]),
                            torch.cat([batch.completion_mask, batch.kl_completion_mask]),
                        )
            reference_logps, kl_reference_logps = ref_all[:n], ref_all[n:]
            loss, metrics = weighted_kto_loss(
                policy_logps, reference_logps, kl_policy_logps, kl_reference_logps,
                batch.labels, batch.weights, cfg.beta, cfg.lambda_d, cfg.lambda_u,
            )
            if not math.isfinite(metrics["loss"] or 0.0):
                raise FloatingPointError(f"step {step}: the loss is not finite ({metrics['loss']})")
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            grad_norm = float(torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)) if cfg.max_grad_norm > 0 else float("nan")
            lr = scheduler.get_last_lr()[0]
            optimizer.step()
            scheduler.step()
            if device.type == "cuda":
                torch.cuda.synchronize(device)
            dt = time.perf_counter() - t0
            train_time += dt
            step_times.append(dt)
            tokens = batch.tokens
            tokens_total += tokens
            record: Dict[str, Any] = {
                "step": step,
                "epoch": round(step / per_epoch, 4),
                **metrics,
                "grad_norm": grad_norm if math.isfinite(grad_norm) else None,
                "lr": lr,
                "tokens": tokens,
                "tokens_per_second": tokens / dt if dt > 0 else None,
                "step_time_s": dt,
                "max_memory_mb": _peak_memory_mb(device),
                "elapsed_s": time.perf_counter() - started,
            }
            history.append(record)
            metrics_file.write(json.dumps(record) + "\n")
            metrics_file.flush()
            if on_step:
                on_step(record)
            recent = step_times[-20:]
            avg = sum(recent) / len(recent)
            say(
                f"[trainer] step {step}/{total_steps}  loss {metrics['loss']:.4f}  kl {metrics['kl']:.4f}  "
                f"margins {_fmt(metrics['rewards/margins'], '.4f')}  lr {lr:.2e}  {record['tokens_per_second'] or 0:,.0f} tok/s  "
                f"mem {record['max_memory_mb']:,.0f} MB  ETA {_fmt_eta(avg * (total_steps - step))}"
            )
            if cfg.time_limit_s is not None and step < total_steps and train_time + avg > cfg.time_limit_s:
                stopped = "time_limit"
                say(f"[trainer] stopping after step {step}: the next step would pass the {cfg.time_limit_s:g} s time limit")
                break

    adapter_dir = out / ADAPTER_DIR
    model.save_pretrained(str(adapter_dir), safe_serialization=True)
    steps_done = len(history)
    # Throughput without the first step (allocator warm-up, kernel selection).
    steady = history[1:] if steps_done > 1 else history
    steady_time = sum(r["step_time_s"] for r in steady)
    summary: Dict[str, Any] = {
        "status": stopped,
        "steps": steps_done,
        "planned_steps": total_steps,
        "final": history[-1] if history else None,
        "wall_time_s": time.perf_counter() - started,
        "train_time_s": train_time,
        "tokens_total": tokens_total,
        "tokens_per_second": sum(r["tokens"] for r in steady) / steady_time if steady_time > 0 else None,
        "step_time_s_mean": steady_time / len(steady) if steady else None,
        "device": str(device),
        "device_name": _device_name(device),
        "precision": precision,
        "peak_memory_mb": _peak_memory_mb(device),
        "peak_memory_kind": "cuda max_memory_allocated" if device.type == "cuda" else "process peak RSS",
        "adapter_dir": str(adapter_dir),
        "adapter_files": sorted(p.name for p in adapter_dir.iterdir()),
        "metrics_file": str(metrics_path),
        "dataset": dataset.summary(),
        "model": model_info,
        "config": asdict(cfg),
        "versions": _versions(),
        "started_at": started_at,
        "finished_at": datetime.now(timezone.utc).isoformat(),
        "host": platform.node(),
        "pid": os.getpid(),
    }
    if device.type == "cuda":
        summary["peak_memory_reserved_mb"] = torch.cuda.max_memory_reserved(device) / 2**20
    (out / RUN_FILE).write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    say(f"[trainer] done: {steps_done} steps in {summary['wall_time_s']:.1f} s, {summary['tokens_per_second'] or 0:,.0f} tok/s, peak {summary['peak_memory_mb']:,.0f} MB; adapter in {adapter_dir}")
    return summary

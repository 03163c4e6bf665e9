"""python -m toolrec_trainer train|synth-data (see README.md)."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from .data import DatasetError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m toolrec_trainer", description="ToolRec trainer: LoRA + sample-weighted KTO (definitions.md).")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train a LoRA adapter on a dataset export")
    t.add_argument("--data", required=True, help="export directory (or its .jsonl/.parquet file) from `toolrec dataset export`")
    t.add_argument("--model", default="tiny", help="'tiny' (random-weight Qwen3, byte tokenizer) or a local model folder")
    t.add_argument("--out", required=True, help="output directory (metrics.jsonl, adapter/, run.json)")
    t.add_argument("--steps", type=int, default=None, help="optimizer steps (default: one epoch)")
    t.add_argument("--batch-size", type=int, default=32)
    t.add_argument("--lr", type=float, default=5e-6)
    t.add_argument("--beta", type=float, default=0.01)
    t.add_argument("--lambda-d", type=float, default=1.0, help="lambda_D of Eq. 5")
    t.add_argument("--lambda-u", type=float, default=1.0, help="lambda_U of Eq. 5")
    t.add_argument("--warmup-ratio", type=float, default=0.1)
    t.add_argument("--weight-decay", type=float, default=0.0)
    t.add_argument("--max-grad-norm", type=float, default=1.0, help="0 disables clipping")
    t.add_argument("--max-length", type=int, default=512, help="tokens per prompt + completion")
    t.add_argument("--lora-r", type=int, default=8)
    t.add_argument("--lora-alpha", type=int, default=None, help="default 2 * r")
    t.add_argument("--lora-dropout", type=float, default=0.0)
    t.add_argument("--device", choices=["cuda", "cpu"], default=None, help="default: cuda when available")
    t.add_argument("--precision", choices=["auto", "bf16", "fp32"], default="auto")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--tiny-hidden", type=int, default=64, help="hidden size of --model tiny")
    t.add_argument("--tiny-layers", type=int, default=2)
    t.add_argument("--tiny-heads", type=int, default=4)
    t.add_argument("--time-limit", type=float, default=None, help="stop (and save) before this many seconds of training")
    t.add_argument("--no-verify-checksum", action="store_true", help="skip the sha256 check against the metadata")
    t.add_argument("--quiet", action="store_true")

    s = sub.add_parser("synth-data", help="write a small synthetic dataset in the export format")
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=512)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "synth-data":
            from .synth import write_synth

            data_file, meta_file = write_synth(args.out, n=args.n, seed=args.seed, fmt=args.format)
            print(f"wrote {args.n} samples to {data_file} and {meta_file}")
            return 0
        from .train import TrainConfig, train

        cfg = TrainConfig(
            data=args.data, model=args.model, out=args.out, steps=args.steps, batch_size=args.batch_size, lr=args.lr,
            beta=args.beta, lambda_d=args.lambda_d, lambda_u=args.lambda_u, warmup_ratio=args.warmup_ratio,
            weight_decay=args.weight_decay, max_grad_norm=args.max_grad_norm, max_length=args.max_length,
            lora_r=args.lora_r, lora_alpha=args.lora_alpha, lora_dropout=args.lora_dropout, device=args.device,
            precision=args.precision, seed=args.seed, tiny_hidden=args.tiny_hidden, tiny_layers=args.tiny_layers,
            tiny_heads=args.tiny_heads, time_limit_s=args.time_limit, verify_checksum=not args.no_verify_checksum, quiet=args.quiet,
        )
        train(cfg)
        return 0
    except DatasetError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""python3 -m toolrec_trainer train | hyperparameters | synth-data (README.md: "Command line",
"Protocol"). `train` writes protocol lines (JSON) to stdout and logs to stderr; its exit code
is 0 done, 1 crash, 2 invalid input, 3 cancelled."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from typing import Any, Dict, List, Optional, TextIO

from .hyperparameters import HyperparameterError, kebab, parse_hyperparameters_arg, resolve_hyperparameters, schema_path, specs
from .protocol import EXIT, Emitter


def _json_value(text: str) -> Any:
    """A hyperparameter flag's value: a JSON number or null (the resolver checks the rest)."""
    try:
        return json.loads(text)
    except ValueError:
        return text  # reported by the resolver as "must be a finite number"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 -m toolrec_trainer", description="ToolRec trainer: LoRA + sample-weighted KTO (definitions.md).")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train a LoRA adapter on a dataset export", description="Protocol lines (JSON) on stdout, logs on stderr. Exit: 0 done, 1 crash, 2 invalid input, 3 cancelled.")
    t.add_argument("--data", required=True, help="export directory (or its .jsonl/.parquet file) from `toolrec dataset export`")
    t.add_argument("--out", required=True, help="the run's folder: metrics.jsonl, adapter/, run.json, checkpoints/")
    t.add_argument("--model", default="toolrec/tiny-random", help="toolrec/tiny-random (built in, torch only), toolrec/ranker (linear suggestion policy, CPU), qwen3-random (transformers) or a local model folder")
    t.add_argument("--model-config", default=None, help="shape of toolrec/tiny-random or qwen3-random: a JSON object or a config.json path (Qwen3Config names)")
    t.add_argument("--hyperparameters", default=None, help="a JSON object of camelCase hyperparameters, or @FILE; flags below override its keys")
    hp = t.add_argument_group("hyperparameters (defaults and ranges: packages/core/src/training-hyperparameters.schema.json)")
    for key, spec in specs().items():
        hp.add_argument(f"--{kebab(key)}", dest=f"hp_{key}", type=_json_value, default=None, metavar="VALUE", help=f"{key} (default {json.dumps(spec['default'])}): {spec['description']}")
    t.add_argument("--resume", action="store_true", help="continue from the newest checkpoint in --out (starts fresh when there is none)")
    t.add_argument("--cancel-file", default=None, help="a file whose appearance cancels the run like SIGTERM (default OUT/CANCEL)")
    t.add_argument("--checkpoint-every", type=int, default=0, help="steps between checkpoints (0: by time only)")
    t.add_argument("--checkpoint-interval", type=float, default=600.0, help="seconds between checkpoints (0: by steps only)")
    t.add_argument("--keep-checkpoints", type=int, default=2)
    t.add_argument("--device", choices=["cuda", "cpu"], default=None, help="default: cuda when there is one and gpus > 0")
    t.add_argument("--precision", choices=["auto", "bf16", "fp32"], default="auto")
    t.add_argument("--time-limit", type=float, default=None, help="stop (and save) before this many seconds of training")
    t.add_argument("--no-verify-checksum", action="store_true", help="skip the sha256 check against the metadata")
    t.add_argument("--quiet", action="store_true", help="no human log lines on stderr")

    h = sub.add_parser("hyperparameters", help="print the defaults (or --resolve a JSON object) as JSON")
    h.add_argument("--resolve", default=None, help="a JSON object or @FILE to validate and fill in")

    s = sub.add_parser("synth-data", help="write a small synthetic dataset in the export format")
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=512)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    return p


def _given_hyperparameters(args: argparse.Namespace) -> Dict[str, Any]:
    given = parse_hyperparameters_arg(args.hyperparameters) if args.hyperparameters else {}
    for key in specs():
        value = getattr(args, f"hp_{key}")
        if value is not None:
            given[key] = value
    return given


def _input_errors() -> tuple:
    from .models import ModelSpecError
    from .tiny import ModelConfigError
    from .train import INPUT_ERRORS

    return INPUT_ERRORS + (ModelSpecError, ModelConfigError)


def _one_line(e: BaseException) -> str:
    return " ".join(f"{e}".split()) or type(e).__name__


def main(argv: Optional[List[str]] = None, protocol: Optional[TextIO] = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "synth-data":
        from .data import DatasetError
        from .synth import write_synth

        try:
            data_file, meta_file = write_synth(args.out, n=args.n, seed=args.seed, fmt=args.format)
        except DatasetError as e:
            print(f"error: {e}", file=sys.stderr)
            return EXIT["invalid_input"]
        print(f"wrote {args.n} samples to {data_file} and {meta_file}")
        return 0
    if args.command == "hyperparameters":
        try:
            given = parse_hyperparameters_arg(args.resolve) if args.resolve else {}
            print(json.dumps({"schema": str(schema_path()), "hyperparameters": resolve_hyperparameters(given)}, indent=2))
            return 0
        except HyperparameterError as e:
            print(json.dumps({"error": str(e), "fields": [f for f, _ in e.details]}))
            print(f"error: {e}", file=sys.stderr)
            return EXIT["invalid_input"]

    from .train import RunOptions, train
    from .tiny import parse_model_config

    stream = protocol if protocol is not None else sys.stdout
    emit = Emitter(stream if int(os.environ.get("RANK", "0")) == 0 else None)
    try:
        opts = RunOptions(
            data=args.data, out=args.out, model=args.model, model_config=parse_model_config(args.model_config), device=args.device,
            precision=args.precision, resume=args.resume, cancel_file=args.cancel_file, checkpoint_every=args.checkpoint_every,
            checkpoint_interval_s=args.checkpoint_interval, keep_checkpoints=args.keep_checkpoints, time_limit_s=args.time_limit,
            verify_checksum=not args.no_verify_checksum, quiet=args.quiet,
        )
        summary = train(opts, _given_hyperparameters(args), emit_stream=stream, on_step=None)
    except Exception as e:  # noqa: BLE001 - every failure ends with one error line and one exit code
        invalid = isinstance(e, _input_errors())
        kind = "invalid_input" if invalid else "crash"
        message = _one_line(e) if invalid else f"{type(e).__name__}: {_one_line(e)}"
        emit.emit("error", kind=kind, field=getattr(e, "field", None), message=message)
        if not invalid:
            traceback.print_exc(file=sys.stderr)
        print(f"error: {message}", file=sys.stderr, flush=True)
        return EXIT[kind]
    return EXIT["cancelled"] if summary["status"] == "cancelled" else EXIT["done"]


def cli() -> int:
    """The `python3 -m toolrec_trainer` entry: protocol lines get the real stdout to themselves;
    anything else a library prints there (Python or C) is sent to stderr."""
    if len(sys.argv) > 1 and sys.argv[1] == "train":
        sys.stdout.flush()
        protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
        os.dup2(2, 1)
        return main(protocol=protocol)
    return main()


if __name__ == "__main__":
    sys.exit(cli())

"""The trainer's output protocol for the worker (README.md, "Protocol"): one JSON object per
line on stdout, each with a "type"; human-readable logs go to stderr.

    start       once, when the model and data are ready
    metrics     per optimizer step (TRL's metric names)
    progress    per optimizer step, after its metrics
    checkpoint  after a checkpoint is complete on disk
    done        last line of a finished run (exit 0), with the artifacts to upload
    cancelled   last line of a cancelled run (exit 3), with its checkpoint
    error       last line of a failed run (exit 1 crash, 2 invalid input)

Exit codes are in EXIT; the last line decides (under torchrun, torchrun's own code is
non-zero whenever a rank's is).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any, Dict, Optional, TextIO

PROTOCOL_VERSION = 1

EXIT = {"done": 0, "crash": 1, "invalid_input": 2, "cancelled": 3}


def _clean(value: Any) -> Any:
    """NaN and infinities are not JSON: they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def line(obj: Dict[str, Any]) -> str:
    return json.dumps(_clean(obj), allow_nan=False, separators=(",", ":"))


class Emitter:
    """Writes protocol lines (rank 0 only: other ranks get an Emitter with stream=None)."""

    def __init__(self, stream: Optional[TextIO]) -> None:
        self.stream = stream

    def emit(self, type_: str, **fields: Any) -> Dict[str, Any]:
        obj = {"type": type_, **fields}
        if self.stream is not None:
            self.stream.write(line(obj) + "\n")
            self.stream.flush()
        return obj


def stderr_log(quiet: bool) -> Any:
    def say(message: str) -> None:
        if not quiet:
            print(message, file=sys.stderr, flush=True)

    return say

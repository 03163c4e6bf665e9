"""Checkpoints in a run's output folder, for resume after a lost lease or a cancel.

    OUT/checkpoints/step-000040/adapter_model.safetensors   the adapter (peft key layout)
    OUT/checkpoints/step-000040/trainer_state.pt            optimizer, scheduler, RNG states, data order
    OUT/checkpoints/step-000040/state.json                  step, epoch, position, hyperparameters, dataset sha256, model
    OUT/checkpoints/latest.json                             {"step": 40, "dir": "step-000040"}

A checkpoint is written into a temporary folder and renamed into place, and latest.json is
replaced after that, so a process killed mid-write leaves the previous checkpoint in force.
The newest `keep` checkpoints are kept.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import torch

from .safetensors_io import load_file, save_file

CHECKPOINTS = "checkpoints"
LATEST = "latest.json"
STATE = "state.json"
TRAINER_STATE = "trainer_state.pt"
ADAPTER = "adapter_model.safetensors"


class ResumeError(ValueError):
    """The checkpoint does not belong to this run (other hyperparameters, data or model)."""

    field = "resume"


def _write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def save_checkpoint(out: Path, step: int, adapter: Dict[str, torch.Tensor], trainer_state: Dict[str, Any], state: Dict[str, Any], keep: int = 2) -> Path:
    """Writes checkpoint `step` and points latest.json at it; returns its folder."""
    root = out / CHECKPOINTS
    root.mkdir(parents=True, exist_ok=True)
    name = f"step-{step:06d}"
    final = root / name
    tmp = root / f".tmp-{name}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    save_file(adapter, tmp / ADAPTER, metadata={"format": "pt"})
    torch.save(trainer_state, tmp / TRAINER_STATE)
    _write_json(tmp / STATE, {**state, "step": step})
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
    _write_json(root / LATEST, {"step": step, "dir": name})
    for old in sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("step-"))[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def latest_checkpoint(out: Path) -> Optional[Path]:
    """The folder latest.json points at, or None when the run has no checkpoint."""
    pointer = out / CHECKPOINTS / LATEST
    if not pointer.is_file():
        return None
    folder = out / CHECKPOINTS / json.loads(pointer.read_text(encoding="utf-8"))["dir"]
    return folder if (folder / STATE).is_file() else None


def _torch_load(path: Path) -> Any:
    # torch >= 2 loads the state with its restricted (weights-only) unpickler; torch 1.13's
    # cannot read a float, so there the file (which this trainer wrote into its own run
    # folder) is read by the ordinary unpickler.
    major = int(torch.__version__.split(".")[0])
    kwargs = {"weights_only": major >= 2} if "weights_only" in inspect.signature(torch.load).parameters else {}
    return torch.load(path, map_location="cpu", **kwargs)


def load_checkpoint(folder: Path) -> Tuple[Dict[str, torch.Tensor], Dict[str, Any], Dict[str, Any]]:
    """(adapter tensors, trainer state, state.json) of a checkpoint folder."""
    state = json.loads((folder / STATE).read_text(encoding="utf-8"))
    return load_file(folder / ADAPTER), _torch_load(folder / TRAINER_STATE), state

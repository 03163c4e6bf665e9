"""The models the trainer trains, behind one small interface (`TrainableModel`): the training
loop sees log-probabilities of completion tokens with the adapter on (`logps`) and off
(`reference()`), the adapter's parameters, and saving/loading the adapter.

    toolrec/tiny-random   the built-in plain-PyTorch model (tiny.py) with our LoRA (lora.py):
                          torch alone, the test model of CI and laptops
    qwen3-random          transformers' Qwen3ForCausalLM with random weights, from the same
                          config as tiny-random (or --model-config): the Hugging Face path
                          without a download
    <folder>              a local Hugging Face model folder (config.json, weights, tokenizer)

The last two go through transformers and peft (hf.py), imported only when used.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ContextManager, Dict, List, Optional

import torch
from torch import nn

from . import lora as lora_mod
from .data import ByteTokenizer
from .flops import FlopShape, shape_from_config
from .logps import SequenceLogps
from .safetensors_io import save_file
from .tiny import LORA_TARGETS, MODEL_ID, TinyConfig, build_tiny

ADAPTER_CONFIG = "adapter_config.json"
ADAPTER_WEIGHTS = "adapter_model.safetensors"
TINY_ALIASES = (MODEL_ID, "tiny")
HF_RANDOM = "qwen3-random"


class ModelSpecError(ValueError):
    """--model names no model this trainer can build."""

    field = "model"


@dataclass
class TrainableModel:
    model_id: str
    kind: str  # "tiny" | "hf"
    tokenizer: Any
    root: nn.Module  # the whole network (train()/eval(), parameters)
    logps: SequenceLogps  # forward(ids, attention, completion mask) -> [N]; DDP wraps this
    reference: Callable[[], ContextManager[None]]  # pi_ref: the adapter switched off
    adapter_state_dict: Callable[[], Dict[str, torch.Tensor]]  # peft key layout, float32 CPU
    load_adapter_state_dict: Callable[[Dict[str, torch.Tensor]], None]
    save_adapter: Callable[[Path], List[Path]]
    info: Dict[str, Any] = field(default_factory=dict)
    flop_shape: Optional[FlopShape] = None

    def trainable_parameters(self) -> List[nn.Parameter]:
        return [p for p in self.root.parameters() if p.requires_grad]


def peft_adapter_config(base_model: str, r: int, alpha: float, dropout: float, targets: List[str]) -> Dict[str, Any]:
    """adapter_config.json as peft writes it for a LoRA (the fields peft's LoraConfig and
    vLLM's LoRA loader read)."""
    return {
        "peft_type": "LORA",
        "task_type": "CAUSAL_LM",
        "base_model_name_or_path": base_model,
        "r": r,
        "lora_alpha": alpha,
        "lora_dropout": dropout,
        "target_modules": sorted(targets),
        "bias": "none",
        "fan_in_fan_out": False,
        "inference_mode": True,
        "init_lora_weights": True,
        "modules_to_save": None,
        "layers_to_transform": None,
        "layers_pattern": None,
        "rank_pattern": {},
        "alpha_pattern": {},
        "use_rslora": False,
        "use_dora": False,
        "revision": None,
    }


def _seeded(seed: int) -> ContextManager[None]:
    @contextlib.contextmanager
    def ctx():  # type: ignore[no-untyped-def]
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            yield

    return ctx()


def build_tiny_trainable(overrides: Optional[Dict[str, Any]], hp: Dict[str, Any], device: torch.device, dtype: torch.dtype) -> TrainableModel:
    cfg = TinyConfig.from_overrides(overrides)
    model = build_tiny(cfg, device=device, dtype=dtype)
    r, alpha, dropout = int(hp["loraRank"]), float(hp["loraAlpha"]), float(hp["loraDropout"])
    with _seeded(int(hp["seed"])):
        lora_mod.add_lora(model, LORA_TARGETS, r, alpha, dropout)
    model.to(device)

    def save(adapter_dir: Path) -> List[Path]:
        adapter_dir.mkdir(parents=True, exist_ok=True)
        cfg_path = adapter_dir / ADAPTER_CONFIG
        cfg_path.write_text(json.dumps(peft_adapter_config(MODEL_ID, r, alpha, dropout, list(LORA_TARGETS)), indent=2) + "\n", encoding="utf-8")
        weights = adapter_dir / ADAPTER_WEIGHTS
        save_file(lora_mod.lora_state_dict(model), weights, metadata={"format": "pt"})
        return [cfg_path, weights]

    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return TrainableModel(
        model_id=MODEL_ID,
        kind="tiny",
        tokenizer=ByteTokenizer(),
        root=model,
        logps=SequenceLogps(model.model, model.lm_head),
        reference=lambda: lora_mod.adapter_disabled(model),
        adapter_state_dict=lambda: lora_mod.lora_state_dict(model),
        load_adapter_state_dict=lambda sd: lora_mod.load_lora_state_dict(model, sd),
        save_adapter=save,
        info={"kind": "tiny", "id": MODEL_ID, "config": cfg.to_hf_config(), "parameters": {"total": total, "trainable": trainable}, "tokenizer": "byte",
              "lora": {"r": r, "alpha": alpha, "dropout": dropout, "target_modules": list(LORA_TARGETS)}},
        flop_shape=shape_from_config(cfg.to_hf_config(), r),
    )


def build_model(spec: str, overrides: Optional[Dict[str, Any]], hp: Dict[str, Any], device: torch.device, bf16_weights: bool) -> TrainableModel:
    """The model `spec` names, with a LoRA adapter of the run's rank/alpha/dropout seeded by
    the run's seed; base weights in bf16 when `bf16_weights` (a GPU run), else float32."""
    dtype = torch.bfloat16 if bf16_weights else torch.float32
    if spec in TINY_ALIASES:
        return build_tiny_trainable(overrides, hp, device, dtype)
    if spec == HF_RANDOM or Path(spec).is_dir():
        from . import hf  # transformers + peft, only here

        return hf.build_hf_trainable(spec, overrides, hp, device, dtype)
    raise ModelSpecError(f"unknown model {spec!r}: expected {MODEL_ID}, {HF_RANDOM} or a local model folder (config.json + weights)")

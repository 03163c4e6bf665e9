"""LoRA for plain PyTorch models (the built-in toolrec/tiny-random model; Hugging Face models
use peft instead).

A LoraLinear is an nn.Linear whose weight (and bias) stay frozen, plus a low-rank branch:
    y = x W^T + b + (alpha / r) * B(A(dropout(x)))
with A: in -> r initialised like peft (Kaiming-uniform, a = sqrt(5)) and B: r -> out
initialised to 0, so the adapted model starts equal to the base. Parameter names follow
peft's saved layout: `<module path>.lora_A.weight` [r, in] and `<module path>.lora_B.weight`
[out, r]; prefixed with `base_model.model.` they are the keys of `adapter_model.safetensors`.
"""

from __future__ import annotations

import contextlib
import math
from typing import Dict, Iterator, List, Sequence

import torch
from torch import nn

#: The prefix peft puts before a module path in a saved adapter.
PEFT_PREFIX = "base_model.model."


class LoraLinear(nn.Linear):
    def __init__(self, base: nn.Linear, r: int, alpha: float, dropout: float = 0.0) -> None:
        # Reuses the base layer's parameters (no copy); only the LoRA branch is new.
        nn.Module.__init__(self)
        self.in_features = base.in_features
        self.out_features = base.out_features
        self.weight = base.weight
        self.bias = base.bias
        self.weight.requires_grad_(False)
        if self.bias is not None:
            self.bias.requires_grad_(False)
        if r < 1:
            raise ValueError(f"LoRA rank must be >= 1, got {r}")
        self.r = r
        self.lora_alpha = alpha
        self.scaling = alpha / r
        # Drawn on the CPU (from the caller's seed), then moved: the same adapter on every device.
        self.lora_A = nn.Linear(self.in_features, r, bias=False, dtype=torch.float32)
        self.lora_B = nn.Linear(r, self.out_features, bias=False, dtype=torch.float32)
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)
        self.lora_A.to(base.weight.device)
        self.lora_B.to(base.weight.device)
        self.lora_dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()
        self.adapter_enabled = True

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = nn.functional.linear(x, self.weight, self.bias)
        if not self.adapter_enabled:
            return y
        return y + self.lora_B(self.lora_A(self.lora_dropout(x))) * self.scaling

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, r={self.r}, alpha={self.lora_alpha:g}"


def add_lora(model: nn.Module, targets: Sequence[str], r: int, alpha: float, dropout: float = 0.0) -> List[str]:
    """Replaces every nn.Linear whose attribute name is in `targets` by a LoraLinear and freezes
    everything else. Returns the adapted module paths."""
    for p in model.parameters():
        p.requires_grad_(False)
    adapted = []
    for path, module in list(model.named_modules()):
        for name, child in list(module.named_children()):
            if name in targets and type(child) is nn.Linear:
                setattr(module, name, LoraLinear(child, r, alpha, dropout))
                adapted.append(f"{path}.{name}" if path else name)
    if not adapted:
        raise ValueError(f"no linear layer named {', '.join(targets)} to adapt")
    return adapted


def lora_layers(model: nn.Module) -> Iterator[LoraLinear]:
    return (m for m in model.modules() if isinstance(m, LoraLinear))


@contextlib.contextmanager
def adapter_disabled(model: nn.Module) -> Iterator[None]:
    """pi_ref: the base model, the LoRA branches switched off (no second copy in memory)."""
    layers = list(lora_layers(model))
    for m in layers:
        m.adapter_enabled = False
    try:
        yield
    finally:
        for m in layers:
            m.adapter_enabled = True


def lora_state_dict(model: nn.Module) -> Dict[str, torch.Tensor]:
    """The adapter in peft's saved key layout, float32 on the CPU."""
    return {PEFT_PREFIX + k: v.detach().to("cpu", torch.float32).clone() for k, v in model.state_dict().items() if ".lora_A." in k or ".lora_B." in k}


def load_lora_state_dict(model: nn.Module, tensors: Dict[str, torch.Tensor]) -> None:
    own = {k: v for k, v in model.state_dict().items() if ".lora_A." in k or ".lora_B." in k}
    wanted = {PEFT_PREFIX + k for k in own}
    if set(tensors) != wanted:
        missing, extra = sorted(wanted - set(tensors)), sorted(set(tensors) - wanted)
        raise ValueError(f"the adapter does not fit the model (missing {missing[:3]}, unexpected {extra[:3]})")
    with torch.no_grad():
        for k, v in own.items():
            t = tensors[PEFT_PREFIX + k]
            if t.shape != v.shape:
                raise ValueError(f"{k}: shape {tuple(t.shape)} in the adapter, {tuple(v.shape)} in the model")
            v.copy_(t)

"""Model FLOPs of a training step, counted from the model's shape and the batch's real
(unpadded) row lengths, for tokens/s -> model FLOPs utilisation (MFU).

Why not 6 x N per token: with LoRA the base weights are frozen, so the backward pass computes
gradients with respect to activations only (2 x N_base per token, not 4 x N_base), while the
small adapter gets both (4 x N_lora); and KTO runs extra forward passes without gradient.

Per token of a row of length T (one multiply-add = 2 FLOPs; norms, rotary, softmax and other
element-wise work are left out, as usual):

    N_base   = sum of the decoder's projection sizes (q, k, v, o, gate, up, down) over layers
    N_lora   = sum over the same projections of r x (in + out)
    attn(T)  = 4 x layers x heads x head_dim x T   (QK^T and AV; no causal discount, the
               PaLM/Megatron convention; flash kernels skip about half of it)
    head     = 2 x V x d per predicted completion token (logps.py applies the head only there)

    forward, adapter on      F_on  = 2 (N_base + N_lora) + attn(T)      (+ head)
    forward, adapter off     F_off = 2 N_base + attn(T)                 (+ head)
    backward (LoRA)          B     = 2 N_base + 4 N_lora + 2 attn(T)    (+ head: activations only)

    KTO step  = [F_on + B] on the N examples  + F_on on the N KL pairs  + F_off on both
    SFT step  = [F_on + B] on the N examples

so with KL rows as long as the examples, KTO / SFT = (10 N_base + 8 N_lora + 6 attn)
/ (4 N_base + 6 N_lora + 3 attn), about 2.5x: the expected ratio of step times.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

#: Dense bf16 peak of known accelerators, FLOP/s (vendor datasheets, without sparsity).
PEAK_BF16_FLOPS = {"H200": 989e12, "H100": 989e12, "A100": 312e12, "L40S": 362e12, "A10G": 125e12, "L4": 121e12}


@dataclass(frozen=True)
class FlopShape:
    layers: int
    hidden: int
    heads: int
    kv_heads: int
    head_dim: int
    intermediate: int
    vocab: int
    lora_rank: int

    def projections(self) -> Sequence[Tuple[int, int]]:
        """(in, out) of each LoRA-adapted projection of one layer."""
        d, q, kv, i = self.hidden, self.heads * self.head_dim, self.kv_heads * self.head_dim, self.intermediate
        return ((d, q), (d, kv), (d, kv), (q, d), (d, i), (d, i), (i, d))

    @property
    def n_base(self) -> int:
        return self.layers * sum(a * b for a, b in self.projections())

    @property
    def n_lora(self) -> int:
        return self.layers * sum(self.lora_rank * (a + b) for a, b in self.projections())

    def attn_per_token(self, length: int) -> int:
        return 4 * self.layers * self.heads * self.head_dim * length

    @property
    def head(self) -> int:
        return 2 * self.vocab * self.hidden


def shape_from_config(config: Mapping[str, Any], lora_rank: int) -> Optional[FlopShape]:
    """A FlopShape from a Qwen3/Llama-style config (None for architectures it does not describe)."""
    if config.get("model_type", "qwen3") not in ("qwen3", "qwen2", "llama", "mistral"):
        return None
    try:
        heads = int(config["num_attention_heads"])
        hidden = int(config["hidden_size"])
        return FlopShape(
            layers=int(config["num_hidden_layers"]),
            hidden=hidden,
            heads=heads,
            kv_heads=int(config.get("num_key_value_heads") or heads),
            head_dim=int(config.get("head_dim") or hidden // heads),
            intermediate=int(config["intermediate_size"]),
            vocab=int(config["vocab_size"]),
            lora_rank=lora_rank,
        )
    except (KeyError, TypeError, ValueError):
        return None


def _forward(shape: FlopShape, lengths: Sequence[int], predicted: int, adapter: bool) -> int:
    per_token = 2 * (shape.n_base + (shape.n_lora if adapter else 0))
    return sum(per_token * t + shape.attn_per_token(t) * t for t in lengths) + shape.head * predicted


def _backward(shape: FlopShape, lengths: Sequence[int], predicted: int) -> int:
    return sum((2 * shape.n_base + 4 * shape.n_lora) * t + 2 * shape.attn_per_token(t) * t for t in lengths) + shape.head * predicted


def step_flops(shape: FlopShape, lengths: Sequence[int], predicted: int, kl_lengths: Sequence[int], kl_predicted: int, kind: str = "kto") -> int:
    """Model FLOPs of one step. `lengths`: real tokens per example row; `predicted`: completion
    tokens whose log-probability is taken (over all rows); kl_*: the same for the KL pairs."""
    policy = _forward(shape, lengths, predicted, True) + _backward(shape, lengths, predicted)
    if kind == "sft":
        return policy
    if kind != "kto":
        raise ValueError(f"kind must be kto or sft, got {kind!r}")
    kl_policy = _forward(shape, kl_lengths, kl_predicted, True)
    reference = _forward(shape, lengths, predicted, False) + _forward(shape, kl_lengths, kl_predicted, False)
    return policy + kl_policy + reference


def peak_flops(device_name: Optional[str]) -> Optional[float]:
    """The dense bf16 peak for a device name such as 'NVIDIA H200' (None when unknown)."""
    if not device_name:
        return None
    for key, value in PEAK_BF16_FLOPS.items():
        if key in device_name:
            return value
    return None


def describe(shape: FlopShape) -> Dict[str, Any]:
    return {**asdict(shape), "n_base": shape.n_base, "n_lora": shape.n_lora, "head_flops_per_predicted_token": shape.head}

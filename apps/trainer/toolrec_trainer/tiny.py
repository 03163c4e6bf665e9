"""toolrec/tiny-random: the built-in test model, a small causal language model in plain
PyTorch that needs nothing but torch (Debian's python3-torch 1.13 is enough).

It is a Qwen3 decoder, layer for layer and with Qwen3's parameter names, so its state dict
loads into transformers' Qwen3ForCausalLM with the same config and gives the same logits
(tests/test_tiny.py checks this where transformers is installed):
token embedding (tied with the output head), per layer RMSNorm -> attention (q/k/v/o
projections, RMSNorm on each head's queries and keys, rotary positions) -> residual ->
RMSNorm -> SwiGLU MLP (gate/up/down) -> residual, a final RMSNorm. The vocabulary is the
byte tokenizer's (data.ByteTokenizer, 264 ids); the weights are random from a fixed seed, so
every run, worker and resume sees the same base model.

Inputs are right-padded (data.collate pads on the right): causal attention alone keeps real
tokens from seeing padding, so no padding mask is applied.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, fields
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

import torch
from torch import nn

from .data import ByteTokenizer

MODEL_ID = "toolrec/tiny-random"
#: The base weights' seed: fixed, so the base model is the same for every run.
BASE_SEED = 0
LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
_SDPA = getattr(nn.functional, "scaled_dot_product_attention", None)  # torch >= 2.0


class ModelConfigError(ValueError):
    """A --model-config that does not describe a model; `field` names the key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"model config: {field}: {message}")
        self.field = field


@dataclass(frozen=True)
class TinyConfig:
    """Shape of the model, in transformers' Qwen3Config names."""

    vocab_size: int = ByteTokenizer.vocab_size
    hidden_size: int = 64
    intermediate_size: int = 192
    num_hidden_layers: int = 2
    num_attention_heads: int = 4
    num_key_value_heads: int = 4
    head_dim: int = 16
    rope_theta: float = 1_000_000.0
    rms_norm_eps: float = 1e-6
    max_position_embeddings: int = 32768
    initializer_range: float = 0.02
    tie_word_embeddings: bool = True

    @classmethod
    def from_overrides(cls, overrides: Optional[Mapping[str, Any]]) -> "TinyConfig":
        """The defaults with `overrides` applied; head_dim and intermediate_size follow
        hidden_size / heads and 3 x hidden_size unless given."""
        o = dict(overrides or {})
        names = {f.name for f in fields(cls)}
        for key in o:
            if key not in names:
                raise ModelConfigError(key, f"unknown key; known: {', '.join(sorted(names))}")
        hidden = int(o.get("hidden_size", cls.hidden_size))
        heads = int(o.get("num_attention_heads", cls.num_attention_heads))
        o.setdefault("num_key_value_heads", heads)
        if "head_dim" not in o:
            if hidden % heads:
                raise ModelConfigError("num_attention_heads", f"hidden_size {hidden} is not a multiple of {heads} heads; give head_dim")
            o["head_dim"] = hidden // heads
        o.setdefault("intermediate_size", 3 * hidden)
        cfg = cls(**o)
        for key in ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim"):
            v = getattr(cfg, key)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise ModelConfigError(key, f"must be a positive integer, got {v!r}")
        if cfg.head_dim % 2:
            raise ModelConfigError("head_dim", "must be even (rotary positions rotate pairs)")
        if cfg.num_attention_heads % cfg.num_key_value_heads:
            raise ModelConfigError("num_key_value_heads", "must divide num_attention_heads")
        if cfg.vocab_size < ByteTokenizer.vocab_size:
            raise ModelConfigError("vocab_size", f"must hold the byte tokenizer's {ByteTokenizer.vocab_size} ids")
        if not cfg.tie_word_embeddings:
            raise ModelConfigError("tie_word_embeddings", "tiny-random ties the output head to the embedding")
        return cfg

    def to_hf_config(self) -> Dict[str, Any]:
        """config.json of the equivalent transformers Qwen3ForCausalLM."""
        tok = ByteTokenizer
        return {
            "architectures": ["Qwen3ForCausalLM"],
            "model_type": "qwen3",
            **asdict(self),
            "hidden_act": "silu",
            "attention_bias": False,
            "attention_dropout": 0.0,
            "use_cache": False,
            "pad_token_id": tok.pad_token_id,
            "bos_token_id": tok.bos_token_id,
            "eos_token_id": tok.eos_token_id,
        }


class RMSNorm(nn.Module):
    def __init__(self, size: int, eps: float) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dtype = x.dtype
        h = x.float()
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * h.to(dtype)


def rotary(positions: int, head_dim: int, theta: float, device: torch.device) -> Tuple[torch.Tensor, torch.Tensor]:
    """cos, sin [T, head_dim] for positions 0..T-1 (transformers' default rotary embedding)."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64, device=device).float() / head_dim))
    freqs = torch.arange(positions, device=device, dtype=torch.float32)[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


def _rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg: TinyConfig) -> None:
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = cfg.num_attention_heads, cfg.num_key_value_heads, cfg.head_dim
        self.q_proj = nn.Linear(cfg.hidden_size, self.heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(cfg.hidden_size, self.kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(cfg.hidden_size, self.kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_dim, cfg.hidden_size, bias=False)
        self.q_norm = RMSNorm(self.head_dim, cfg.rms_norm_eps)
        self.k_norm = RMSNorm(self.head_dim, cfg.rms_norm_eps)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        q = self.q_norm(self.q_proj(x).view(b, t, self.heads, self.head_dim)).transpose(1, 2)
        k = self.k_norm(self.k_proj(x).view(b, t, self.kv_heads, self.head_dim)).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        cos_, sin_ = cos.to(q.dtype), sin.to(q.dtype)
        q = q * cos_ + _rotate_half(q) * sin_
        k = k * cos_ + _rotate_half(k) * sin_
        if self.kv_heads != self.heads:
            k = k.repeat_interleave(self.heads // self.kv_heads, dim=1)
            v = v.repeat_interleave(self.heads // self.kv_heads, dim=1)
        if _SDPA is not None:
            out = _SDPA(q, k, v, is_causal=True)
        else:
            scores = (q @ k.transpose(-1, -2)) * self.head_dim**-0.5
            causal = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(causal, float("-inf"))
            out = scores.softmax(-1, dtype=torch.float32).to(q.dtype) @ v
        return self.o_proj(out.transpose(1, 2).reshape(b, t, self.heads * self.head_dim))


class MLP(nn.Module):
    def __init__(self, cfg: TinyConfig) -> None:
        super().__init__()
        self.gate_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.up_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.down_proj = nn.Linear(cfg.intermediate_size, cfg.hidden_size, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg: TinyConfig) -> None:
        super().__init__()
        self.self_attn = Attention(cfg)
        self.mlp = MLP(cfg)
        self.input_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.post_attention_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        x = x + self.self_attn(self.input_layernorm(x), cos, sin)
        return x + self.mlp(self.post_attention_layernorm(x))


class Decoder(nn.Module):
    """Embedding, layers, final norm: input ids -> last hidden states (Qwen3Model)."""

    def __init__(self, cfg: TinyConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.num_hidden_layers))
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)

    def forward(self, input_ids: torch.Tensor, attention_mask: Optional[torch.Tensor] = None, **_: Any) -> torch.Tensor:
        t = input_ids.shape[1]
        if t > self.cfg.max_position_embeddings:
            raise ValueError(f"{t} tokens exceed max_position_embeddings {self.cfg.max_position_embeddings}")
        cos, sin = rotary(t, self.cfg.head_dim, self.cfg.rope_theta, input_ids.device)
        h = self.embed_tokens(input_ids)
        for layer in self.layers:
            h = layer(h, cos, sin)
        return self.norm(h)


class TinyCausalLM(nn.Module):
    """Qwen3ForCausalLM-shaped: `model` (the decoder) and a head tied to the embedding."""

    def __init__(self, cfg: TinyConfig) -> None:
        super().__init__()
        self.config = cfg
        self.model = Decoder(cfg)

    @property
    def lm_head(self) -> nn.Embedding:
        return self.model.embed_tokens

    def forward(self, input_ids: torch.Tensor, attention_mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Logits [N, T, V]."""
        return nn.functional.linear(self.model(input_ids), self.lm_head.weight)

    def hf_state_dict(self) -> Dict[str, torch.Tensor]:
        """The base weights under transformers' Qwen3ForCausalLM names (lm_head tied)."""
        sd = {k: v for k, v in self.state_dict().items() if ".lora_" not in k}
        sd["lm_head.weight"] = sd["model.embed_tokens.weight"]
        return sd


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def build_tiny(cfg: TinyConfig, device: torch.device = torch.device("cpu"), dtype: torch.dtype = torch.float32) -> TinyCausalLM:
    """The base model with its fixed random weights (normal(0, initializer_range) for
    projections and the embedding, ones for the norms, as transformers initialises Qwen3).

    Weights are drawn on the CPU from BASE_SEED, so they are the same on every machine;
    models over 200M parameters are drawn on `device` instead (the GPU check's 0.6B
    shape: seconds instead of a minute), which makes them device-dependent.
    """
    n_params = cfg.vocab_size * cfg.hidden_size + cfg.num_hidden_layers * (
        cfg.hidden_size * cfg.head_dim * (2 * cfg.num_attention_heads + 2 * cfg.num_key_value_heads) + 3 * cfg.hidden_size * cfg.intermediate_size
    )
    init_device = device if n_params > 200_000_000 else torch.device("cpu")
    with _seeded(BASE_SEED):
        if init_device.type == "cuda":
            torch.cuda.manual_seed(BASE_SEED)
        # torch >= 2.0: build the modules on the device directly (no CPU copy first).
        with init_device if hasattr(init_device, "__enter__") else contextlib.nullcontext():
            model = TinyCausalLM(cfg).to(init_device)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name.endswith("norm.weight"):
                    p.fill_(1.0)
                else:
                    p.normal_(0.0, cfg.initializer_range)
    return model.to(device=device, dtype=dtype)


def parse_model_config(text: Optional[str]) -> Optional[Dict[str, Any]]:
    """--model-config: a JSON object or a path to a config.json."""
    if not text:
        return None
    s = text.strip()
    if s.startswith("{"):
        value = json.loads(s)
    else:
        with open(s, encoding="utf-8") as f:
            value = json.load(f)
    if not isinstance(value, dict):
        raise ModelConfigError("model-config", "expected a JSON object")
    return value


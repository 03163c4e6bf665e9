"""Models for the trainer: a tiny random-weight Qwen3, a local model folder, LoRA on all
linear layers, and sequence log-probabilities summed over completion tokens.

transformers and peft are imported lazily (inside the functions) so that the loss and data
code, and their tests, run on machines that have only torch.

The reference model pi_ref is the same network with the LoRA adapter disabled
(`reference_model(model)`, peft's `disable_adapter()`): no second copy is kept in memory.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Dict, Iterator, Optional, Union

import torch


def _import(module: str, purpose: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise RuntimeError(f"{purpose} needs the Python package '{module}' (pip install {module}); it is not installed here") from e


def tiny_qwen3(
    vocab_size: int = 264,
    hidden: int = 64,
    layers: int = 2,
    heads: int = 4,
    kv_heads: Optional[int] = None,
    intermediate: Optional[int] = None,
    max_position_embeddings: int = 4096,
    pad_token_id: Optional[int] = 256,
    bos_token_id: Optional[int] = 257,
    eos_token_id: Optional[int] = 258,
    seed: int = 0,
) -> Any:
    """A Qwen3ForCausalLM with random weights built from a Qwen3Config (no download).

    The defaults match ByteTokenizer (vocab 264: bytes + specials). head_dim = hidden/heads,
    intermediate = 3 * hidden (Qwen3's ratio), tied embeddings like the small Qwen3 models.
    The weights depend only on the arguments and `seed`.
    """
    transformers = _import("transformers", "tiny_qwen3")
    if hidden % heads != 0:
        raise ValueError(f"hidden ({hidden}) must be a multiple of heads ({heads})")
    kv = kv_heads or heads
    if heads % kv != 0:
        raise ValueError(f"heads ({heads}) must be a multiple of kv_heads ({kv})")
    config = transformers.Qwen3Config(
        vocab_size=vocab_size,
        hidden_size=hidden,
        intermediate_size=intermediate or 3 * hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv,
        head_dim=hidden // heads,
        max_position_embeddings=max_position_embeddings,
        tie_word_embeddings=True,
        pad_token_id=pad_token_id,
        bos_token_id=bos_token_id,
        eos_token_id=eos_token_id,
        use_cache=False,
    )
    with _seeded(seed):
        model = transformers.Qwen3ForCausalLM(config)
    return model


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    devices = [torch.cuda.current_device()] if torch.cuda.is_available() else []
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(seed)
        yield


def _dtype_kwarg(transformers: Any, dtype: torch.dtype) -> Dict[str, Any]:
    # transformers >= 4.56 (and 5.x) take `dtype`; older versions `torch_dtype`.
    version = tuple(int(p) for p in transformers.__version__.split(".")[:2] if p.isdigit())
    return {"dtype": dtype} if version >= (4, 56) else {"torch_dtype": dtype}


def load_local(path: Union[str, Path], dtype: Optional[torch.dtype] = None) -> Any:
    """A causal LM from a local folder (config.json + weights); never downloads."""
    transformers = _import("transformers", "load_local")
    p = Path(path)
    if not (p / "config.json").is_file():
        raise FileNotFoundError(f"{p}: not a model folder (no config.json); pass a local folder or 'tiny'")
    kwargs: Dict[str, Any] = {"local_files_only": True}
    if dtype is not None:
        kwargs.update(_dtype_kwarg(transformers, dtype))
    return transformers.AutoModelForCausalLM.from_pretrained(str(p), **kwargs)


def with_lora(model: Any, r: int = 8, alpha: Optional[int] = None, dropout: float = 0.0) -> Any:
    """Wraps `model` in a peft LoRA adapter on all linear layers (the paper: rank 8).

    target_modules="all-linear" is every nn.Linear except the output head. lora_alpha
    defaults to 2 * r. Only the adapter's parameters are trainable.
    """
    peft = _import("peft", "with_lora")
    config = peft.LoraConfig(
        r=r,
        lora_alpha=alpha if alpha is not None else 2 * r,
        lora_dropout=dropout,
        target_modules="all-linear",
        bias="none",
        task_type="CAUSAL_LM",
    )
    return peft.get_peft_model(model, config)


def reference_model(model: Any) -> contextlib.AbstractContextManager:
    """Context in which `model` computes pi_ref: the base weights, adapter disabled."""
    disable = getattr(model, "disable_adapter", None)
    if disable is None:
        raise TypeError("the policy must be a peft model (with_lora) so the reference is the base with the adapter disabled")
    return disable()


def count_parameters(model: Any) -> Dict[str, int]:
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"total": total, "trainable": trainable}


# Full [N, T, V] float32 log-softmax only below this many elements; row by row above it
# (a real vocabulary of 150k tokens would need gigabytes at once).
_VECTORISED_LIMIT = 1 << 27


def token_logps(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """log p(target) per position, computed in float32: [N, T, V], [N, T] -> [N, T]."""
    if logits.numel() <= _VECTORISED_LIMIT:
        return logits.float().log_softmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    rows = [row.float().log_softmax(-1).gather(-1, t.unsqueeze(-1)).squeeze(-1) for row, t in zip(logits, targets)]
    return torch.stack(rows)


def sequence_logps(model: Any, input_ids: torch.Tensor, attention_mask: torch.Tensor, completion_mask: torch.Tensor) -> torch.Tensor:
    """log pi(y|x) summed over the completion tokens, one float32 value per row: [N].

    Position t's logits predict token t+1, so the completion mask is shifted by one.
    """
    out = model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False)
    logits = out.logits[:, :-1, :]
    targets = input_ids[:, 1:]
    mask = completion_mask[:, 1:].to(torch.float32)
    return (token_logps(logits, targets) * mask).sum(-1)

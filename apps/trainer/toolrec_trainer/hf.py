"""Hugging Face models for the trainer: transformers' Qwen3 with random weights
(`qwen3-random`, no download) or a local model folder, with peft's LoRA on all linear layers.

transformers and peft are imported here only, so everything else runs with torch alone.
The reference pi_ref is the same network with the adapter disabled (peft's
`disable_adapter()`): no second copy in memory. Adapters are saved by peft's
`save_pretrained` (adapter_config.json + adapter_model.safetensors), the layout vLLM's
`--lora-modules` and `PeftModel.from_pretrained` load.
"""

from __future__ import annotations

import contextlib
import inspect
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import torch

from .data import ByteTokenizer, HFTokenizer
from .flops import shape_from_config
from .logps import SequenceLogps
from .models import HF_RANDOM, TrainableModel
from .tiny import BASE_SEED, TinyConfig

#: Architectures whose logits are exactly `lm_head(decoder(...))`: logps.py then applies the
#: head only where a completion token is predicted. Others compute full logits.
HEAD_ONLY_ARCHITECTURES = ("qwen3", "qwen2", "llama", "mistral")


def _import(module: str, purpose: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise RuntimeError(f"{purpose} needs the Python package '{module}' (pip install {module}); it is not installed here") from e


def _dtype_kwarg(transformers: Any, dtype: torch.dtype) -> Dict[str, Any]:
    # transformers >= 4.56 (and 5.x) take `dtype`; older versions `torch_dtype`.
    version = tuple(int(p) for p in transformers.__version__.split(".")[:2] if p.isdigit())
    return {"dtype": dtype} if version >= (4, 56) else {"torch_dtype": dtype}


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    devices = [torch.cuda.current_device()] if torch.cuda.is_available() else []
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(seed)
        yield


def qwen3_config(overrides: Optional[Dict[str, Any]] = None) -> Any:
    """transformers' Qwen3Config of tiny-random's shape, or the shape `overrides` gives."""
    transformers = _import("transformers", HF_RANDOM)
    hf_config = TinyConfig.from_overrides(overrides).to_hf_config()
    hf_config.pop("architectures")
    hf_config.pop("model_type")
    if "rope_parameters" in inspect.signature(transformers.Qwen3Config.__init__).parameters:
        # transformers >= 5 keeps the rotary base in rope_parameters.
        hf_config["rope_parameters"] = {"rope_type": "default", "rope_theta": hf_config.pop("rope_theta")}
    return transformers.Qwen3Config(**hf_config)


def random_qwen3(overrides: Optional[Dict[str, Any]] = None) -> Any:
    """A Qwen3ForCausalLM with random weights (seed BASE_SEED) of tiny-random's shape, or the
    shape `overrides` gives (Qwen3Config names, as for tiny-random)."""
    transformers = _import("transformers", HF_RANDOM)
    config = qwen3_config(overrides)
    with _seeded(BASE_SEED):
        return transformers.Qwen3ForCausalLM(config)


def load_local(path: str, dtype: Optional[torch.dtype] = None) -> Any:
    """A causal LM from a local folder (config.json + weights); never downloads."""
    transformers = _import("transformers", "a local model folder")
    p = Path(path)
    if not (p / "config.json").is_file():
        raise FileNotFoundError(f"{p}: not a model folder (no config.json)")
    kwargs: Dict[str, Any] = {"local_files_only": True}
    if dtype is not None:
        kwargs.update(_dtype_kwarg(transformers, dtype))
    return transformers.AutoModelForCausalLM.from_pretrained(str(p), **kwargs)


def with_lora(model: Any, r: int, alpha: float, dropout: float) -> Any:
    """peft LoRA on all linear layers (target_modules="all-linear": every nn.Linear but the
    output head); only the adapter trains."""
    peft = _import("peft", "LoRA on a Hugging Face model")
    config = peft.LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules="all-linear", bias="none", task_type="CAUSAL_LM")
    return peft.get_peft_model(model, config)


def _logps_module(peft_model: Any) -> SequenceLogps:
    base = peft_model.get_base_model()
    model_type = getattr(base.config, "model_type", None)
    get_decoder = getattr(base, "get_decoder", None)
    head = base.get_output_embeddings() if hasattr(base, "get_output_embeddings") else None
    if model_type in HEAD_ONLY_ARCHITECTURES and callable(get_decoder) and head is not None and getattr(head, "bias", None) is None:
        return SequenceLogps(get_decoder(), head, backbone_kwargs={"use_cache": False})
    return SequenceLogps(peft_model, None, full_logits=True, backbone_kwargs={"use_cache": False})


def build_hf_trainable(spec: str, overrides: Optional[Dict[str, Any]], hp: Dict[str, Any], device: torch.device, dtype: torch.dtype) -> TrainableModel:
    peft = _import("peft", "LoRA on a Hugging Face model")
    if spec == HF_RANDOM:
        base = random_qwen3(overrides).to(dtype)
        tok: Any = ByteTokenizer()
        info: Dict[str, Any] = {"kind": "hf", "id": HF_RANDOM, "tokenizer": "byte"}
    else:
        if overrides:
            raise ValueError("--model-config applies to toolrec/tiny-random and qwen3-random, not to a model folder")
        tok = HFTokenizer.from_pretrained(spec)
        base = load_local(spec, dtype=dtype)
        info = {"kind": "hf", "id": str(Path(spec).resolve()), "tokenizer": "auto"}
    r, alpha, dropout = int(hp["loraRank"]), float(hp["loraAlpha"]), float(hp["loraDropout"])
    with _seeded(int(hp["seed"])):
        model = with_lora(base, r, alpha, dropout)
    # The adapter trains in float32 under bf16 autocast.
    for p in model.parameters():
        if p.requires_grad:
            p.data = p.data.float()
    model.to(device)
    config = base.config.to_dict()
    info["config"] = config
    info["parameters"] = {"total": sum(p.numel() for p in model.parameters()), "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad)}
    info["lora"] = {"r": r, "alpha": alpha, "dropout": dropout, "target_modules": "all-linear"}

    def save(adapter_dir: Path) -> List[Path]:
        model.save_pretrained(str(adapter_dir), safe_serialization=True)
        return [adapter_dir / "adapter_config.json", adapter_dir / "adapter_model.safetensors"]

    def state() -> Dict[str, torch.Tensor]:
        return {k: v.detach().to("cpu", torch.float32).clone() for k, v in peft.get_peft_model_state_dict(model).items()}

    def load(sd: Dict[str, torch.Tensor]) -> None:
        result = peft.set_peft_model_state_dict(model, sd)
        unexpected = getattr(result, "unexpected_keys", None)
        if unexpected:
            raise ValueError(f"the adapter does not fit the model (unexpected {list(unexpected)[:3]})")

    return TrainableModel(
        model_id=info["id"],
        kind="hf",
        tokenizer=tok,
        root=model,
        logps=_logps_module(model),
        reference=model.disable_adapter,
        adapter_state_dict=state,
        load_adapter_state_dict=load,
        save_adapter=save,
        info=info,
        flop_shape=shape_from_config(config, r),
    )

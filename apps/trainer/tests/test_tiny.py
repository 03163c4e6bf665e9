"""toolrec/tiny-random: the plain-PyTorch Qwen3-shaped model, its LoRA, log-probabilities and
the adapter files (peft's layout). The transformers/peft cross-checks run where those are
installed (the GPU machine)."""

import json

import pytest
import torch

from conftest import SMALL_MODEL
from toolrec_trainer.data import ByteTokenizer, collate, encode_dataset
from toolrec_trainer.hyperparameters import resolve_hyperparameters
from toolrec_trainer.lora import LoraLinear
from toolrec_trainer.models import build_model
from toolrec_trainer.safetensors_io import load_file
from toolrec_trainer.synth import synth_rows
from toolrec_trainer.tiny import LORA_TARGETS, ModelConfigError, TinyConfig, build_tiny

CPU = torch.device("cpu")


def small(hp=None, config=SMALL_MODEL):
    return build_model("toolrec/tiny-random", config, resolve_hyperparameters(hp or {}), CPU, bf16_weights=False)


def a_batch(n=4, max_length=64):
    tok = ByteTokenizer()
    return collate(encode_dataset(tok, synth_rows(n, seed=1)), tok.pad_token_id, max_length=max_length)


def test_shape_names_and_fixed_base_weights():
    torch.manual_seed(123)  # the global seed must not matter: the base is one fixed model
    a = build_tiny(TinyConfig.from_overrides(SMALL_MODEL))
    torch.manual_seed(456)
    b = build_tiny(TinyConfig.from_overrides(SMALL_MODEL))
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
    names = set(a.hf_state_dict())
    for expected in ("model.embed_tokens.weight", "lm_head.weight", "model.norm.weight", "model.layers.1.input_layernorm.weight",
                     "model.layers.1.post_attention_layernorm.weight", "model.layers.0.self_attn.q_norm.weight", "model.layers.0.self_attn.k_norm.weight",
                     *(f"model.layers.0.self_attn.{p}.weight" for p in ("q_proj", "k_proj", "v_proj", "o_proj")),
                     *(f"model.layers.0.mlp.{p}.weight" for p in ("gate_proj", "up_proj", "down_proj"))):
        assert expected in names, expected
    assert a(torch.tensor([[257, 97, 98]])).shape == (1, 3, 264)
    cfg = TinyConfig.from_overrides({"hidden_size": 48, "num_attention_heads": 6, "num_key_value_heads": 2})
    assert cfg.head_dim == 8 and cfg.intermediate_size == 144
    assert build_tiny(cfg)(torch.tensor([[1, 2, 3]])).shape == (1, 3, 264)  # grouped-query attention


@pytest.mark.parametrize("override, field", [({"hidden": 32}, "hidden"), ({"num_key_value_heads": 3}, "num_key_value_heads"), ({"vocab_size": 100}, "vocab_size"), ({"head_dim": 7}, "head_dim")])
def test_model_config_errors_name_the_key(override, field):
    with pytest.raises(ModelConfigError) as e:
        TinyConfig.from_overrides({**SMALL_MODEL, **override})
    assert e.value.field == field


def test_lora_on_every_projection_and_only_lora_trains():
    m = small({"loraRank": 4, "loraAlpha": 12})
    trainable = [n for n, p in m.root.named_parameters() if p.requires_grad]
    assert trainable and all(".lora_A." in n or ".lora_B." in n for n in trainable)
    layers = [mod for mod in m.root.modules() if isinstance(mod, LoraLinear)]
    assert len(layers) == SMALL_MODEL["num_hidden_layers"] * len(LORA_TARGETS)
    assert all(layer.r == 4 and layer.scaling == 3.0 for layer in layers)
    # y = x W^T + (alpha / r) * B(A(x))
    layer = layers[0]
    with torch.no_grad():
        layer.lora_B.weight.normal_()
        x = torch.randn(3, layer.in_features)
        expected = x @ layer.weight.T + 3.0 * (x @ layer.lora_A.weight.T @ layer.lora_B.weight.T)
        assert torch.allclose(layer(x), expected, atol=1e-5)


def test_reference_is_the_base_model_and_policy_starts_equal():
    m = small()
    b = a_batch()
    args = (b.input_ids, b.attention_mask, b.completion_mask)
    base = build_tiny(TinyConfig.from_overrides(SMALL_MODEL))
    from toolrec_trainer.logps import SequenceLogps

    base_logps = SequenceLogps(base.model, base.lm_head)(*args)
    with torch.no_grad():
        assert torch.allclose(m.logps(*args), base_logps, atol=1e-5)  # B = 0 at the start
        for layer in m.root.modules():
            if isinstance(layer, LoraLinear):
                layer.lora_B.weight.normal_(0, 0.05)
        policy = m.logps(*args)
        with m.reference():
            reference = m.logps(*args)
    assert torch.allclose(reference, base_logps, atol=1e-5)
    assert not torch.allclose(policy, reference, atol=1e-3)
    assert all(layer.adapter_enabled for layer in m.root.modules() if isinstance(layer, LoraLinear))  # switched back on


def test_logps_sum_the_completion_tokens_and_ignore_right_padding():
    m = small()
    b = a_batch(max_length=64)
    got = m.logps(b.input_ids, b.attention_mask, b.completion_mask)
    logits = m.root(b.input_ids).float().log_softmax(-1)
    for i in range(b.size):
        expect = sum(float(logits[i, t - 1, b.input_ids[i, t]]) for t in range(1, b.input_ids.shape[1]) if b.completion_mask[i, t])
        assert float(got[i]) == pytest.approx(expect, rel=1e-5)
    padded = torch.nn.functional.pad(b.input_ids, (0, 24), value=ByteTokenizer.pad_token_id)
    zeros = lambda t: torch.nn.functional.pad(t, (0, 24))  # noqa: E731
    assert torch.allclose(m.logps(padded, zeros(b.attention_mask), zeros(b.completion_mask)), got, atol=1e-5)


def test_adapter_files_are_peft_layout(tmp_path):
    m = small({"loraRank": 4, "loraAlpha": 8})
    files = m.save_adapter(tmp_path / "adapter")
    assert sorted(p.name for p in files) == ["adapter_config.json", "adapter_model.safetensors"]
    cfg = json.loads((tmp_path / "adapter" / "adapter_config.json").read_text())
    assert cfg["peft_type"] == "LORA" and cfg["task_type"] == "CAUSAL_LM" and cfg["r"] == 4 and cfg["lora_alpha"] == 8
    assert cfg["base_model_name_or_path"] == "toolrec/tiny-random" and sorted(cfg["target_modules"]) == sorted(LORA_TARGETS)
    tensors = load_file(tmp_path / "adapter" / "adapter_model.safetensors")
    q_a = tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"]
    q_b = tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"]
    assert q_a.shape == (4, 32) and q_b.shape == (32, 4) and q_a.dtype == torch.float32
    assert len(tensors) == 2 * SMALL_MODEL["num_hidden_layers"] * len(LORA_TARGETS)
    # and it loads back
    other = small({"loraRank": 4, "loraAlpha": 8, "seed": 5})
    other.load_adapter_state_dict(tensors)
    assert all(torch.equal(other.adapter_state_dict()[k], v) for k, v in tensors.items())
    with pytest.raises(ValueError, match="shape"):
        small({"loraRank": 2}).load_adapter_state_dict(tensors)
    with pytest.raises(ValueError, match="does not fit"):
        small({"loraRank": 4}, {**SMALL_MODEL, "num_hidden_layers": 1}).load_adapter_state_dict(tensors)


def test_the_adapter_seed_is_the_runs_seed():
    a, b, c = small({"seed": 1}), small({"seed": 1}), small({"seed": 2})
    key = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"
    assert torch.equal(a.adapter_state_dict()[key], b.adapter_state_dict()[key])
    assert not torch.equal(a.adapter_state_dict()[key], c.adapter_state_dict()[key])


def test_transformers_qwen3_computes_the_same_logits_and_peft_loads_the_adapter(tmp_path):
    transformers = pytest.importorskip("transformers", reason="transformers is not installed here (it is on the GPU machine)")
    peft = pytest.importorskip("peft", reason="peft is not installed here (it is on the GPU machine)")
    from toolrec_trainer.hf import qwen3_config

    shape = {**SMALL_MODEL, "num_key_value_heads": 2}
    m = build_model("toolrec/tiny-random", shape, resolve_hyperparameters({}), CPU, bf16_weights=False)
    hf = transformers.Qwen3ForCausalLM(qwen3_config(shape)).eval()
    missing, unexpected = hf.load_state_dict(m.root.hf_state_dict(), strict=False)
    assert not unexpected and all("rotary" in k for k in missing)
    ids = a_batch().input_ids
    with torch.no_grad():
        with m.reference():
            ours = m.root(ids)
        assert torch.allclose(hf(input_ids=ids).logits, ours, atol=1e-4)
        for layer in m.root.modules():
            if isinstance(layer, LoraLinear):
                layer.lora_B.weight.normal_(0, 0.05)
        adapted = m.root(ids)
    m.save_adapter(tmp_path / "adapter")
    peft_model = peft.PeftModel.from_pretrained(hf, str(tmp_path / "adapter")).eval()
    with torch.no_grad():
        assert torch.allclose(peft_model(input_ids=ids).logits, adapted, atol=1e-4)

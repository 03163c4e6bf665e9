"""The Hugging Face path (transformers + peft: qwen3-random, local folders) and GPU runs:
these run where transformers/peft and a GPU are installed (the GPU machine)."""

import io
import json

import pytest
import torch

from conftest import SMALL_HP, SMALL_MODEL
from toolrec_trainer.data import ByteTokenizer, collate, encode_dataset
from toolrec_trainer.hyperparameters import resolve_hyperparameters
from toolrec_trainer.logps import logits_logps
from toolrec_trainer.synth import synth_rows
from toolrec_trainer.train import RunOptions, train

CPU = torch.device("cpu")


def needs_hf():
    pytest.importorskip("transformers", reason="transformers is not installed on this machine (no PyPI here); these tests run where it is, e.g. the GPU machine")
    pytest.importorskip("peft", reason="peft is not installed on this machine (no PyPI here); these tests run where it is, e.g. the GPU machine")


def test_qwen3_random_with_peft_lora_on_all_linear_layers():
    needs_hf()
    from toolrec_trainer.models import build_model

    m = build_model("qwen3-random", SMALL_MODEL, resolve_hyperparameters({"loraRank": 4}), CPU, bf16_weights=False)
    assert type(m.root.get_base_model()).__name__ == "Qwen3ForCausalLM" and m.kind == "hf"
    trainable = [n for n, p in m.root.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)
    for proj in ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"):
        assert any(proj in n for n in trainable), proj
    assert not any("lm_head" in n for n in trainable)
    tok = ByteTokenizer()
    b = collate(encode_dataset(tok, synth_rows(4, seed=1)), tok.pad_token_id, max_length=64)
    args = (b.input_ids, b.attention_mask, b.completion_mask)
    with torch.no_grad():
        # The head applied at completion positions only == the full logits' log-probabilities.
        full = logits_logps(m.root(input_ids=b.input_ids, attention_mask=b.attention_mask).logits, b.input_ids, b.completion_mask)
        assert torch.allclose(m.logps(*args), full, atol=1e-4)
        for n, p in m.root.named_parameters():
            if "lora_B" in n:
                p.add_(0.05)
        policy = m.logps(*args)
        with m.reference():
            ref = m.logps(*args)
    assert not torch.allclose(policy, ref, atol=1e-3)


def test_a_qwen3_random_run_saves_an_adapter_peft_loads(data_dir, tmp_path):
    needs_hf()
    import peft

    from toolrec_trainer.hf import random_qwen3

    summary = train(RunOptions(data=str(data_dir), out=str(tmp_path / "run"), model="qwen3-random", model_config=SMALL_MODEL, device="cpu", quiet=True),
                    {**SMALL_HP, "maxSteps": 3}, emit_stream=io.StringIO())
    assert summary["status"] == "completed" and summary["model"]["kind"] == "hf"
    adapter = tmp_path / "run" / "adapter"
    assert json.loads((adapter / "adapter_config.json").read_text())["peft_type"] == "LORA"
    loaded = peft.PeftModel.from_pretrained(random_qwen3(SMALL_MODEL), str(adapter))
    assert any("lora_A" in n for n, _ in loaded.named_parameters())


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("model", ["toolrec/tiny-random", "qwen3-random"])
def test_three_bf16_steps_on_cuda(data_dir, tmp_path, model):
    if model != "toolrec/tiny-random":
        needs_hf()
    summary = train(RunOptions(data=str(data_dir), out=str(tmp_path / "run"), model=model, model_config=SMALL_MODEL, device="cuda", precision="bf16", quiet=True),
                    {**SMALL_HP, "maxSteps": 3}, emit_stream=io.StringIO())
    assert summary["status"] == "completed" and summary["precision"] == "bf16-autocast" and summary["peak_memory_mb"] > 0

"""Model and training tests: need transformers and peft (present on the GPU machine)."""

import json
import math

import pytest
import torch

pytest.importorskip("transformers", reason="transformers is not installed on this machine (no PyPI here); these tests run where it is, e.g. the GPU machine")
pytest.importorskip("peft", reason="peft is not installed on this machine (no PyPI here); these tests run where it is, e.g. the GPU machine")

from toolrec_trainer.__main__ import main  # noqa: E402
from toolrec_trainer.data import ByteTokenizer, collate, encode_dataset  # noqa: E402
from toolrec_trainer.model import count_parameters, reference_model, sequence_logps, tiny_qwen3, with_lora  # noqa: E402
from toolrec_trainer.synth import synth_rows, write_synth  # noqa: E402
from toolrec_trainer.train import TrainConfig, train  # noqa: E402

TRL_NAMES = ("loss", "kl", "rewards/chosen", "rewards/rejected", "rewards/margins", "logps/chosen", "logps/rejected")


def small_batch(n=4):
    tok = ByteTokenizer()
    return tok, collate(encode_dataset(tok, synth_rows(n, seed=1)), tok.pad_token_id, max_length=96)


def test_tiny_qwen3_is_a_random_qwen3_of_the_asked_shape():
    model = tiny_qwen3(hidden=32, layers=2, heads=4, seed=1)
    assert type(model).__name__ == "Qwen3ForCausalLM"
    assert model.config.vocab_size == 264 and model.config.num_hidden_layers == 2 and model.config.head_dim == 8
    same = tiny_qwen3(hidden=32, layers=2, heads=4, seed=1)
    for a, b in zip(model.state_dict().values(), same.state_dict().values()):
        assert torch.equal(a, b)
    out = model(input_ids=torch.tensor([[257, 97, 98]]))
    assert out.logits.shape == (1, 3, 264)


def test_lora_targets_all_linear_layers_and_only_it_trains():
    model = with_lora(tiny_qwen3(hidden=32, layers=2, heads=4), r=8)
    counts = count_parameters(model)
    assert 0 < counts["trainable"] < counts["total"]
    trainable = [n for n, p in model.named_parameters() if p.requires_grad]
    assert all("lora_" in n for n in trainable)
    for proj in ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"):
        assert any(proj in n for n in trainable), proj
    assert not any("lm_head" in n for n in trainable)
    assert model.peft_config["default"].r == 8


def test_sequence_logps_sums_the_completion_tokens_only():
    tok, batch = small_batch()
    model = tiny_qwen3(hidden=32, layers=1, heads=4)
    got = sequence_logps(model, batch.input_ids, batch.attention_mask, batch.completion_mask)
    logits = model(input_ids=batch.input_ids, attention_mask=batch.attention_mask).logits.float()
    logp = logits.log_softmax(-1)
    for i in range(batch.size):
        expect = sum(float(logp[i, t - 1, batch.input_ids[i, t]]) for t in range(1, batch.input_ids.shape[1]) if batch.completion_mask[i, t])
        assert float(got[i]) == pytest.approx(expect, rel=1e-5)


def test_reference_is_the_base_with_the_adapter_disabled():
    tok, batch = small_batch()
    base = tiny_qwen3(hidden=32, layers=1, heads=4)
    base_logps = sequence_logps(base, batch.input_ids, batch.attention_mask, batch.completion_mask).detach()
    model = with_lora(base, r=8)
    args = (batch.input_ids, batch.attention_mask, batch.completion_mask)
    with torch.no_grad():
        # LoRA's B starts at 0: policy == reference at initialisation.
        assert torch.allclose(sequence_logps(model, *args), base_logps, atol=1e-5)
        for n, p in model.named_parameters():
            if "lora_B" in n:
                p.add_(0.05)
        policy = sequence_logps(model, *args)
        with reference_model(model):
            ref = sequence_logps(model, *args)
    assert torch.allclose(ref, base_logps, atol=1e-5)
    assert not torch.allclose(policy, ref, atol=1e-3)


def check_run(out, steps):
    lines = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in lines] == list(range(1, steps + 1))
    for r in lines:
        for name in TRL_NAMES + ("lr", "tokens_per_second", "max_memory_mb", "grad_norm"):
            assert name in r, name
        assert math.isfinite(r["loss"]) and r["tokens_per_second"] > 0
    assert (out / "adapter" / "adapter_model.safetensors").is_file()
    assert (out / "adapter" / "adapter_config.json").is_file()
    run = json.loads((out / "run.json").read_text())
    for key in ("final", "wall_time_s", "device_name", "peak_memory_mb", "tokens_per_second", "steps"):
        assert key in run, key
    assert run["steps"] == steps and run["final"]["step"] == steps
    return lines, run


def test_three_training_steps_on_cpu(tmp_path):
    write_synth(tmp_path / "data", n=24, seed=2)
    cfg = TrainConfig(data=str(tmp_path / "data"), model="tiny", out=str(tmp_path / "run"), steps=3, batch_size=8, lr=1e-3,
                      max_length=128, device="cpu", tiny_hidden=32, tiny_layers=2, tiny_heads=4, quiet=True)
    summary = train(cfg)
    lines, run = check_run(tmp_path / "run", 3)
    assert summary["status"] == "completed" and run["device"] == "cpu"
    assert lines[0]["lr"] == 0.0  # warmup starts at 0 (ceil(0.1 * 3) = 1 warmup step)
    assert lines[1]["lr"] == pytest.approx(1e-3)
    # At step 1 the adapter is still zero: policy == reference, so the rewards are 0 and the
    # loss is the weighted mean of lambda * sigmoid(0) = 0.5.
    assert lines[0]["rewards/chosen"] in (None, pytest.approx(0.0, abs=1e-6))
    assert lines[0]["kl"] == pytest.approx(0.0, abs=1e-6)


def test_cli_train_and_time_limit(tmp_path, capsys):
    assert main(["synth-data", "--out", str(tmp_path / "data"), "--n", "16"]) == 0
    rc = main(["train", "--data", str(tmp_path / "data"), "--model", "tiny", "--out", str(tmp_path / "run"), "--steps", "3",
               "--batch-size", "4", "--max-length", "96", "--device", "cpu", "--tiny-hidden", "32", "--tiny-layers", "1"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "step 3/3" in out and "ETA" in out and "loss" in out
    check_run(tmp_path / "run", 3)
    # A time limit stops early and still saves the adapter and run.json.
    rc = main(["train", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "run2"), "--steps", "50", "--batch-size", "4",
               "--max-length", "96", "--device", "cpu", "--tiny-hidden", "32", "--tiny-layers", "1", "--time-limit", "0.000001", "--quiet"])
    assert rc == 0
    run = json.loads((tmp_path / "run2" / "run.json").read_text())
    assert run["status"] == "time_limit" and run["steps"] == 1 and run["planned_steps"] == 50


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_three_training_steps_on_cuda_bf16(tmp_path):
    write_synth(tmp_path / "data", n=64, seed=2)
    cfg = TrainConfig(data=str(tmp_path / "data"), model="tiny", out=str(tmp_path / "run"), steps=3, batch_size=32,
                      max_length=256, device="cuda", precision="bf16", tiny_hidden=64, tiny_layers=2, tiny_heads=4, quiet=True)
    summary = train(cfg)
    check_run(tmp_path / "run", 3)
    assert summary["precision"] == "bf16-autocast" and summary["peak_memory_mb"] > 0

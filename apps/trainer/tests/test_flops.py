"""The FLOP count behind MFU (flops.py), on shapes small enough to count by hand."""

import pytest

from toolrec_trainer.flops import FlopShape, peak_flops, shape_from_config, step_flops

# 1 layer, d = 4, 2 heads of 2 (kv 1 head), intermediate 8, vocab 10, LoRA r = 1.
S = FlopShape(layers=1, hidden=4, heads=2, kv_heads=1, head_dim=2, intermediate=8, vocab=10, lora_rank=1)


def test_parameter_counts_by_hand():
    # q 4x4, k 4x2, v 4x2, o 4x4, gate 4x8, up 4x8, down 8x4
    assert S.n_base == 16 + 8 + 8 + 16 + 32 + 32 + 32
    # r * (in + out) per projection
    assert S.n_lora == 8 + 6 + 6 + 8 + 12 + 12 + 12
    assert S.attn_per_token(5) == 4 * 1 * 2 * 2 * 5
    assert S.head == 2 * 10 * 4


def test_kto_and_sft_steps_by_hand():
    lengths, predicted = [5, 3], 4
    kl_lengths, kl_predicted = [6, 2], 3
    a = lambda t: 16 * t  # noqa: E731 - attn(T) per token = 4 * layers * heads * head_dim * T
    fwd_on = sum(2 * (144 + 64) * t + a(t) * t for t in lengths) + 80 * predicted
    bwd = sum((2 * 144 + 4 * 64) * t + 2 * a(t) * t for t in lengths) + 80 * predicted
    kl_on = sum(2 * (144 + 64) * t + a(t) * t for t in kl_lengths) + 80 * kl_predicted
    ref = sum(2 * 144 * t + a(t) * t for t in lengths + kl_lengths) + 80 * (predicted + kl_predicted)
    assert step_flops(S, lengths, predicted, kl_lengths, kl_predicted, "sft") == fwd_on + bwd
    assert step_flops(S, lengths, predicted, kl_lengths, kl_predicted, "kto") == fwd_on + bwd + kl_on + ref
    with pytest.raises(ValueError):
        step_flops(S, lengths, predicted, kl_lengths, kl_predicted, "dpo")


def test_kto_costs_about_two_and_a_half_sft_steps_on_a_big_model():
    qwen3_06b = shape_from_config({"model_type": "qwen3", "hidden_size": 1024, "num_hidden_layers": 28, "num_attention_heads": 16,
                                   "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 3072, "vocab_size": 151936}, 8)
    assert 430e6 < qwen3_06b.n_base < 450e6  # the decoder's projections of Qwen3-0.6B
    rows = [300] * 32
    ratio = step_flops(qwen3_06b, rows, 32 * 40, rows, 32 * 40, "kto") / step_flops(qwen3_06b, rows, 32 * 40, rows, 32 * 40, "sft")
    assert 2.4 < ratio < 2.6
    assert shape_from_config({"model_type": "gemma2"}, 8) is None
    assert peak_flops("NVIDIA H200") == 989e12 and peak_flops("cpu") is None

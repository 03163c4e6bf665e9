"""The learning-rate schedule: linear warmup (ratio 0.1), then cosine to 0."""

import math

import pytest
import torch

from toolrec_trainer.train import cosine_schedule_with_warmup, warmup_steps_for


def lrs(total, ratio=0.1, lr=5e-6):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.AdamW([p], lr=lr)
    sched = cosine_schedule_with_warmup(opt, warmup_steps_for(total, ratio), total)
    out = []
    for _ in range(total):
        out.append(sched.get_last_lr()[0])
        opt.step()
        sched.step()
    return out


def test_warmup_then_cosine():
    assert warmup_steps_for(100, 0.1) == 10 and warmup_steps_for(3, 0.1) == 1 and warmup_steps_for(0, 0.1) == 0
    seq = lrs(100)
    assert seq[0] == 0.0
    assert seq[5] == pytest.approx(2.5e-6)
    assert seq[10] == pytest.approx(5e-6)  # peak right after warmup
    assert seq[55] == pytest.approx(2.5e-6)  # half way through the decay
    assert all(a >= b for a, b in zip(seq[10:], seq[11:]))
    assert seq[-1] == pytest.approx(5e-6 * 0.5 * (1 + math.cos(math.pi * 89 / 90)))


def test_matches_transformers_when_installed():
    transformers = pytest.importorskip("transformers", reason="transformers is not installed on this machine (it is on the GPU machine)")
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.AdamW([p], lr=1.0)
    ref = transformers.get_cosine_schedule_with_warmup(opt, num_warmup_steps=5, num_training_steps=50)
    expected = []
    for _ in range(50):
        expected.append(ref.get_last_lr()[0])
        opt.step()
        ref.step()
    assert lrs(50, 0.1, 1.0) == pytest.approx(expected, abs=1e-12)

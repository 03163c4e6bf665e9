"""The training loop with a stand-in model: runs with torch alone (no transformers/peft).

The stand-in has what the loop uses of a peft model: forward(...).logits, trainable adapter
parameters, `disable_adapter()` and `save_pretrained()`. The real model is covered by
test_train.py where transformers and peft are installed.
"""

import contextlib
import json
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch

import toolrec_trainer.train as train_module
from toolrec_trainer.data import ByteTokenizer
from toolrec_trainer.synth import write_synth
from toolrec_trainer.train import TrainConfig, train


class StandInLoraLM(torch.nn.Module):
    def __init__(self, vocab=264, hidden=16):
        super().__init__()
        torch.manual_seed(0)
        self.embed = torch.nn.Embedding(vocab, hidden)
        self.head = torch.nn.Linear(hidden, vocab)
        for p in self.parameters():
            p.requires_grad_(False)
        self.lora_A = torch.nn.Parameter(torch.randn(hidden, 4) * 0.1)
        self.lora_B = torch.nn.Parameter(torch.zeros(4, hidden))
        self.adapter_enabled = True
        self.config = SimpleNamespace(to_dict=lambda: {"model_type": "stand-in"})
        self.reference_calls = 0

    def forward(self, input_ids, attention_mask=None, use_cache=False):
        h = self.embed(input_ids)
        h = torch.cumsum(h, dim=1) / torch.arange(1, h.shape[1] + 1, device=h.device).view(1, -1, 1)  # causal mixing
        if self.adapter_enabled:
            h = h + h @ self.lora_A @ self.lora_B
        return SimpleNamespace(logits=self.head(h))

    @contextlib.contextmanager
    def disable_adapter(self):
        self.adapter_enabled = False
        self.reference_calls += 1
        try:
            yield
        finally:
            self.adapter_enabled = True

    def save_pretrained(self, path, safe_serialization=True):
        Path(path).mkdir(parents=True, exist_ok=True)
        torch.save({"lora_A": self.lora_A, "lora_B": self.lora_B}, Path(path) / "adapter_model.bin")


@pytest.fixture
def stand_in(monkeypatch):
    model = StandInLoraLM()

    def build(cfg, device):
        model.to(device)
        return model, ByteTokenizer(), {"kind": "stand-in", "parameters": {"total": 1, "trainable": 1}}

    monkeypatch.setattr(train_module, "build_model_and_tokenizer", build)
    return model


def test_loop_writes_metrics_adapter_and_run_json(tmp_path, stand_in):
    write_synth(tmp_path / "data", n=40, seed=5)
    lines = []
    summary = train(
        TrainConfig(data=str(tmp_path / "data"), out=str(tmp_path / "run"), steps=6, batch_size=8, lr=5e-2, max_length=128, device="cpu", quiet=True),
        on_step=lines.append,
    )
    assert summary["status"] == "completed" and summary["steps"] == 6
    assert stand_in.reference_calls == 6  # one reference pass (examples + KL pairs) per step
    recorded = [json.loads(x) for x in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert recorded == json.loads(json.dumps(lines))
    for r in recorded:
        for name in ("loss", "kl", "rewards/chosen", "rewards/rejected", "rewards/margins", "logps/chosen", "logps/rejected", "lr", "tokens_per_second", "max_memory_mb"):
            assert name in r
        assert math.isfinite(r["loss"])
    # Step 1: adapter B = 0 so policy == reference: rewards 0, kl 0, lr 0 (warmup).
    assert recorded[0]["lr"] == 0.0 and recorded[0]["kl"] == 0.0
    assert recorded[0]["rewards/chosen"] == 0.0 and recorded[0]["rewards/rejected"] == 0.0
    # The adapter learns: rewards move apart in the loss's direction.
    assert recorded[-1]["rewards/margins"] != 0.0
    assert torch.count_nonzero(stand_in.lora_B) > 0
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["final"]["step"] == 6 and run["device"] == "cpu" and run["peak_memory_mb"] > 0
    assert run["dataset"]["checksum_verified"] is True and run["dataset"]["rows"] == 40
    assert run["adapter_files"] == ["adapter_model.bin"]
    assert run["config"]["beta"] == 0.01 and run["config"]["lora_r"] == 8


def test_loss_in_the_loop_matches_the_weighted_definition(tmp_path, stand_in):
    # Step 1 has rewards 0 and z 0, so L = sum_i(w_i * lambda * 0.5) / N over the batch.
    write_synth(tmp_path / "data", n=8, seed=6)
    train(TrainConfig(data=str(tmp_path / "data"), out=str(tmp_path / "run"), steps=1, batch_size=8, device="cpu", quiet=True, lambda_d=1.33))
    rec = json.loads((tmp_path / "run" / "metrics.jsonl").read_text().splitlines()[0])
    rows = [json.loads(x) for x in (tmp_path / "data" / "synth.jsonl").read_text().splitlines()]
    expected = sum(r["weight"] * (1.33 if r["label"] else 1.0) * 0.5 for r in rows) / 8
    assert rec["loss"] == pytest.approx(expected, abs=1e-6)

"""toolrec/ranker: features and Plackett-Luce log-probabilities against the TypeScript twin
(packages/recommender/test-support/golden/ranker-features.json), the reference policy, and
training through the normal `train` entry."""

import json
import random

import pytest
import torch

from conftest import run_trainer
from toolrec_trainer.data import sha256_file
from toolrec_trainer.loss import weighted_kto_loss
from toolrec_trainer.paths import repo_root
from toolrec_trainer.ranker import encode_list, plackett_luce_logps
from toolrec_trainer.ranker_features import FEATURE_NAMES, DialogueContext, features, reference_weights


def ranker_golden():
    path = repo_root() / "packages" / "recommender" / "test-support" / "golden" / "ranker-features.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_features_match_the_typescript_golden_vectors():
    g = ranker_golden()
    assert len(g["cases"]) >= 5
    for case in g["cases"]:
        ctx = DialogueContext(case["ranker"])
        for cand, expected in zip(case["candidates"], case["features"]):
            got = features(ctx, cand)
            assert got == pytest.approx(expected, abs=1e-12), (case["name"], cand["text"])


def test_plackett_luce_logps_match_the_typescript_golden_values():
    g = ranker_golden()
    for case in g["cases"]:
        ctx = DialogueContext(case["ranker"])
        for lst in case["lists"]:
            items = [case["candidates"][i] for i in lst["items"]]
            enc = encode_list(ctx, items)
            for w, expected in zip(g["weights"], lst["logps"]):
                got = float(plackett_luce_logps(torch.tensor(w, dtype=torch.float64), [enc])[0])
                assert got == pytest.approx(expected, abs=1e-9), case["name"]


def test_the_reference_policy_ranks_the_grounded_pool_in_its_order():
    w = torch.tensor(reference_weights(), dtype=torch.float64)
    for case in ranker_golden()["cases"]:
        ctx = DialogueContext(case["ranker"])
        scores = [float(torch.tensor(features(ctx, c), dtype=torch.float64) @ w) for c in case["ranker"]["pool"]]
        assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
        # The grounded list is the most probable list of its length; a reordering is less probable.
        pool = case["ranker"]["pool"]
        best = float(plackett_luce_logps(w, [encode_list(ctx, pool[:5])])[0])
        swapped = float(plackett_luce_logps(w, [encode_list(ctx, [pool[1], pool[0], *pool[2:5]])])[0])
        assert best > swapped


def write_ranker_export(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "ranker-test.jsonl"
    with open(data, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    (folder / "ranker-test.metadata.json").write_text(json.dumps({"datasetId": "ranker-test", "rows": len(rows), "checksum": sha256_file(data)}))
    return folder


def tool_preferring_rows(n, seed=0):
    """Lists of the golden dialogues' pools: users clicked (desirable) the ones that show more
    tool-invoking suggestions."""
    rng = random.Random(seed)
    cases = ranker_golden()["cases"]
    rows = []
    for i in range(n):
        case = cases[i % len(cases)]
        pool = case["ranker"]["pool"]
        tools = [c for c in pool if c["toolId"]]
        chat = [c for c in pool if not c["toolId"]]
        n_tools = rng.randint(0, min(5, len(tools)))
        lst = rng.sample(tools, n_tools) + rng.sample(chat, 5 - n_tools)
        rng.shuffle(lst)
        label = rng.random() < 0.1 + 0.15 * n_tools
        rows.append({"prompt": case["name"], "completion": "\n".join(c["text"] for c in lst), "label": label, "weight": 1,
                     "ranker": {**case["ranker"], "list": lst}})
    return rows


def test_training_through_the_train_entry_raises_the_tool_weight(tmp_path):
    data = write_ranker_export(tmp_path / "data", tool_preferring_rows(2000))
    out = tmp_path / "run"
    hp = {"learningRate": 0.05, "beta": 0.5, "batchSize": 128, "epochs": 3, "warmupRatio": 0, "gpus": 0}
    code, lines, stderr = run_trainer(["train", "--model", "toolrec/ranker", "--data", str(data), "--out", str(out), "--hyperparameters", json.dumps(hp)])
    assert code == 0, stderr
    types = [l["type"] for l in lines]
    assert types[0] == "start" and types[-1] == "done" and "metrics" in types and "progress" in types
    done = lines[-1]
    assert {a["path"] for a in done["artifacts"]} == {"ranker.json", "run.json", "metrics.jsonl"}
    doc = json.loads((out / "ranker.json").read_text())
    assert doc["format"] == "toolrec-ranker-v1" and doc["features"] == list(FEATURE_NAMES)
    assert doc["weights"][FEATURE_NAMES.index("tool")] > 0.05
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "completed" and run["steps"] == 3 * (2000 // 128)


def test_the_first_step_is_the_weighted_kto_loss_at_the_reference(tmp_path):
    """At w = w_ref every log-ratio is 0 and z = 0: the loss is the same function's value."""
    rows = tool_preferring_rows(16, seed=3)
    for i, r in enumerate(rows):
        r["weight"] = [0, 0.5, 1, 2.25][i % 4]
    data = write_ranker_export(tmp_path / "data", rows)
    hp = {"learningRate": 0.01, "beta": 0.1, "batchSize": 16, "maxSteps": 1, "epochs": None, "gpus": 0, "lambdaU": 1.5}
    code, lines, stderr = run_trainer(["train", "--model", "toolrec/ranker", "--data", str(data), "--out", str(tmp_path / "run"), "--hyperparameters", json.dumps(hp)])
    assert code == 0, stderr
    m = next(l for l in lines if l["type"] == "metrics")
    zeros = [0.0] * 16
    _, expected = weighted_kto_loss(torch.tensor(zeros, dtype=torch.float64), torch.tensor(zeros, dtype=torch.float64), zeros, zeros,
                                    [r["label"] for r in rows], [float(r["weight"]) for r in rows], beta=0.1, lambda_d=1.0, lambda_u=1.5)
    assert m["loss"] == pytest.approx(expected["loss"], abs=1e-12)
    assert m["kl"] == pytest.approx(0.0, abs=1e-12)


def test_a_row_without_a_ranker_object_is_invalid_input(tmp_path):
    data = write_ranker_export(tmp_path / "data", [{"prompt": "p", "completion": "c", "label": True, "weight": 1}] * 4)
    code, lines, _ = run_trainer(["train", "--model", "toolrec/ranker", "--data", str(data), "--out", str(tmp_path / "run")])
    assert code == 2 and lines[-1]["type"] == "error" and "ranker" in lines[-1]["message"]

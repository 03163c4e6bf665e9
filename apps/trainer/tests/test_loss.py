"""weighted_kto_loss against definitions.md's test vectors (the golden file the TypeScript tests
read too) and against the TypeScript implementation itself (`toolrec kto-loss`, run here)."""

import json
import math
import random
import re
import shutil
import subprocess
import sys

import pytest
import torch

from conftest import golden, trainer_env
from toolrec_trainer.loss import METRIC_NAMES, KtoInputError, kl_statistics, kto_terms, metrics_from_sums, mismatched_kl_pairs, reference_point, weighted_kto_loss
from toolrec_trainer.paths import repo_root

T, F = True, False
GOLDEN = golden("kto-vectors.json")


def vector(name):
    v = next(v for v in GOLDEN["vectors"] if v["name"] == name)
    i = v["input"]
    return dict(
        policy=i["policyLogps"], ref=i["referenceLogps"], kl_policy=i["klPolicyLogps"], kl_ref=i["klReferenceLogps"], labels=i["labels"],
        w=i["weights"], beta=i["beta"], lambda_d=i["lambdaD"], lambda_u=i["lambdaU"], z=v["expected"]["z"], L=v["expected"]["loss"],
    )


TV1, TV2 = vector("TV1"), vector("TV2")


def test_the_golden_file_is_the_table_of_definitions_md():
    """docs/definitions.md is the human source; the golden file must say the same."""
    text = (repo_root() / "docs" / "definitions.md").read_text(encoding="utf-8")
    nums = lambda cell: [float(x) for x in cell.split(",")]  # noqa: E731
    for v in GOLDEN["vectors"]:
        row = next(line for line in text.splitlines() if line.startswith(f"| {v['name']} |"))
        cells = [c.strip() for c in row.strip("|").split("|")][1:]
        i = v["input"]
        assert nums(cells[0]) == i["policyLogps"] and nums(cells[1]) == i["referenceLogps"]
        assert nums(cells[2]) == i["klPolicyLogps"] and nums(cells[3]) == i["klReferenceLogps"]
        assert [c == "T" for c in cells[4].split(",")] == i["labels"] and nums(cells[5]) == i["weights"]
        assert nums(cells[6]) == [i["beta"], i["lambdaD"], i["lambdaU"]]
        assert float(cells[7]) == v["expected"]["z"] and float(cells[8]) == v["expected"]["loss"]


def run(tv, **over):
    args = {**tv, **over}
    return weighted_kto_loss(
        torch.tensor(args["policy"], dtype=torch.float64), torch.tensor(args["ref"], dtype=torch.float64),
        torch.tensor(args["kl_policy"], dtype=torch.float64), torch.tensor(args["kl_ref"], dtype=torch.float64),
        torch.tensor(args["labels"]), None if args["w"] is None else torch.tensor(args["w"], dtype=torch.float64),
        args["beta"], args["lambda_d"], args["lambda_u"],
    )


@pytest.mark.parametrize("tv", [TV1, TV2], ids=["TV1", "TV2"])
def test_test_vectors(tv):
    loss, m = run(tv)
    assert m["z"] == pytest.approx(tv["z"], abs=1e-6)
    assert float(loss) == pytest.approx(tv["L"], abs=1e-6)
    assert m["loss"] == pytest.approx(tv["L"], abs=1e-6)
    assert m["kl"] == pytest.approx(tv["z"] / tv["beta"], abs=1e-6)


def test_test_vectors_from_plain_lists_and_float32():
    loss, m = weighted_kto_loss(TV1["policy"], TV1["ref"], TV1["kl_policy"], TV1["kl_ref"], TV1["labels"], TV1["w"], 0.1)
    assert float(loss) == pytest.approx(TV1["L"], abs=1e-6)
    loss32, m32 = weighted_kto_loss(*(torch.tensor(TV2[k], dtype=torch.float32) for k in ("policy", "ref", "kl_policy", "kl_ref")), torch.tensor(TV2["labels"]), torch.tensor(TV2["w"], dtype=torch.float32), 0.1, 1.33, 1.0)
    assert loss32.dtype == torch.float32
    assert float(loss32) == pytest.approx(TV2["L"], abs=1e-6)


def test_metric_names_are_trl_names():
    _, m = run(TV1)
    for name in ("loss", "kl", "rewards/chosen", "rewards/rejected", "rewards/margins", "logps/chosen", "logps/rejected"):
        assert name in m
    assert set(m) == set(METRIC_NAMES)
    # TV1: rewards beta*r = [0.1, -0.05, 0.1, -0.1]; chosen rows 0 and 2, rejected 1 and 3.
    assert m["rewards/chosen"] == pytest.approx(0.1)
    assert m["rewards/rejected"] == pytest.approx(-0.075)
    assert m["rewards/margins"] == pytest.approx(0.175)
    assert m["logps/chosen"] == pytest.approx(-9.0)
    assert m["logps/rejected"] == pytest.approx(-13.5)
    assert m["count/chosen"] == 2 and m["count/rejected"] == 2 and m["nan_rows"] == 0


def test_no_rows_of_a_label_gives_none():
    _, m = run(TV1, labels=[T, T, T, T])
    assert m["rewards/rejected"] is None and m["rewards/margins"] is None and m["logps/rejected"] is None


def test_mismatched_kl_pairs_order():
    assert mismatched_kl_pairs(4) == [3, 0, 1, 2]
    assert mismatched_kl_pairs(2) == [1, 0]
    assert mismatched_kl_pairs(0) == []
    with pytest.raises(ValueError):
        mismatched_kl_pairs(-1)


def test_weights_none_is_vanilla_kto():
    a, _ = run(TV2, w=None)
    b, _ = run(TV2, w=[1, 1, 1, 1, 1])
    assert float(a) == pytest.approx(float(b), abs=1e-12)


def test_weight_zero_masks_the_example_but_counts_in_n():
    loss, m = run(TV2)
    masked, m2 = run(TV2, w=[0.5, 0, 1, 1.5, 1])
    # The weight-2 row's loss is removed from the sum; N stays 5 and z is unchanged (unweighted).
    full_sum = float(loss) * 5
    row1 = 1.33 * (1 / (1 + math.exp(-(0.05 - 0.1 * (-25 + 24)))))  # lambda_D * sigmoid(z - beta*r)
    assert float(masked) == pytest.approx((full_sum - 2 * row1) / 5, abs=1e-9)
    assert m2["z"] == m["z"]
    # All weights 0: the loss is exactly 0.
    zero, _ = run(TV2, w=[0, 0, 0, 0, 0])
    assert float(zero) == 0.0


def test_nan_rows_are_masked_and_count_in_n():
    base, _ = run(TV1, w=[1, 0, 1, 1])
    nan = float("nan")
    for over in (dict(policy=[-10, nan, -8, -15]), dict(ref=[-11, nan, -9, -14]), dict(w=[1, nan, 1, 1])):
        loss, m = run(TV1, **over)
        assert math.isfinite(float(loss))
        assert float(loss) == pytest.approx(float(base), abs=1e-12)  # row 1 adds 0, N stays 4
        assert m["nan_rows"] == 1
        assert m["count/rejected"] == 1


def test_inf_minus_inf_row_is_a_nan_row():
    loss, m = run(TV1, policy=[-10, float("-inf"), -8, -15], ref=[-11, float("-inf"), -9, -14])
    base, _ = run(TV1, w=[1, 0, 1, 1])
    assert m["nan_rows"] == 1
    assert float(loss) == pytest.approx(float(base), abs=1e-12)


def test_nan_rows_leave_no_nan_in_the_gradient():
    policy = torch.tensor([-10.0, float("nan"), -8.0, -15.0], dtype=torch.float64, requires_grad=True)
    loss, _ = weighted_kto_loss(policy, torch.tensor(TV1["ref"], dtype=torch.float64), torch.tensor(TV1["kl_policy"]), torch.tensor(TV1["kl_ref"]), TV1["labels"], torch.tensor([1.0, 1.0, float("nan"), 1.0]), 0.1)
    loss.backward()
    assert torch.isfinite(policy.grad).all()
    assert policy.grad[1] == 0 and policy.grad[2] == 0
    assert policy.grad[0] != 0 and policy.grad[3] != 0


def test_kl_pairs_with_nan_are_left_out_of_z():
    _, m = run(TV1, kl_policy=[-13, float("nan"), -12, -9.5])
    # mean of 0.5, 0.1, 0.5 (the NaN pair dropped), times beta
    assert m["z"] == pytest.approx(0.1 * (0.5 + 0.1 + 0.5) / 3, abs=1e-12)
    _, m = run(TV1, kl_policy=[float("nan")] * 4)
    assert m["z"] == 0.0 and m["kl"] == 0.0


def test_z_is_clamped_at_zero():
    _, m = run(TV1, kl_policy=[-20, -20, -20, -20])
    assert m["z"] == 0.0 and m["kl"] == 0.0


def test_gradient_does_not_flow_through_z():
    policy = torch.tensor(TV2["policy"], dtype=torch.float64, requires_grad=True)
    kl_policy = torch.tensor(TV2["kl_policy"], dtype=torch.float64, requires_grad=True)
    ref = torch.tensor(TV2["ref"], dtype=torch.float64, requires_grad=True)
    loss, m = weighted_kto_loss(policy, ref, kl_policy, torch.tensor(TV2["kl_ref"], dtype=torch.float64), TV2["labels"], torch.tensor(TV2["w"], dtype=torch.float64), 0.1, 1.33, 1.0)
    loss.backward()
    assert kl_policy.grad is None  # z is detached
    assert ref.grad is None  # the reference is a constant
    # Analytic gradient with z held constant: d/dp [lambda*sigmoid(+-(z - beta*(p - ref)))] * w / N.
    z, beta, n = m["z"], 0.1, 5
    expected = []
    for p, r, lab, w in zip(TV2["policy"], TV2["ref"], TV2["labels"], TV2["w"]):
        lam = 1.33 if lab else 1.0
        u = (z - beta * (p - r)) if lab else (beta * (p - r) - z)
        s = 1 / (1 + math.exp(-u))
        du_dp = -beta if lab else beta
        expected.append(w * lam * s * (1 - s) * du_dp / n)
    assert policy.grad.tolist() == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    "over, field",
    [
        (dict(policy=[-1.0], ref=[-1.0], kl_policy=[-1.0], kl_ref=[-1.0], labels=[T], w=[1.0]), "policy_logps"),
        (dict(ref=[-1.0, -2.0]), "reference_logps"),
        (dict(w=[1, 1, 1]), "weights"),
        (dict(w=[1, -0.5, 1, 1]), "weights"),
        (dict(w=[1, float("inf"), 1, 1]), "weights"),
        (dict(beta=0.0), "beta"),
        (dict(lambda_d=-1.0), "lambda_d"),
        (dict(lambda_u=float("nan")), "lambda_u"),
    ],
)
def test_input_errors(over, field):
    with pytest.raises(KtoInputError) as e:
        run(TV1, **over)
    assert e.value.field == field


def test_labels_must_be_booleans():
    with pytest.raises(KtoInputError) as e:
        weighted_kto_loss(TV1["policy"], TV1["ref"], TV1["kl_policy"], TV1["kl_ref"], torch.tensor([1, 0, 1, 0]), None, 0.1)
    assert e.value.field == "labels"


def test_rank_shares_add_up_to_the_whole_batch():
    """Data parallelism: KL sums and loss sums over any split of the rows, added up, give the
    one-process loss, metrics and gradient."""
    rng = random.Random(3)
    n = 12
    policy = torch.tensor([rng.uniform(-60, -5) for _ in range(n)], dtype=torch.float64, requires_grad=True)
    ref = policy.detach() + torch.tensor([rng.gauss(0, 2) for _ in range(n)], dtype=torch.float64)
    klp = torch.tensor([rng.uniform(-60, -5) for _ in range(n)], dtype=torch.float64)
    klr = klp + torch.tensor([rng.gauss(0.5, 2) for _ in range(n)], dtype=torch.float64)
    labels = torch.tensor([rng.random() < 0.4 for _ in range(n)])
    w = torch.tensor([rng.choice([0.0, 0.5, 1.0, 2.0]) for _ in range(n)], dtype=torch.float64)
    whole, m_whole = weighted_kto_loss(policy, ref, klp, klr, labels, w, 0.1, 1.33, 0.8)
    (g_whole,) = torch.autograd.grad(whole, policy)
    for cuts in ([0, 6, 12], [0, 3, 6, 9, 12], [0, 1, 12]):
        parts = list(zip(cuts, cuts[1:]))
        kl = sum(torch.stack(kl_statistics(klp[a:b], klr[a:b])) for a, b in parts)
        z, kl_mean = reference_point(kl[0], kl[1], 0.1)
        total, sums = 0.0, 0.0
        for a, b in parts:
            loss, s_ = kto_terms(policy[a:b], ref[a:b], labels[a:b], w[a:b], z, 0.1, 1.33, 0.8, n)
            total, sums = total + loss, sums + s_
        assert float(total) == pytest.approx(float(whole), abs=1e-12)
        (g,) = torch.autograd.grad(total, policy)
        assert torch.allclose(g, g_whole, atol=1e-15)
        m = metrics_from_sums(sums, n, z, kl_mean)
        assert m == pytest.approx(m_whole, abs=1e-12)


def random_batch(rng, case):
    """A batch in the `toolrec kto-loss` JSON format: various N, zero and NaN weights, NaN rows
    (null), batches of one label only, weights omitted (vanilla KTO)."""
    n = rng.choice([2, 3, 5, 8, 17, 32, 64])
    policy = [rng.uniform(-120, -0.5) for _ in range(n)]
    ref = [p + rng.gauss(0, 4) for p in policy]
    klp = [rng.uniform(-120, -0.5) for _ in range(n)]
    klr = [p + rng.gauss(0.5, 3) for p in klp]
    kind = case % 4
    labels = [True] * n if kind == 1 else [False] * n if kind == 2 else [rng.random() < 0.3 for _ in range(n)]
    weights = None if case % 7 == 0 else [rng.choice([0.0, rng.uniform(0, 2.25), 1.0]) for _ in range(n)]
    for arr in (policy, ref, klp, klr):
        if rng.random() < 0.25:
            arr[rng.randrange(n)] = None  # NaN
    if weights is not None and rng.random() < 0.2:
        weights[rng.randrange(n)] = None
    batch = {"policyLogps": policy, "referenceLogps": ref, "klPolicyLogps": klp, "klReferenceLogps": klr, "labels": labels,
             "beta": rng.choice([0.01, 0.1, 0.5, 2.0]), "lambdaD": rng.choice([1.0, 1.33, 0.5]), "lambdaU": rng.choice([1.0, 0.7, 2.0])}
    if weights is not None:
        batch["weights"] = weights
    return batch


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the TypeScript CLI (toolrec kto-loss) cannot run")
def test_python_loss_cli_agrees_with_the_typescript_cli(tmp_path):
    """Issue 9 item 5: the same JSON batches through `node packages/cli/bin/toolrec.mjs kto-loss`
    (packages/core/src/kto.ts) and `python3 -m toolrec_trainer.loss`, to 1e-9."""
    rng = random.Random(11)
    files = []
    for case, v in enumerate(GOLDEN["vectors"]):
        files.append(tmp_path / f"golden-{case}.json")
        files[-1].write_text(json.dumps(v["input"]))
    for case in range(120):
        files.append(tmp_path / f"batch-{case:03d}.json")
        files[-1].write_text(json.dumps(random_batch(rng, case)))
    ts = subprocess.run(["node", "packages/cli/bin/toolrec.mjs", "kto-loss", *map(str, files)], cwd=repo_root(), capture_output=True, text=True, timeout=180)
    assert ts.returncode == 0, ts.stderr
    py = subprocess.run([sys.executable, "-m", "toolrec_trainer.loss", *map(str, files)], capture_output=True, text=True, env=trainer_env(), timeout=180)
    assert py.returncode == 0, py.stderr
    assert py.stderr == ""  # the module runs once (no runpy warning)
    ts_rows = [json.loads(x) for x in ts.stdout.splitlines()]
    py_rows = [json.loads(x) for x in py.stdout.splitlines()]
    assert len(ts_rows) == len(py_rows) == len(files)
    for f, a, b in zip(files, ts_rows, py_rows):
        assert b["z"] == pytest.approx(a["z"], abs=1e-9), f.name
        assert b["loss"] == pytest.approx(a["loss"], abs=1e-9), f.name
    for v, row in zip(GOLDEN["vectors"], py_rows):
        assert row["loss"] == pytest.approx(v["expected"]["loss"], abs=GOLDEN["tolerance"])
    # Masked rows and one-label batches were really exercised.
    batches = [json.loads(f.read_text()) for f in files]
    assert any(None in b["policyLogps"] for b in batches) and any(0.0 in (b.get("weights") or []) for b in batches)
    assert any(all(b["labels"]) for b in batches) and any(not any(b["labels"]) for b in batches) and any("weights" not in b for b in batches)


def test_loss_cli_names_the_bad_field(tmp_path, capsys):
    from toolrec_trainer.loss import main

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**GOLDEN["vectors"][0]["input"], "beta": 0}))
    assert main([str(bad)]) == 1 and re.search(r"beta: must be a finite number > 0", capsys.readouterr().err)
    bad.write_text(json.dumps({**GOLDEN["vectors"][0]["input"], "labels": [1, 0, 1, 0]}))
    assert main([str(bad)]) == 1 and "labels" in capsys.readouterr().err

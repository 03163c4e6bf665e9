"""Parity of weighted_kto_loss with definitions.md (TV1, TV2) and packages/core/src/kto.ts."""

import math
import random

import pytest
import torch

from toolrec_trainer.loss import METRIC_NAMES, KtoInputError, mismatched_kl_pairs, weighted_kto_loss

T, F = True, False

TV1 = dict(
    policy=[-10, -12, -8, -15], ref=[-11, -11.5, -9, -14], kl_policy=[-13, -11, -12, -9.5], kl_ref=[-13.5, -11.2, -12.1, -10],
    labels=[T, F, T, F], w=[1, 1, 1, 1], beta=0.1, lambda_d=1.0, lambda_u=1.0, z=0.0325, L=0.478143,
)
TV2 = dict(
    policy=[-20, -25, -18, -30, -22], ref=[-21, -24, -18.5, -28, -22], kl_policy=[-26, -19, -31, -21, -24], kl_ref=[-27, -19.5, -30, -22, -25],
    labels=[T, T, F, F, T], w=[0.5, 2, 1, 1.5, 1], beta=0.1, lambda_d=1.33, lambda_u=1.0, z=0.05, L=0.718422,
)


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


# A line-by-line Python transcription of weightedKtoLoss in packages/core/src/kto.ts.
def kto_ts(policy, ref, klp, klr, labels, weights, beta, lambda_d=1.0, lambda_u=1.0):
    def sigmoid(x):
        if x >= 0:
            return 1 / (1 + math.exp(-x))
        e = math.exp(x)
        return e / (1 + e)

    n = len(policy)
    kl_sum, kl_count = 0.0, 0
    for j in range(n):
        d = klp[j] - klr[j]
        if not math.isnan(d):
            kl_sum += d
            kl_count += 1
    z = max(0.0, beta * kl_sum / kl_count) if kl_count > 0 else 0.0
    total = 0.0
    for i in range(n):
        reward = beta * (policy[i] - ref[i])
        w = 1.0 if weights is None else weights[i]
        loss = lambda_d * sigmoid(z - reward) if labels[i] else lambda_u * sigmoid(reward - z)
        if math.isnan(loss) or math.isnan(w):
            continue
        total += 0.0 if w == 0 else w * loss
    return z, total / n


def test_random_parity_with_the_typescript_definition():
    rng = random.Random(7)
    for case in range(300):
        n = rng.randint(2, 40)
        policy = [rng.uniform(-80, -1) for _ in range(n)]
        ref = [p + rng.gauss(0, 3) for p in policy]
        klp = [rng.uniform(-80, -1) for _ in range(n)]
        klr = [p + rng.gauss(0.5, 2) for p in klp]
        labels = [rng.random() < 0.5 for _ in range(n)]
        weights = None if case % 5 == 0 else [rng.choice([0.0, rng.uniform(0, 2.5)]) for _ in range(n)]
        for arr in (policy, ref, klp):
            if rng.random() < 0.2:
                arr[rng.randrange(n)] = float("nan")
        if weights is not None and rng.random() < 0.1:
            weights[rng.randrange(n)] = float("nan")
        beta = rng.choice([0.01, 0.1, 0.5])
        lambda_d, lambda_u = rng.choice([(1.0, 1.0), (1.33, 1.0), (1.0, 0.7)])
        z_ts, l_ts = kto_ts(policy, ref, klp, klr, labels, weights, beta, lambda_d, lambda_u)
        loss, m = weighted_kto_loss(policy, ref, klp, klr, labels, weights, beta, lambda_d, lambda_u)
        assert m["z"] == pytest.approx(z_ts, abs=1e-12), case
        assert float(loss) == pytest.approx(l_ts, abs=1e-12), case

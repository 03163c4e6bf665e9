"""Sample-weighted KTO loss (paper Eq. 2-5 and Eq. 8), compatible with TRL's KTOTrainer.

Exact definitions: docs/definitions.md, "Sample-weighted KTO loss". This is the
Python twin of packages/core/src/kto.ts (`weightedKtoLoss`); both are checked against the
test vectors TV1 and TV2 of definitions.md.

For a batch of N > 1 examples, with log-probabilities summed over completion tokens:

    r_i    = logp_policy(y_i|x_i) - logp_ref(y_i|x_i)
    z      = max(0, beta * mean_j(logp_policy(kl_j) - logp_ref(kl_j)))   detached, unweighted
    loss_i = lambda_D * (1 - sigmoid(beta*r_i - z))   desirable
    loss_i = lambda_U * (1 - sigmoid(z - beta*r_i))   undesirable
    L      = sum_i(w_i * loss_i) / N                  (mean over N, not over sum(w))

KL pair j is prompt j with completion (j-1 mod N) (see `mismatched_kl_pairs`). A NaN row
(NaN log-probability or weight) is masked before weighting: it adds 0 to the sum but still
counts in N, like a weight-0 row. KL pairs with a NaN are left out of the mean (z = 0 when
none remain).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch

TensorLike = Union[torch.Tensor, Sequence[float]]

#: The metric names the trainer logs (TRL's KTOTrainer names, plus `z` and `nan_rows`).
METRIC_NAMES = (
    "loss",
    "kl",
    "z",
    "rewards/chosen",
    "rewards/rejected",
    "rewards/margins",
    "logps/chosen",
    "logps/rejected",
    "count/chosen",
    "count/rejected",
    "nan_rows",
)


class KtoInputError(ValueError):
    """Invalid loss input; `field` names the offending argument (as KtoInputError in kto.ts)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def mismatched_kl_pairs(n: int) -> List[int]:
    """Indices of the KL pairs: example j's prompt goes with example (j-1 mod N)'s completion.

    mismatched_kl_pairs(4) == [3, 0, 1, 2] (the same as mismatchedKlPairs in kto.ts).
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"mismatched_kl_pairs: n must be a non-negative integer, got {n!r}")
    return [(j - 1) % n for j in range(n)]


def _as_tensor(field: str, x: TensorLike, dtype: Optional[torch.dtype], device: Optional[torch.device]) -> torch.Tensor:
    t = x if isinstance(x, torch.Tensor) else torch.as_tensor(x, dtype=dtype or torch.float64)
    if t.dim() != 1:
        raise KtoInputError(field, f"must be one-dimensional (one value per example), got shape {tuple(t.shape)}")
    if device is not None:
        t = t.to(device)
    return t


def _check_scalar(field: str, value: float, minimum: float, inclusive: bool) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or (value < minimum if inclusive else value <= minimum):
        raise KtoInputError(field, f"must be a finite number {'>=' if inclusive else '>'} {minimum}, got {value!r}")


def weighted_kto_loss(
    policy_logps: TensorLike,
    reference_logps: TensorLike,
    kl_policy_logps: TensorLike,
    kl_reference_logps: TensorLike,
    labels: Union[torch.Tensor, Sequence[bool]],
    weights: Optional[TensorLike],
    beta: float,
    lambda_d: float = 1.0,
    lambda_u: float = 1.0,
) -> Tuple[torch.Tensor, Dict[str, Optional[float]]]:
    """Weighted KTO loss over a batch of N > 1 examples.

    Arguments are one value per example: `policy_logps` = log pi_theta(y_i|x_i) (carries the
    gradient), `reference_logps` = log pi_ref(y_i|x_i), `kl_policy_logps` /
    `kl_reference_logps` = the same for KL pair j (prompt j, completion (j-1 mod N)),
    `labels` True = desirable (y ~ y+), `weights` = Eq. 9 sample weights w(Q_r) >= 0
    (None = all 1, vanilla KTO).

    Returns (L, metrics): L is a 0-dim tensor with a gradient through `policy_logps` only;
    metrics holds Python floats under TRL's names (`loss`, `kl`, `rewards/chosen`,
    `rewards/rejected`, `rewards/margins`, `logps/chosen`, `logps/rejected`, `count/*`)
    plus `z` and `nan_rows`; a per-label mean is None when the batch has no such row.
    The loss is computed in at least float32 (float64 inputs stay float64).
    """
    policy = _as_tensor("policy_logps", policy_logps, None, None)
    device = policy.device
    dtype = torch.promote_types(policy.dtype, torch.float32) if policy.is_floating_point() else torch.float32
    policy = policy.to(dtype)
    n = policy.shape[0]
    if n <= 1:
        raise KtoInputError("policy_logps", f"a batch needs N > 1 examples for the KL pairs, got {n}")
    reference = _as_tensor("reference_logps", reference_logps, dtype, device).to(dtype)
    kl_policy = _as_tensor("kl_policy_logps", kl_policy_logps, dtype, device).to(dtype)
    kl_reference = _as_tensor("kl_reference_logps", kl_reference_logps, dtype, device).to(dtype)
    label_t = labels if isinstance(labels, torch.Tensor) else torch.as_tensor(list(labels))
    for field, t in (("reference_logps", reference), ("kl_policy_logps", kl_policy), ("kl_reference_logps", kl_reference), ("labels", label_t)):
        if t.dim() != 1 or t.shape[0] != n:
            raise KtoInputError(field, f"has {t.shape[0] if t.dim() == 1 else tuple(t.shape)} entries, policy_logps has {n}; all inputs must have equal length")
    if label_t.dtype != torch.bool:
        raise KtoInputError("labels", f"must be booleans (True = desirable), got dtype {label_t.dtype}")
    label_t = label_t.to(device)
    if weights is None:
        w = torch.ones(n, dtype=dtype, device=device)
    else:
        w = _as_tensor("weights", weights, dtype, device).to(dtype)
        if w.shape[0] != n:
            raise KtoInputError("weights", f"has {w.shape[0]} entries, policy_logps has {n}; all inputs must have equal length")
        bad = (w < 0) | torch.isinf(w)
        if bool(bad.any()):
            i = int(bad.nonzero()[0])
            raise KtoInputError("weights", f"weights[{i}] must be a finite number >= 0, got {float(w[i])}")
    _check_scalar("beta", beta, 0.0, False)
    _check_scalar("lambda_d", lambda_d, 0.0, True)
    _check_scalar("lambda_u", lambda_u, 0.0, True)

    kl_sum, kl_count = kl_statistics(kl_policy, kl_reference)
    z, kl = reference_point(kl_sum, kl_count, beta)
    loss, sums = kto_terms(policy, reference, label_t, w, z, beta, lambda_d, lambda_u, n)
    return loss, metrics_from_sums(sums, n, z, kl)


def kl_statistics(kl_policy: torch.Tensor, kl_reference: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """(sum, count) of the KL pairs' log-ratios, NaN pairs left out; detached, float64 (so
    that data-parallel ranks can add theirs up before Eq. 4 takes the mean)."""
    with torch.no_grad():
        diff = (kl_policy - kl_reference).detach().to(torch.float64)
        ok = ~torch.isnan(diff)
        return torch.where(ok, diff, torch.zeros_like(diff)).sum(), ok.sum().to(torch.float64)


def reference_point(kl_sum: torch.Tensor, kl_count: torch.Tensor, beta: float) -> Tuple[torch.Tensor, torch.Tensor]:
    """Eq. 4: (z, kl) with z = max(0, beta * mean KL log-ratio) and kl = max(0, mean): unweighted,
    detached (no gradient), 0 when no KL pair is left."""
    # On the device, without a branch: no GPU sync between the forward and backward passes.
    mean = torch.where(kl_count > 0, kl_sum / kl_count.clamp(min=1), torch.zeros_like(kl_sum))
    return (beta * mean).clamp(min=0), mean.clamp(min=0)


#: The order of the per-batch sums kto_terms returns (one float64 tensor, for all-reduce).
SUM_KEYS = ("loss", "rewards/chosen", "logps/chosen", "count/chosen", "rewards/rejected", "logps/rejected", "count/rejected", "nan_rows")


def kto_terms(
    policy: torch.Tensor,
    reference: torch.Tensor,
    labels: torch.Tensor,
    w: Optional[torch.Tensor],
    z: torch.Tensor,
    beta: float,
    lambda_d: float,
    lambda_u: float,
    n_total: int,
) -> Tuple[torch.Tensor, torch.Tensor]:
    """Eq. 2, 3, 5, 8 over (a share of) a batch of n_total examples:
    (sum_i(w_i * loss_i) / n_total with its gradient through `policy`, the detached sums of
    SUM_KEYS). With data parallelism each rank passes its rows and the global N.
    `w=None` is vanilla KTO: no weights to multiply (the baseline of the weights' cost)."""
    z = z.to(policy.dtype)
    # NaN rows are masked before weighting (their inputs are replaced by 0 first so that no
    # NaN reaches the backward pass through torch.where).
    # (A row is NaN when its log-ratio is: a NaN input, or -inf minus -inf.)
    nan_row = torch.isnan(policy.detach() - reference.detach())
    if w is not None:
        nan_row = nan_row | torch.isnan(w)
    zero = torch.zeros_like(policy)
    safe_policy = torch.where(nan_row, zero, policy)
    safe_reference = torch.where(nan_row, zero, reference.detach())

    # Eq. 3: the implicit reward beta * log(pi_theta / pi_ref).
    rewards = beta * (safe_policy - safe_reference)
    # Eq. 3 and 5: v = sigmoid(r - z) (desirable) or sigmoid(z - r) (undesirable);
    # loss_i = lambda * (1 - v) = lambda * sigmoid(-(...)), the numerically stable form.
    losses = torch.where(labels, lambda_d * torch.sigmoid(z - rewards), lambda_u * torch.sigmoid(rewards - z))
    # Eq. 2 and 8: L = sum_i(w_i * loss_i) / N (a weight of 0 masks the example).
    if w is None:
        weighted = torch.where(nan_row, zero, losses)
    else:
        safe_w = torch.where(nan_row, zero, w.detach().to(policy.dtype))
        weighted = torch.where(safe_w == 0, zero, safe_w * losses)
    loss = weighted.sum() / n_total

    with torch.no_grad():
        ok = ~nan_row
        chosen = (ok & labels).to(torch.float64)
        rejected = (ok & ~labels).to(torch.float64)
        r64 = rewards.detach().to(torch.float64)
        p64 = safe_policy.detach().to(torch.float64)
        sums = torch.stack([
            weighted.detach().to(torch.float64).sum(),
            (r64 * chosen).sum(), (p64 * chosen).sum(), chosen.sum(),
            (r64 * rejected).sum(), (p64 * rejected).sum(), rejected.sum(),
            nan_row.to(torch.float64).sum(),
        ])
    return loss, sums


def metrics_from_sums(sums: torch.Tensor, n_total: int, z: torch.Tensor, kl: torch.Tensor) -> Dict[str, Optional[float]]:
    """TRL's metric names from kto_terms' (possibly all-reduced) sums; a per-label mean is
    None when the batch has no such row."""
    s = dict(zip(SUM_KEYS, sums.tolist()))

    def mean(key: str, count: str) -> Optional[float]:
        return s[key] / s[count] if s[count] > 0 else None

    chosen, rejected = mean("rewards/chosen", "count/chosen"), mean("rewards/rejected", "count/rejected")
    return {
        "loss": s["loss"] / n_total,
        "kl": float(kl),
        "z": float(z),
        "rewards/chosen": chosen,
        "rewards/rejected": rejected,
        "rewards/margins": chosen - rejected if chosen is not None and rejected is not None else None,
        "logps/chosen": mean("logps/chosen", "count/chosen"),
        "logps/rejected": mean("logps/rejected", "count/rejected"),
        "count/chosen": s["count/chosen"],
        "count/rejected": s["count/rejected"],
        "nan_rows": s["nan_rows"],
    }


# ---------------------------------------------------------------------------------------
# python3 -m toolrec_trainer.loss BATCH.json [...]: the twin of `toolrec kto-loss`


def _batch_from_json(obj: Dict[str, object]) -> Tuple[Tuple[object, ...], Dict[str, float]]:
    """WeightedKtoInput's camelCase keys -> weighted_kto_loss arguments; null = NaN."""

    def numbers(key: str) -> List[float]:
        values = obj.get(key)
        if not isinstance(values, list):
            raise KtoInputError(key, f"must be an array of numbers, got {json.dumps(values)}")
        return [math.nan if v is None else v for v in values]  # type: ignore[misc]

    labels = obj.get("labels")
    if not isinstance(labels, list) or not all(isinstance(v, bool) for v in labels):
        raise KtoInputError("labels", "must be an array of booleans (true = desirable)")
    weights = None if obj.get("weights") is None else numbers("weights")
    args = (numbers("policyLogps"), numbers("referenceLogps"), numbers("klPolicyLogps"), numbers("klReferenceLogps"), labels, weights)
    scalars = {"beta": obj.get("beta"), "lambda_d": obj.get("lambdaD", 1.0), "lambda_u": obj.get("lambdaU", 1.0)}
    return args, scalars  # type: ignore[return-value]


def main(argv: Optional[List[str]] = None) -> int:
    files = sys.argv[1:] if argv is None else argv
    if not files or files[0] in ("-h", "--help"):
        print("usage: python3 -m toolrec_trainer.loss BATCH.json [BATCH.json ...]\n\n"
              "BATCH.json as for `toolrec kto-loss` (policyLogps, referenceLogps, klPolicyLogps, klReferenceLogps,\n"
              "labels, weights, beta, lambdaD, lambdaU; null in a number array is NaN). Prints {\"z\": ..., \"loss\": ...}\n"
              "per file, computed in float64.", file=sys.stderr if not files else sys.stdout)
        return 2 if not files else 0
    for file in files:
        with open(file, encoding="utf-8") as f:
            obj = json.load(f)
        try:
            args, scalars = _batch_from_json(obj)
            as64 = [torch.tensor(a, dtype=torch.float64) if i != 4 and a is not None else a for i, a in enumerate(args)]
            _, m = weighted_kto_loss(*as64, beta=scalars["beta"], lambda_d=scalars["lambda_d"], lambda_u=scalars["lambda_u"])  # type: ignore[arg-type]
        except KtoInputError as e:
            print(f"python3 -m toolrec_trainer.loss: {e}", file=sys.stderr)
            return 1
        print(json.dumps({"z": m["z"], "loss": m["loss"]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

/**
 * Sample-level weighted KTO loss (paper Eq. 2-5 and Eq. 8), compatible with TRL's
 * KTOTrainer (loss_type "kto"). Exact definitions: docs/definitions.md,
 * "Sample-weighted KTO loss". Log-probabilities are summed over completion tokens.
 */

import { ValidationError } from "./errors";

/** A KTO batch the loss cannot take; `field` is the offending input, e.g. "klReferenceLogps". */
export class KtoInputError extends ValidationError {
  constructor(field: string, message: string) {
    super(field, `${field}: ${message}`);
  }
}

export interface WeightedKtoInput {
  /** log pi_theta(y_i | x_i), one per example. */
  readonly policyLogps: ArrayLike<number>;
  /** log pi_ref(y_i | x_i). */
  readonly referenceLogps: ArrayLike<number>;
  /** log pi_theta of the KL pair j (prompt j, completion mismatchedKlPairs(N)[j]). */
  readonly klPolicyLogps: ArrayLike<number>;
  /** log pi_ref of the KL pair j. */
  readonly klReferenceLogps: ArrayLike<number>;
  /** true = desirable (y ~ y+), false = undesirable (y ~ y-). */
  readonly labels: ArrayLike<boolean>;
  /** Eq. 9 sample weights w(Q_r) >= 0 (0 masks the example); all 1 when omitted (vanilla KTO). */
  readonly weights?: ArrayLike<number>;
  /** beta > 0 (the paper uses 0.01). */
  readonly beta: number;
  /** lambda_D of Eq. 5 (default 1). */
  readonly lambdaD?: number;
  /** lambda_U of Eq. 5 (default 1). */
  readonly lambdaU?: number;
}

export interface WeightedKtoResult {
  /** Eq. 4's z_ref = max(0, beta * mean_j(klPolicy_j - klReference_j)): unweighted, no gradient. */
  readonly z: number;
  /** TRL's "kl" metric: max(0, mean_j(klPolicy_j - klReference_j)) (z = beta * kl). */
  readonly kl: number;
  /** Eq. 8: L = sum_i(w_i * loss_i) / N. */
  readonly loss: number;
  /** Unweighted per-example loss_i = lambda * (1 - v_i); NaN for a NaN row. */
  readonly losses: number[];
  /** w_i * loss_i; 0 for a masked or NaN row. */
  readonly weightedLosses: number[];
  /** TRL "rewards/chosen": mean of beta * r_i over desirable rows (null when none). */
  readonly rewardsChosen: number | null;
  /** TRL "rewards/rejected": mean of beta * r_i over undesirable rows (null when none). */
  readonly rewardsRejected: number | null;
  /** TRL "rewards/margins": rewardsChosen - rewardsRejected (null unless both exist). */
  readonly rewardsMargins: number | null;
  /** TRL "logps/chosen" and "logps/rejected": mean policy log-probability per label (null when none). */
  readonly logpsChosen: number | null;
  readonly logpsRejected: number | null;
  /** Number of NaN rows (masked before weighting; they still count in N). */
  readonly nanRows: number;
}

/**
 * Indices of the mismatched KL pairs: example j's prompt is paired with the
 * completion of example (j - 1 mod N). mismatchedKlPairs(4) = [3, 0, 1, 2].
 */
export function mismatchedKlPairs(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`mismatchedKlPairs: n must be a non-negative integer, got ${n}`);
  const pairs = new Array<number>(n);
  for (let j = 0; j < n; j++) pairs[j] = (j - 1 + n) % n;
  return pairs;
}

/** Numerically stable logistic sigmoid. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function checkLength(field: string, values: ArrayLike<unknown>, n: number): void {
  if (values.length !== n) {
    throw new KtoInputError(field, `has ${values.length} entries, policyLogps has ${n}; all arrays must have equal length`);
  }
}

function checkScalar(field: string, value: number, min: number, inclusive: boolean): void {
  if (typeof value !== "number" || !Number.isFinite(value) || (inclusive ? value < min : value <= min)) {
    throw new KtoInputError(field, `must be a finite number ${inclusive ? ">=" : ">"} ${min}, got ${String(value)}`);
  }
}

const mean = (sum: number, count: number): number | null => (count > 0 ? sum / count : null);

/**
 * Weighted KTO loss over a batch of N > 1 examples.
 *
 * r_i = policyLogps_i - referenceLogps_i;
 * z = max(0, beta * mean_j(klPolicyLogps_j - klReferenceLogps_j))  (Eq. 4, unweighted;
 *     KL pairs with a NaN are left out of the mean, z = 0 if none remain);
 * desirable: loss_i = lambdaD * (1 - sigmoid(beta * r_i - z))  (Eq. 2, 3, 5);
 * undesirable: loss_i = lambdaU * (1 - sigmoid(z - beta * r_i));
 * L = sum_i(w_i * loss_i) / N  (Eq. 8: mean over N, not over the sum of weights).
 * A NaN row (NaN log-probability or weight) is masked before weighting: it adds 0
 * to the sum but still counts in N, like a weight-0 row.
 * Throws KtoInputError (with `field`) for N <= 1, unequal lengths, beta <= 0,
 * negative lambdas or a negative / infinite weight.
 */
export function weightedKtoLoss(input: WeightedKtoInput): WeightedKtoResult {
  const { policyLogps, referenceLogps, klPolicyLogps, klReferenceLogps, labels, weights, beta } = input;
  const lambdaD = input.lambdaD ?? 1;
  const lambdaU = input.lambdaU ?? 1;
  const n = policyLogps.length;
  if (n <= 1) throw new KtoInputError("policyLogps", `a batch needs N > 1 examples for the KL pairs, got ${n}`);
  checkLength("referenceLogps", referenceLogps, n);
  checkLength("klPolicyLogps", klPolicyLogps, n);
  checkLength("klReferenceLogps", klReferenceLogps, n);
  checkLength("labels", labels, n);
  if (weights !== undefined) checkLength("weights", weights, n);
  checkScalar("beta", beta, 0, false);
  checkScalar("lambdaD", lambdaD, 0, true);
  checkScalar("lambdaU", lambdaU, 0, true);
  if (weights !== undefined) {
    for (let i = 0; i < n; i++) {
      const w = weights[i] as number;
      if (typeof w !== "number" || w < 0 || w === Infinity) {
        throw new KtoInputError("weights", `weights[${i}] must be a finite number >= 0, got ${String(w)}`);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (typeof labels[i] !== "boolean") {
      throw new KtoInputError("labels", `labels[${i}] must be a boolean, got ${String(labels[i])}`);
    }
  }

  // Eq. 4: z_ref from the mismatched KL pairs.
  let klSum = 0;
  let klCount = 0;
  for (let j = 0; j < n; j++) {
    const d = (klPolicyLogps[j] as number) - (klReferenceLogps[j] as number);
    if (!Number.isNaN(d)) {
      klSum += d;
      klCount += 1;
    }
  }
  const kl = klCount > 0 ? Math.max(0, klSum / klCount) : 0;
  const z = klCount > 0 ? Math.max(0, (beta * klSum) / klCount) : 0;

  const losses = new Array<number>(n);
  const weightedLosses = new Array<number>(n);
  let total = 0;
  let nanRows = 0;
  let chosenRewardSum = 0;
  let chosenLogpSum = 0;
  let chosenCount = 0;
  let rejectedRewardSum = 0;
  let rejectedLogpSum = 0;
  let rejectedCount = 0;
  for (let i = 0; i < n; i++) {
    const policy = policyLogps[i] as number;
    const reward = beta * (policy - (referenceLogps[i] as number));
    const w = weights === undefined ? 1 : (weights[i] as number);
    const desirable = labels[i] === true;
    // 1 - sigmoid(x) = sigmoid(-x), evaluated in the stable form.
    const loss = desirable ? lambdaD * sigmoid(z - reward) : lambdaU * sigmoid(reward - z);
    if (Number.isNaN(loss) || Number.isNaN(w)) {
      nanRows += 1;
      losses[i] = Number.NaN;
      weightedLosses[i] = 0;
      continue;
    }
    losses[i] = loss;
    const weighted = w === 0 ? 0 : w * loss;
    weightedLosses[i] = weighted;
    total += weighted;
    if (desirable) {
      chosenRewardSum += reward;
      chosenLogpSum += policy;
      chosenCount += 1;
    } else {
      rejectedRewardSum += reward;
      rejectedLogpSum += policy;
      rejectedCount += 1;
    }
  }
  const rewardsChosen = mean(chosenRewardSum, chosenCount);
  const rewardsRejected = mean(rejectedRewardSum, rejectedCount);
  return {
    z,
    kl,
    loss: total / n,
    losses,
    weightedLosses,
    rewardsChosen,
    rewardsRejected,
    rewardsMargins: rewardsChosen !== null && rewardsRejected !== null ? rewardsChosen - rewardsRejected : null,
    logpsChosen: mean(chosenLogpSum, chosenCount),
    logpsRejected: mean(rejectedLogpSum, rejectedCount),
    nanRows,
  };
}

/**
 * Experiment assignment: which model version (arm) serves a user while an experiment runs.
 *
 * Weighted rendezvous hashing. For user u and arm a with percentage w_a,
 *   h(a, u) = sha256(experimentId ␀ modelVersionId(a) ␀ u), read as a uniform u_a in (0, 1)
 *   score(a) = −ln(u_a) / w_a,   the user's arm = the arm with the smallest score.
 * −ln(u_a)/w_a is exponential with rate w_a, and the smallest of independent exponentials is
 * arm a with probability w_a / Σw = w_a / 100, so the split matches the percentages.
 * It is sticky (a pure function of the experiment, the arm and the user), independent of the
 * order the arms are listed in, and salted by the experiment id (a new experiment reshuffles
 * users). Ramping is gentle: when one arm's share grows and the others keep their proportions
 * to each other (always so with two arms), users only move into that arm, never between the
 * others and never out of it.
 *
 * Anonymous requests (no userId) are not in any experiment: they get the default model
 * version. They cannot be kept on one arm across requests, and counting them in an arm would
 * mix per-request and per-user randomisation in the A/B comparison.
 */

import { hash } from "node:crypto";
import { ValidationError, type FieldError } from "@toolrec/core";

export interface ExperimentArm {
  readonly modelVersionId: string;
  /** Integer share of traffic, 1..99; an experiment's arms sum to 100. */
  readonly percent: number;
}

export interface ExperimentAllocation {
  /** The salt: the experiment's id. */
  readonly id: string;
  readonly arms: readonly ExperimentArm[];
}

export const EXPERIMENT_LIMITS = Object.freeze({ minArms: 2, maxArms: 10 });

/** The uniform number in (0, 1) of the header's h(a, u). */
export function armHash(experimentId: string, modelVersionId: string, userId: string): number {
  // The first 52 bits of the digest (13 hex digits, exact in a double); + 0.5 keeps it inside (0, 1).
  const hex = hash("sha256", `${experimentId}\u0000${modelVersionId}\u0000${userId}`, "hex");
  return (parseInt(hex.slice(0, 13), 16) + 0.5) / 2 ** 52;
}

/**
 * The arm serving `userId`, or null for an anonymous request (no userId or an empty one: the
 * caller serves the default model version). Assumes validated arms (validateExperimentArms).
 */
export function assignArm(experiment: ExperimentAllocation, userId: string | null | undefined): ExperimentArm | null {
  if (userId === null || userId === undefined || userId === "") return null;
  let best: ExperimentArm | null = null;
  let bestScore = Infinity;
  for (const arm of experiment.arms) {
    if (!(arm.percent > 0)) continue;
    const score = -Math.log(armHash(experiment.id, arm.modelVersionId, userId)) / arm.percent;
    if (score < bestScore || (score === bestScore && best !== null && arm.modelVersionId < best.modelVersionId)) {
      best = arm;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Checks an experiment's arms: 2..10 arms, distinct model versions, integer percentages
 * from 1 to 99 that sum to 100. Every problem is reported, each on `<field>[i].<name>`.
 */
export function validateExperimentArms(raw: unknown, field = "arms"): ExperimentArm[] {
  if (!Array.isArray(raw)) throw new ValidationError(field, "arms must be a list of {modelVersionId, percent}");
  const { minArms, maxArms } = EXPERIMENT_LIMITS;
  if (raw.length < minArms || raw.length > maxArms) throw new ValidationError(field, `an experiment has ${minArms} to ${maxArms} arms`);
  const errors: FieldError[] = [];
  const arms: ExperimentArm[] = [];
  const seen = new Set<string>();
  raw.forEach((a: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof a !== "object" || a === null) return void errors.push({ field: at, message: "an arm is {modelVersionId, percent}" });
    const { modelVersionId, percent } = a as Record<string, unknown>;
    if (typeof modelVersionId !== "string" || modelVersionId === "") errors.push({ field: `${at}.modelVersionId`, message: "modelVersionId is required" });
    else if (seen.has(modelVersionId)) errors.push({ field: `${at}.modelVersionId`, message: `model version ${modelVersionId} is in two arms` });
    else seen.add(modelVersionId);
    if (typeof percent !== "number" || !Number.isInteger(percent) || percent < 1 || percent > 99) {
      errors.push({ field: `${at}.percent`, message: "percent must be an integer from 1 to 99" });
    }
    if (typeof modelVersionId === "string" && typeof percent === "number") arms.push({ modelVersionId, percent });
  });
  if (errors.length === 0) {
    const sum = arms.reduce((s, a) => s + a.percent, 0);
    if (sum !== 100) errors.push({ field, message: `percentages sum to ${sum}, not 100` });
  }
  if (errors.length) throw ValidationError.fromFieldErrors(errors);
  return arms;
}

// Test helpers other packages' tests may use (`@toolrec/core/test-support`): the calibration
// oracle and the golden files shared with the Python trainer's tests (golden/*.json).
import ktoVectors from "./golden/kto-vectors.json";
import hyperparameterCases from "./golden/training-hyperparameters-cases.json";
import type { WeightedKtoInput } from "../src/kto";

export * from "./calibration-oracle";

/** definitions.md's loss test vectors TV1, TV2 (golden/kto-vectors.json). */
export const KTO_VECTORS = ktoVectors as { tolerance: number; vectors: { name: string; input: WeightedKtoInput; expected: { z: number; loss: number } }[] };

/** Resolution cases for training hyperparameters (golden/training-hyperparameters-cases.json). */
export const TRAINING_HYPERPARAMETER_CASES = hyperparameterCases as {
  cases: { name: string; input: Record<string, unknown>; resolved?: Record<string, number | null>; errorFields?: string[] }[];
};

import { describe, expect, it } from "vitest";
import {
  defaultTrainingHyperparameters,
  resolveTrainingHyperparameters,
  TRAINING_HYPERPARAMETER_NAMES,
  TRAINING_HYPERPARAMETERS_SCHEMA,
  ValidationError,
} from "../src/index";
import { TRAINING_HYPERPARAMETER_CASES } from "../test-support";

describe("training hyperparameters (one schema with the Python trainer)", () => {
  it("has the issue's stable camelCase keys with the paper's defaults", () => {
    for (const key of ["beta", "learningRate", "batchSize", "loraRank", "loraAlpha", "warmupRatio", "epochs", "maxSteps", "lambdaD", "lambdaU", "maxLength", "seed", "gpus"]) {
      expect(TRAINING_HYPERPARAMETER_NAMES).toContain(key);
    }
    const d = defaultTrainingHyperparameters();
    expect(d).toMatchObject({ beta: 0.01, learningRate: 5e-6, batchSize: 32, loraRank: 8, loraAlpha: 16, warmupRatio: 0.1, epochs: 1, maxSteps: null });
    for (const key of TRAINING_HYPERPARAMETER_NAMES) expect(TRAINING_HYPERPARAMETERS_SCHEMA.properties[key].description.length).toBeGreaterThan(10);
  });

  it.each(TRAINING_HYPERPARAMETER_CASES.cases)("$name", ({ input, resolved, errorFields }) => {
    if (errorFields) {
      try {
        resolveTrainingHyperparameters(input);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        const err = e as ValidationError;
        expect(err.code).toBe("BAD_USER_INPUT");
        expect(err.field).toBe(errorFields[0]);
        expect(err.details!.map((x) => x.field)).toEqual(errorFields);
        for (const x of err.details!) expect(x.message).toContain(x.field === "batchSize" && input.gpus ? "gpus" : x.field);
      }
    } else {
      expect(resolveTrainingHyperparameters(input)).toEqual({ ...defaultTrainingHyperparameters(), ...resolved });
    }
  });

  it("rejects a non-object with the field hyperparameters, and reads undefined as the defaults", () => {
    expect(() => resolveTrainingHyperparameters([1])).toThrow(ValidationError);
    expect(() => resolveTrainingHyperparameters("beta=1")).toThrow(/must be an object/);
    expect(resolveTrainingHyperparameters(undefined)).toEqual(defaultTrainingHyperparameters());
  });
});

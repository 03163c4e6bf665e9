import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createGenerator,
  createRankerGenerator,
  FEATURE_NAMES,
  groundedCandidates,
  MAX_K,
  parseRankerWeights,
  rankerCandidates,
  rankerContext,
  rankerFeatures,
  rankerInput,
  referenceRankerWeights,
  validateModelVersionSettings,
  type RankerWeights,
} from "../src/index";
import { retrieved } from "../test-support/catalog";
import { DIALOGUE_CASES } from "../test-support/dialogues";
import { buildRankerGolden, catalogToolInfo, RANKER_GOLDEN_FILE, type RankerGolden } from "../test-support/ranker-golden";

const golden = JSON.parse(fs.readFileSync(RANKER_GOLDEN_FILE, "utf8")) as RankerGolden;

describe("ranker features", () => {
  it("match the golden file the Python trainer also checks (regenerate with scripts/ranker-golden.ts)", () => {
    const now = buildRankerGolden();
    expect(now.cases.map((c) => c.name)).toEqual(golden.cases.map((c) => c.name));
    now.cases.forEach((c, i) => {
      const g = golden.cases[i]!;
      expect(c.candidates).toEqual(g.candidates);
      c.features.forEach((f, j) => f.forEach((x, k) => expect(x, `${c.name} #${j} ${FEATURE_NAMES[k]}`).toBeCloseTo(g.features[j]![k]!, 12)));
      c.lists.forEach((l, j) => l.logps.forEach((x, k) => expect(x).toBeCloseTo(g.lists[j]!.logps[k]!, 9)));
    });
  });

  it("say what a reader expects of a tool chip and a chat follow-up", () => {
    const c = DIALOGUE_CASES.battery!;
    const view = rankerInput({ dialogue: c.dialogue, k: 5, tools: retrieved(c.tools) }, catalogToolInfo);
    const ctx = rankerContext(view);
    const chip = view.pool.find((x) => x.toolId === "battery.turn_on_battery_saver")!;
    const f = rankerFeatures(ctx, chip);
    expect(f[FEATURE_NAMES.indexOf("tool")]).toBe(1);
    expect(f[FEATURE_NAMES.indexOf("rrank")]).toBe(1); // retrieved first
    expect(f[FEATURE_NAMES.indexOf("overlap")]).toBeGreaterThan(0.5); // "battery saver" is in the dialogue
    const chat = view.pool.find((x) => x.toolId === null)!;
    expect(rankerFeatures(ctx, chat).slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("ranker generator", () => {
  it("with the reference weights returns the grounded answer, for every dialogue and K", async () => {
    const gen = createRankerGenerator({ weights: referenceRankerWeights(), toolInfo: catalogToolInfo });
    for (const [name, c] of Object.entries(DIALOGUE_CASES)) {
      for (const k of [1, 3, 5, 6, MAX_K]) {
        const input = { dialogue: c.dialogue, k, tools: retrieved(c.tools) };
        const got = (await gen.generate(input)).candidates.map((x) => [x.text, x.toolId]);
        const want = groundedCandidates(input).map((x) => [x.text, x.toolId]);
        expect(got, `${name} k=${k}`).toEqual(want);
      }
    }
  });

  it("with weight on `tool` shows more tool-invoking suggestions in the first three", () => {
    const ref = referenceRankerWeights();
    const toolFirst: RankerWeights = { ...ref, weights: ref.weights.map((w, i) => (FEATURE_NAMES[i] === "tool" ? 10 : w)) };
    let refTools = 0;
    let toolFirstTools = 0;
    for (const c of Object.values(DIALOGUE_CASES)) {
      const input = { dialogue: c.dialogue, k: 5, tools: retrieved(c.tools) };
      refTools += rankerCandidates(input, ref, catalogToolInfo).slice(0, 3).filter((x) => x.toolId).length;
      toolFirstTools += rankerCandidates(input, toolFirst, catalogToolInfo).slice(0, 3).filter((x) => x.toolId).length;
    }
    expect(toolFirstTools).toBeGreaterThan(refTools);
  });

  it("refuses a weights file of other features", () => {
    expect(() => parseRankerWeights({ format: "toolrec-ranker-v1", features: ["tool"], weights: [1] })).toThrow(/features/);
    expect(() => parseRankerWeights({ format: "other" })).toThrow(/ranker weights/);
    expect(() => parseRankerWeights({ ...referenceRankerWeights(), weights: [...referenceRankerWeights().weights.slice(1), Number.NaN] })).toThrow(/finite/);
  });
});

describe("ranker model versions (settings kind ranker, createGenerator)", () => {
  const fieldOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect((err as { code?: string }).code).toBe("BAD_USER_INPUT");
      return (err as { field: string }).field;
    }
    throw new Error("expected a ValidationError");
  };

  it("stores the weights inline, from a list, an object by feature, or a pasted ranker.json, and validates to itself", () => {
    const ref = referenceRankerWeights();
    const fromList = validateModelVersionSettings({ kind: "ranker", weights: ref.weights });
    expect(fromList).toEqual({ kind: "ranker", features: [...FEATURE_NAMES], weights: ref.weights });
    expect(validateModelVersionSettings(fromList)).toEqual(fromList);
    expect(validateModelVersionSettings({ kind: "ranker", weights: { grounded: 8 } })).toEqual(fromList);
    const file = { ...ref, model: "toolrec/ranker", reference: ref.weights, groundedSpan: 16, steps: 30 };
    expect(validateModelVersionSettings({ ...file, kind: "ranker" })).toEqual(fromList);
  });

  it.each([
    [{ kind: "ranker" }, "settings.weights"],
    [{ kind: "ranker", weights: [1, 2] }, "settings.weights"],
    [{ kind: "ranker", weights: FEATURE_NAMES.map(() => Number.NaN) }, "settings.weights"],
    [{ kind: "ranker", weights: FEATURE_NAMES.map(() => 1e9) }, "settings.weights"],
    [{ kind: "ranker", weights: { toolness: 1 } }, "settings.weights"],
    [{ kind: "ranker", features: ["tool", "p"], weights: FEATURE_NAMES.map(() => 0) }, "settings.features"],
    [{ kind: "ranker", weights: FEATURE_NAMES.map(() => 0), baseUrl: "http://x" }, "settings.baseUrl"],
  ])("refuses %j on %s", (raw, field) => {
    expect(fieldOf(() => validateModelVersionSettings(raw))).toBe(field);
  });

  it("createGenerator serves a ranker version: the reference is grounded's order, tool weight moves tools up", async () => {
    const ref = validateModelVersionSettings({ kind: "ranker", weights: referenceRankerWeights().weights });
    const gen = createGenerator(ref, { label: "ref", toolInfo: catalogToolInfo });
    expect(gen.name).toBe("ranker:ref");
    const c = Object.values(DIALOGUE_CASES)[0]!;
    const input = { dialogue: c.dialogue, k: 6, tools: retrieved(c.tools) };
    expect((await gen.generate(input)).candidates).toEqual(groundedCandidates(input).map((x) => ({ ...x, source: "model" })));
    const chatFirst = createGenerator(validateModelVersionSettings({ kind: "ranker", weights: { grounded: 8, tool: -20 } }), { toolInfo: catalogToolInfo });
    const got = (await chatFirst.generate(input)).candidates;
    expect(got[0]!.toolId).toBeNull();
  });
});

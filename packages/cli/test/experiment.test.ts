// Offline experiments end to end: simulated users served in-process through the same
// generators the API serves (BM25 retrieval + grounded / ranker), and a ranker trained by the
// Python trainer (spawned as the worker does; skipped without torch).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runOfflineExperiment } from "@toolrec/core";
import { FEATURE_NAMES, referenceRankerWeights, type RankerWeights } from "@toolrec/recommender";
import { catalogServingTools, createServingContext, groundedArm, rankerArm, sampledGroundedArm } from "../src/commands/experiment-serving.js";
import { spawnRankerTrainer, writeTable2Datasets } from "../src/commands/experiment-table2.js";
import { cli } from "./run-cli.js";

const PYTHON = "/usr/bin/python3";
const hasTorch = (() => {
  try {
    execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const ctx = createServingContext(catalogServingTools());
const toolFirst: RankerWeights = (() => {
  const ref = referenceRankerWeights();
  return { ...ref, weights: ref.weights.map((w, i) => (FEATURE_NAMES[i] === "tool" ? 6 : w)) };
})();

describe("toolrec experiment", () => {
  it("a two-arm experiment over a few thousand impressions gives the same numbers for a seed", async () => {
    const run = () => runOfflineExperiment(ctx.tools, [groundedArm(ctx), rankerArm(ctx, "tool-first", toolFirst)], { impressions: 2500, seed: 11 });
    const a = await run();
    const b = await run();
    expect(b.arms).toEqual(a.arms);
    const [grounded, ranker] = a.arms;
    expect(grounded!.counts.impressions).toBe(2500);
    // The tool-first policy exposes more tool-invoking suggestions than the grounded default.
    expect(ranker!.metrics.toolShareExposed.difference!.lower).toBeGreaterThan(0);
  });

  it("`experiment run` prints the table; the reference ranker serves exactly what grounded serves", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-exp-"));
    const weights = path.join(dir, "ranker.json");
    fs.writeFileSync(weights, JSON.stringify(referenceRankerWeights()));
    const out = path.join(dir, "result.json");
    const r = await cli("experiment", "run", "--impressions", "1500", "--seed", "3", "--arm", "grounded", "--arm", `reference=ranker:${weights}`, "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("grounded");
    expect(r.out).toContain("reference");
    expect(r.out).toMatch(/not real ones/);
    const result = JSON.parse(fs.readFileSync(out, "utf8")) as { arms: { arm: string; counts: unknown }[] };
    expect(result.arms[1]!.counts).toEqual(result.arms[0]!.counts);
  });

  it.skipIf(!hasTorch)("a ranker trained on a log where users prefer tool suggestions exposes more of them than the reference (needs torch in /usr/bin/python3)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-t2-"));
    const userModel = { toolPreference: 5 };
    // The grounded default as a sampling policy logs varied lists; users click the tool-rich ones more.
    const log = await runOfflineExperiment(ctx.tools, [sampledGroundedArm(ctx, 21, "log")], { impressions: 3000, seed: 21, userModel, keepLog: true });
    const datasets = await writeTable2Datasets(log.logs!.log!, ctx, dir, 5);
    expect(datasets.map((d) => d.arm)).toEqual(["vanilla-kto", "user-side", "static-system-side", "user+static-system", "toolrec"]);
    const vanilla = datasets[0]!;
    const meta = JSON.parse(fs.readFileSync(path.join(vanilla.dir, "vanilla-kto.metadata.json"), "utf8")) as { rows: number; checksum: string };
    expect(meta.rows).toBe(3000);
    const { weights } = await spawnRankerTrainer({ python: PYTHON, outDir: dir })(vanilla, () => {});
    const ab = await runOfflineExperiment(ctx.tools, [rankerArm(ctx, "reference", referenceRankerWeights()), rankerArm(ctx, "trained", weights)], { impressions: 2000, seed: 22, userModel });
    const [reference, trained] = ab.arms;
    expect(trained!.metrics.toolShareExposed.value!.estimate).toBeGreaterThan(reference!.metrics.toolShareExposed.value!.estimate);
    expect(trained!.metrics.toolShareExposed.difference!.lower).toBeGreaterThan(0);
  });
});

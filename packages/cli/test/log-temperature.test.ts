// The sampled logging policy's temperature (`experiment table2 --log-temperature`): a hotter log
// explores more, so more of its lists expose no tool-invoking suggestion; T = 1 is the default log.
import { describe, expect, it } from "vitest";
import { runOfflineExperiment, type OfflineImpression } from "@toolrec/core";
import { catalogServingTools, createServingContext, sampledGroundedArm } from "../src/commands/experiment-serving.js";
import { cli } from "./run-cli.js";

const ctx = createServingContext(catalogServingTools());

async function log(arm: ReturnType<typeof sampledGroundedArm>): Promise<readonly OfflineImpression[]> {
  const r = await runOfflineExperiment(ctx.tools, [arm], { impressions: 800, seed: 5, keepLog: true });
  return r.logs![arm.name]!;
}

const noToolShare = (imps: readonly OfflineImpression[]) => imps.filter((imp) => !imp.suggestions.some((s) => s.exposed && s.toolId)).length / imps.length;

describe("sampled log temperature", () => {
  it("a hotter log shows more lists without a tool; T = 1 logs exactly the default lists", async () => {
    const byDefault = await log(sampledGroundedArm(ctx, 5, "log"));
    const t1 = await log(sampledGroundedArm(ctx, 5, "log", 1));
    const t4 = await log(sampledGroundedArm(ctx, 5, "log", 4));
    expect(t1.map((i) => i.suggestions)).toEqual(byDefault.map((i) => i.suggestions));
    // About 1% of the default lists expose no tool; at T = 4 about 10%.
    expect(noToolShare(t4)).toBeGreaterThan(noToolShare(t1) + 0.04);
  });

  it("a temperature that is not above 0 is refused, naming the flag", async () => {
    expect(() => sampledGroundedArm(ctx, 5, "log", 0)).toThrow(/temperature/);
    const r = await cli("experiment", "table2", "--log-temperature=0");
    expect(r.code).not.toBe(0);
    expect(`${r.out}\n${r.err}`).toMatch(/--log-temperature must be a number > 0/);
  });
});

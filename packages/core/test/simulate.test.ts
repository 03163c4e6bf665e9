// The simulated click logs' promised properties (SIMULATION.md), on the real catalog.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildToolMatcher, simulateImpressions, summarizeSimulation, validateImpression, type SimulationTool } from "../src/index";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/catalog/tools");
const catalog: SimulationTool[] = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Omit<SimulationTool, "categoryId">[]).map((t) => ({ ...t, categoryId: f.replace(/\.json$/, "") })));
const matcher = buildToolMatcher(catalog);
const ids = new Set(catalog.map((t) => t.id));

/** Independent numbers from the rows (no core helpers): per-user uctr quartile, per-exposure CTRs. */
function measure(rows: ReturnType<typeof simulateImpressions>) {
  const users = new Map<string, { n: number; d: number }>();
  let te = 0, tc = 0, ge = 0, gc = 0;
  for (const r of rows) {
    const u = users.get(r.userId) ?? { n: 0, d: 0 };
    u.n++;
    if (r.suggestions.some((s) => s.exposed && s.clicked)) u.d++;
    users.set(r.userId, u);
    for (const s of r.suggestions) {
      if (!s.exposed) continue;
      const tool = s.toolId !== undefined || matcher.match(s.text) !== null;
      if (tool) { te++; tc += s.clicked ? 1 : 0; } else { ge++; gc += s.clicked ? 1 : 0; }
    }
  }
  const u = [...users.values()].map((x) => x.d / x.n).sort((a, b) => a - b);
  const h = (u.length - 1) * 0.75;
  const q = u[Math.floor(h)]! + (h - Math.floor(h)) * ((u[Math.ceil(h)] ?? 0) - u[Math.floor(h)]!);
  const counts = [...users.values()].map((x) => x.n).sort((a, b) => b - a);
  return { q, toolCtr: tc / te, generalCtr: gc / ge, counts };
}

describe("simulateImpressions", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = simulateImpressions(catalog, { users: 50, impressions: 300, seed: 5 });
    expect(simulateImpressions(catalog, { users: 50, impressions: 300, seed: 5 })).toEqual(a);
    expect(simulateImpressions(catalog, { users: 50, impressions: 300, seed: 6 })).not.toEqual(a);
  });

  it("writes valid impressions: K = 5, clicks only on exposed suggestions, at most one, known tools, timestamps in order", () => {
    const rows = simulateImpressions(catalog, { users: 100, impressions: 2000, seed: 2, end: new Date("2026-05-01T00:00:00Z"), days: 28 });
    let last = "";
    for (const r of rows) {
      expect(validateImpression(r, (id) => ids.has(id)).ok).toBe(true);
      expect(r.suggestions).toHaveLength(5);
      expect(r.suggestions.filter((s) => s.clicked).length).toBeLessThanOrEqual(1);
      expect(r.timestamp >= last).toBe(true);
      expect(r.timestamp >= "2026-04-03T00:00:00.000Z" && r.timestamp < "2026-05-01T00:00:00.000Z").toBe(true);
      last = r.timestamp;
      const tools = r.suggestions.filter((s) => s.toolId !== undefined || matcher.match(s.text) !== null);
      expect(tools.length).toBeLessThanOrEqual(3);
      // a logged toolId always agrees with the text (the canonical query, lightly varied)
      for (const s of r.suggestions) if (s.toolId) expect(matcher.match(s.text)).toBe(s.toolId);
    }
    expect(new Set(rows.map((r) => r.userId)).size).toBe(100);
  });

  it("leaves about chatOnlyRate of the impressions without any tool suggestion", () => {
    for (const chatOnlyRate of [0, 0.4]) {
      const rows = simulateImpressions(catalog, { users: 100, impressions: 4000, seed: 9, chatOnlyRate });
      const chatOnly = rows.filter((r) => r.suggestions.every((s) => s.toolId === undefined && matcher.match(s.text) === null)).length;
      expect(Math.abs(chatOnly / rows.length - chatOnlyRate)).toBeLessThan(0.03);
    }
  });

  it.each([1, 2, 3])("puts the upper quartile of per-user uctr near 0.07 (seed %i)", (seed) => {
    const m = measure(simulateImpressions(catalog, { users: 200, impressions: 20_000, seed }));
    expect(Math.abs(m.q - 0.07)).toBeLessThan(0.02);
  });

  it("clicks tool-invoking suggestions ~2-3x as often as general ones, per exposure", () => {
    const m = measure(simulateImpressions(catalog, { users: 400, impressions: 20_000, seed: 4 }));
    const ratio = m.toolCtr / m.generalCtr;
    expect(m.toolCtr).toBeGreaterThan(m.generalCtr);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(3.5);
  });

  it("has a heavy head of active users (Zipf-like impression counts)", () => {
    const { counts } = measure(simulateImpressions(catalog, { users: 400, impressions: 6000, seed: 7 }));
    const mean = 6000 / 400;
    expect(counts[0]!).toBeGreaterThan(20 * mean);
    const top10 = counts.slice(0, 40).reduce((a, b) => a + b, 0);
    expect(top10 / 6000).toBeGreaterThan(0.4);
    expect(counts.at(-1)!).toBeGreaterThanOrEqual(1);
  });

  it("summarizeSimulation agrees with an independent count", () => {
    const rows = simulateImpressions(catalog, { users: 80, impressions: 1500, seed: 9 });
    const s = summarizeSimulation(rows, (x) => x.toolId !== undefined || matcher.match(x.text) !== null);
    const m = measure(rows);
    expect(s.uctrUpperQuartile).toBeCloseTo(m.q, 12);
    expect(s.toolInvokingCtr).toBeCloseTo(m.toolCtr, 12);
    expect(s.generalCtr).toBeCloseTo(m.generalCtr, 12);
  });
});

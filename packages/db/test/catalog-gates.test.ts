/**
 * Quality gates of the SysToolkit catalog seed (prisma/catalog). Every gate is
 * defined once in src/catalog.ts (`catalogQualityReport`, shared with the CLI); the
 * tests below assert each gate separately so a failure names the broken rule and lists
 * the offending tools.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { normalizeText, TOOL_ID_PATTERN, validateJsonSchema, validateToolFields } from "@toolrec/core";
import {
  catalogQualityReport,
  descriptionSimilarities,
  DESCRIPTION_SIMILARITY_THRESHOLD,
  EVERYDAY_TOOL_IDS,
  invocationCountStats,
  loadCatalog,
  PAPER_EXAMPLES,
  type Catalog,
  type CatalogGate,
  type CatalogTool,
  type CatalogViolation,
} from "../src/catalog";
import { deriveInvocationCounts, ZIPF_C, ZIPF_S } from "../../../prisma/catalog/derive-counts";

let catalog: Catalog;
let report: CatalogViolation[];

beforeAll(() => {
  catalog = loadCatalog();
  report = catalogQualityReport(catalog);
});

const violations = (...gates: CatalogGate[]): string[] =>
  report.filter((v) => gates.includes(v.gate)).map((v) => `${v.subject ?? "-"}: ${v.message}`);

describe("catalog seed: counts and categories", () => {
  it("has exactly 708 tools", () => {
    expect(catalog.tools).toHaveLength(708);
    expect(violations("total")).toEqual([]);
  });

  it("has the 16 categories and every tool is filed under a known category matching its id prefix", () => {
    expect(catalog.categories).toHaveLength(16);
    expect(catalog.categories.reduce((sum, c) => sum + c.target, 0)).toBe(708);
    expect(violations("category")).toEqual([]);
  });

  it("keeps every category within +/-20% of its target", () => {
    expect(violations("category-count")).toEqual([]);
  });

  it("keeps every category at exactly its target count (seed as shipped)", () => {
    const counts = Object.fromEntries(catalog.categories.map((c) => [c.id, 0]));
    for (const t of catalog.tools) counts[t.categoryId] = (counts[t.categoryId] ?? 0) + 1;
    expect(counts).toEqual(Object.fromEntries(catalog.categories.map((c) => [c.id, c.target])));
  });
});

describe("catalog seed: per-tool fields", () => {
  it("every tool passes validateToolFields", () => {
    const problems = catalog.tools.flatMap((t) =>
      validateToolFields(t as unknown as Record<string, unknown>).map((e) => `${t.id}: ${e.field}: ${e.message}`),
    );
    expect(problems).toEqual([]);
    expect(violations("fields")).toEqual([]);
  });

  it("ids look like <category>.<verb>_<object>", () => {
    const bad = catalog.tools.filter(
      (t) => !TOOL_ID_PATTERN.test(t.id) || !t.id.startsWith(`${t.categoryId}.`) || !/\.[a-z0-9]+_[a-z0-9_]+$/.test(t.id),
    );
    expect(bad.map((t) => t.id)).toEqual([]);
  });

  it("every parameters schema is null or a valid object JSON Schema", () => {
    const bad = catalog.tools
      .filter((t) => t.parameters !== null)
      .map((t) => [t.id, t.parameters?.type === "object" ? validateJsonSchema(t.parameters) : "type is not object"])
      .filter(([, problem]) => problem !== null);
    expect(bad).toEqual([]);
    expect(violations("parameters")).toEqual([]);
  });

  it("canonical queries are at most 6 words and descriptions 1 to 3 sentences", () => {
    expect(violations("canonical-query-words", "description-sentences")).toEqual([]);
  });

  it("every tool has at least 4 utterances", () => {
    expect(catalog.tools.filter((t) => t.utterances.length < 4).map((t) => t.id)).toEqual([]);
    expect(violations("utterances")).toEqual([]);
  });

  it("actionType is one of the six action types and popularity is 1..10", () => {
    expect(violations("action-type", "popularity")).toEqual([]);
  });

  it("every tool is grounded; oem entries give a reason, others an id", () => {
    const bad = catalog.tools.filter(
      (t) =>
        t.grounding.length === 0 ||
        t.grounding.some((g) => (g.source === "oem" ? !g.reason?.trim() : !g.id?.trim())),
    );
    expect(bad.map((t) => t.id)).toEqual([]);
    expect(violations("grounding")).toEqual([]);
  });
});

describe("catalog seed: uniqueness", () => {
  const duplicates = (values: string[]): string[] => {
    const seen = new Set<string>();
    const dup: string[] = [];
    for (const v of values) {
      const key = normalizeText(v);
      if (seen.has(key)) dup.push(v);
      seen.add(key);
    }
    return dup;
  };

  it("ids, names and canonical queries are unique ignoring case and punctuation", () => {
    expect(duplicates(catalog.tools.map((t) => t.id))).toEqual([]);
    expect(duplicates(catalog.tools.map((t) => t.name))).toEqual([]);
    expect(duplicates(catalog.tools.map((t) => t.canonicalQuery))).toEqual([]);
    expect(violations("unique-id", "unique-name", "unique-canonical-query")).toEqual([]);
  });

  it("no utterance is repeated across tools (normalised) or equals another tool's canonical query", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of catalog.tools) {
      for (const u of new Set(t.utterances.map(normalizeText))) {
        const first = owner.get(u);
        if (first !== undefined && first !== t.id) clashes.push(`${u}: ${first} / ${t.id}`);
        owner.set(u, t.id);
      }
    }
    expect(clashes).toEqual([]);
    expect(violations("unique-utterance")).toEqual([]);
  });

  it(`no two descriptions are near-duplicates (TF-IDF cosine > ${DESCRIPTION_SIMILARITY_THRESHOLD})`, () => {
    const pairs = descriptionSimilarities(catalog.tools, 0.5);
    const top = pairs[0];
    console.info(
      `max description similarity: ${top ? `${top.similarity.toFixed(3)} (${top.a} ~ ${top.b})` : "< 0.5"}; ` +
        `${pairs.length} pair(s) >= 0.5; threshold ${DESCRIPTION_SIMILARITY_THRESHOLD}`,
    );
    expect(pairs.filter((p) => p.similarity > DESCRIPTION_SIMILARITY_THRESHOLD)).toEqual([]);
    expect(violations("near-duplicate-description")).toEqual([]);
  });
});

describe("catalog seed: invocation counts", () => {
  it("invocationCount is what prisma/catalog/derive-counts.ts derives (run npm run catalog:counts)", () => {
    const derived = deriveInvocationCounts(catalog.tools);
    const stale = catalog.tools.filter((t) => derived.get(t.id) !== t.invocationCount).map((t) => t.id);
    expect(stale).toEqual([]);
    expect(violations("count-order")).toEqual([]);
  });

  it("is long-tailed: the top decile is at least 3x the median", () => {
    const stats = invocationCountStats(catalog.tools.map((t) => t.invocationCount));
    console.info(
      `invocationCount (C=${ZIPF_C}, s=${ZIPF_S}): top-decile floor ${stats.topDecileMin} / median ${stats.median} = ${stats.ratio.toFixed(2)}x`,
    );
    expect(stats.ratio).toBeGreaterThanOrEqual(3);
    expect(violations("long-tail")).toEqual([]);
  });

  it("puts the everyday tools (Wi-Fi on, flashlight on, set alarm, volume up, brightness) in the top decile", () => {
    const sorted = [...catalog.tools].sort((a, b) => b.invocationCount - a.invocationCount);
    const topDecile = new Set(sorted.slice(0, Math.ceil(sorted.length / 10)).map((t) => t.id));
    for (const id of EVERYDAY_TOOL_IDS) expect(topDecile.has(id), id).toBe(true);
    expect(violations("everyday-top-decile")).toEqual([]);
  });
});

describe("catalog seed: the paper's examples", () => {
  it.each(PAPER_EXAMPLES.map((e) => [e.canonicalQuery, e.toolId] as const))(
    '"%s" finds %s by its canonical query',
    (query, toolId) => {
      const found = catalog.tools.filter((t) => normalizeText(t.canonicalQuery) === normalizeText(query));
      expect(found.map((t) => t.id)).toEqual([toolId]);
    },
  );

  it("the speaker-cleaning tool is the water-ejection one", () => {
    const tool = catalog.tools.find((t) => t.id === "sound.clean_speaker");
    expect(tool?.description.toLowerCase()).toMatch(/water/);
  });

  it("reports no required-tool violation", () => {
    expect(violations("required-tool")).toEqual([]);
  });
});

describe("catalog gates catch what they are meant to", () => {
  const base = (id: string, overrides: Partial<CatalogTool> = {}): CatalogTool => ({
    id,
    categoryId: id.split(".")[0]!,
    name: `Name of ${id}`,
    description: `Describes ${id.replace(/[._]/g, " ")} in its own words.`,
    canonicalQuery: `Query ${id.replace(/[._]/g, " ")}`,
    utterances: [1, 2, 3, 4].map((i) => `utterance ${i} for ${id.replace(/[._]/g, " ")}`),
    parameters: null,
    actionType: "TOGGLE",
    grounding: [{ source: "qs_tile", id: "wifi" }],
    popularity: 5,
    invocationCount: 100,
    ...overrides,
  });
  const run = (tools: CatalogTool[]): CatalogViolation[] =>
    catalogQualityReport(
      { categories: [{ id: "network", code: "NET", name: "Network", target: tools.length }], tools },
      { expectedTotal: null, requiredTools: [], everydayToolIds: [], minTopDecileToMedianRatio: 0 },
    );
  const gates = (vs: CatalogViolation[]) => [...new Set(vs.map((v) => v.gate))].sort();

  it("flags a copy-pasted description with one word swapped, but not an on/off pair written separately", () => {
    const copied = run([
      base("network.turn_on_wifi", {
        description: "Turns the Wi-Fi radio on so the phone joins saved networks and stops using mobile data at home.",
      }),
      base("network.turn_off_wifi", {
        description: "Turns the Wi-Fi radio off so the phone joins saved networks and stops using mobile data at home.",
      }),
    ]);
    expect(gates(copied)).toEqual(["near-duplicate-description"]);

    const distinct = run([
      base("network.turn_on_wifi", {
        description: "Turns the Wi-Fi radio on so the phone joins saved networks and stops using mobile data at home.",
      }),
      base("network.turn_off_wifi", {
        description: "Turns Wi-Fi off to save battery or force the phone onto mobile data when a hotspot is unreliable.",
      }),
    ]);
    expect(distinct).toEqual([]);
  });

  it("flags canonical queries and utterances that differ only in case or punctuation", () => {
    const vs = run([
      base("network.turn_on_wifi", { canonicalQuery: "Turn on Wi-Fi", utterances: ["a one", "a two", "a three", "Wi-Fi on!"] }),
      base("network.enable_wifi", { canonicalQuery: "turn on wi fi", utterances: ["b one", "b two", "b three", "wi fi on"] }),
    ]);
    expect(gates(vs)).toEqual(["unique-canonical-query", "unique-utterance"]);
  });

  it("flags an oem grounding without a reason, an invalid schema and too few utterances", () => {
    const vs = run([
      base("network.set_wifi_band", {
        grounding: [{ source: "oem" }],
        parameters: { type: "object", properties: { band: { type: "strng" } } },
        utterances: ["one", "two", "three"],
      }),
    ]);
    expect(gates(vs)).toEqual(["fields", "grounding", "parameters", "utterances"]);
  });
});

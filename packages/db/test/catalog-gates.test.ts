/**
 * Quality gates of the SysToolkit catalog seed (prisma/catalog). Every gate is a named
 * function in src/catalog/gates.ts (`CATALOG_GATES`, shared with `toolrec toolkit check`).
 * The first part asserts the shipped catalog passes each gate; the second breaks a copy of the
 * catalog in exactly the way each gate exists to catch and asserts that gate, and only it,
 * fails with a message that names the problem.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { normalizeText, validateToolFields } from "@toolrec/core";
import {
  CATALOG_GATES,
  catalogQualityReport,
  checkCatalogFiles,
  descriptionSimilarities,
  DESCRIPTION_SIMILARITY_THRESHOLD,
  EVERYDAY_TOOL_IDS,
  invocationCountStats,
  loadCatalog,
  loadDevsetUserTurns,
  PAPER_EXAMPLES,
  type Catalog,
  type CatalogGate,
  type CatalogTool,
  type CatalogViolation,
  type DevsetUserTurn,
} from "../src/catalog";
import { deriveInvocationCounts, ZIPF_C, ZIPF_S } from "../../../prisma/catalog/derive-counts";

let catalog: Catalog;
let devset: DevsetUserTurn[];
let report: CatalogViolation[];

beforeAll(() => {
  catalog = loadCatalog();
  devset = loadDevsetUserTurns() ?? [];
  report = catalogQualityReport(catalog, { devset });
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
  it("every tool passes validateToolFields (situations with the utterances' limits)", () => {
    const problems = catalog.tools.flatMap((t) =>
      validateToolFields(t as unknown as Record<string, unknown>).map((e) => `${t.id}: ${e.field}: ${e.message}`),
    );
    expect(problems).toEqual([]);
    expect(violations("fields", "parameters")).toEqual([]);
  });

  it("canonical queries are at most 6 words and descriptions 1 to 3 sentences", () => {
    expect(violations("canonical-query-words", "description-sentences")).toEqual([]);
  });

  it("every tool has at least 4 utterances and 2 situations", () => {
    expect(catalog.tools.filter((t) => t.utterances.length < 4).map((t) => t.id)).toEqual([]);
    expect(catalog.tools.filter((t) => (t.situations?.length ?? 0) < 2).map((t) => t.id)).toEqual([]);
    expect(violations("utterances", "situations")).toEqual([]);
    const total = catalog.tools.reduce((n, t) => n + t.situations.length, 0);
    console.info(`${total} situations over ${catalog.tools.length} tools`);
  });

  it("actionType, grounding and popularity are valid", () => {
    expect(violations("action-type", "grounding", "popularity")).toEqual([]);
  });
});

describe("catalog seed: uniqueness and copies", () => {
  it("ids, names and canonical queries are unique ignoring case and punctuation", () => {
    expect(violations("unique-id", "unique-name", "unique-canonical-query")).toEqual([]);
  });

  it("no utterance or situation is repeated across tools, and no situation copies its tool's utterances", () => {
    expect(violations("unique-utterance", "unique-situation", "situation-copies-utterance")).toEqual([]);
  });

  it("no situation or utterance copies what a user says in the dev set (the dev set is held out)", () => {
    expect(devset.length).toBeGreaterThan(600);
    expect(violations("situation-devset-copy", "utterance-devset-copy")).toEqual([]);
  });

  it(`no two descriptions are near-duplicates (TF-IDF cosine > ${DESCRIPTION_SIMILARITY_THRESHOLD})`, () => {
    const top = descriptionSimilarities(catalog.tools, 0.5)[0];
    console.info(`max description similarity: ${top ? `${top.similarity.toFixed(3)} (${top.a} ~ ${top.b})` : "< 0.5"}`);
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

  it("is long-tailed and puts the everyday tools in the top decile", () => {
    const stats = invocationCountStats(catalog.tools.map((t) => t.invocationCount));
    console.info(`invocationCount (C=${ZIPF_C}, s=${ZIPF_S}): top-decile floor ${stats.topDecileMin} / median ${stats.median} = ${stats.ratio.toFixed(2)}x`);
    expect(stats.ratio).toBeGreaterThanOrEqual(3);
    expect(violations("long-tail", "everyday-top-decile")).toEqual([]);
  });
});

describe("catalog seed: the paper's examples and the issue's everyday needs", () => {
  it.each(PAPER_EXAMPLES.map((e) => [e.canonicalQuery, e.toolId] as const))('"%s" finds %s by its canonical query', (query, toolId) => {
    const found = catalog.tools.filter((t) => normalizeText(t.canonicalQuery) === normalizeText(query));
    expect(found.map((t) => t.id)).toEqual([toolId]);
    expect(violations("required-tool")).toEqual([]);
  });

  it("covers weather, calendar, radio, podcasts, screen recording, parental controls, driving mode and airplane mode", () => {
    const ids = new Set(catalog.tools.map((t) => t.id));
    for (const id of [
      "system.check_weather",
      "system.check_weather_forecast",
      "clock.query_events",
      "clock.query_next_event",
      "media.play_radio",
      "media.play_podcast",
      "media.download_podcast_episodes",
      "camera.start_screen_recording",
      "security.open_parental_controls",
      "apps.require_purchase_authentication",
      "sound.turn_on_driving_mode",
      "sound.enable_dnd",
      "network.turn_on_airplane_mode",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------
// Negative tests: one per gate
// ---------------------------------------------------------------------------

type MutableTool = { -readonly [K in keyof CatalogTool]: CatalogTool[K] extends readonly (infer U)[] ? U[] : CatalogTool[K] } & Record<string, unknown>;
interface MutableCatalog {
  categories: { id: string; code: string; name: string; target: number }[];
  tools: MutableTool[];
}

/** One way to break the catalog per gate, and what the gate must then say. */
const BREAKERS: Record<CatalogGate, { how: string; apply: (c: MutableCatalog, tool: (id: string) => MutableTool) => void; says: RegExp }> = {
  total: {
    how: "a tool is removed",
    apply: (c) => void c.tools.splice(c.tools.findIndex((t) => t.id === "devices.start_coffee_maker"), 1),
    says: /expected exactly 708 tools, found 707/,
  },
  category: {
    how: "a tool is filed under a category that does not exist",
    apply: (_, tool) => void (tool("display.check_refresh_rate").categoryId = "weather"),
    says: /tools\/weather\.json is not a category of categories\.json/,
  },
  "category-count": {
    how: "a category's target drops far below its tool count",
    apply: (c) => void (c.categories.find((x) => x.id === "display")!.target = 40),
    says: /55 tools, target 40 \(allowed 32\.\.48\)/,
  },
  fields: {
    how: "a name is blank",
    apply: (_, tool) => void (tool("sound.test_speaker").name = "   "),
    says: /name: must not be empty or blank/,
  },
  "unique-id": {
    how: "two tools share an id",
    apply: (_, tool) => void (tool("media.turn_off_repeat").id = "media.turn_on_repeat"),
    says: /id "media\.turn_on_repeat" duplicates media\.turn_on_repeat/,
  },
  "unique-name": {
    how: "a name repeats another's in a different case",
    apply: (_, tool) => void (tool("media.turn_off_repeat").name = "REPEAT ON!"),
    says: /name "REPEAT ON!" duplicates media\.turn_on_repeat/,
  },
  "unique-canonical-query": {
    how: "a canonical query repeats another's with other punctuation",
    apply: (_, tool) => void (tool("devices.brighten_lights").canonicalQuery = `${tool("devices.dim_lights").canonicalQuery.toUpperCase()}!!`),
    says: /canonical query ".*!!" duplicates devices\.dim_lights/,
  },
  "canonical-query-words": {
    how: "a canonical query grows to 8 words",
    apply: (_, tool) => void (tool("sound.vibrate_device").canonicalQuery = "Make my phone buzz once right now please"),
    says: /canonical query has 8 words \(max 6\)/,
  },
  "description-sentences": {
    how: "a description grows to 5 sentences",
    apply: (_, tool) => void (tool("clock.lap_stopwatch").description += " It keeps each split. You can share them. Laps reset with the stopwatch."),
    says: /description has 5 sentences \(allowed 1\.\.3\)/,
  },
  "near-duplicate-description": {
    how: "a description is copied from another tool with one word swapped",
    apply: (_, tool) => void (tool("battery.turn_off_fast_charging").description = tool("battery.turn_on_fast_charging").description.replace(/\bfast\b/iu, "quick")),
    says: /description is a near-duplicate of battery\.turn_on_fast_charging's \(TF-IDF cosine 0\.\d+ > 0\.7\)/,
  },
  utterances: {
    how: "a tool is left with 3 utterances",
    apply: (_, tool) => void tool("health.log_water").utterances.splice(3),
    says: /needs at least 4 utterances, has 3/,
  },
  "unique-utterance": {
    how: "an utterance of one tool is copied into another, in upper case",
    apply: (_, tool) => void (tool("clock.create_note").utterances[0] = tool("devices.start_robot_vacuum").utterances[0]!.toUpperCase()),
    says: /utterance ".*" is also an utterance of devices\.start_robot_vacuum/,
  },
  situations: {
    how: "a tool is left with 1 situation",
    apply: (_, tool) => void tool("network.turn_off_5g").situations.splice(1),
    says: /needs at least 2 situations .* has 1/,
  },
  "unique-situation": {
    how: "a situation of one tool is copied into another",
    apply: (_, tool) => void (tool("location.find_parking").situations[0] = tool("storage.empty_trash").situations[0]!),
    says: /situation ".*" is also a situation of storage\.empty_trash/,
  },
  "situation-copies-utterance": {
    how: "a situation repeats one of the tool's own utterances with a word added",
    apply: (_, tool) => void (tool("camera.take_selfie").situations[0] = `${tool("camera.take_selfie").utterances[2]!} now`),
    says: /situation ".* now" copies its own utterance ".*" \(word overlap 0\.\d+ >= 0\.6\)/,
  },
  "situation-devset-copy": {
    how: "a situation copies a held-out test dialogue's user query (named, not quoted)",
    apply: (_, tool) => void (tool("health.log_weight").situations[0] = devset[0]!.text),
    says: /situation ".*" copies held-out test dialogue d001 \(word overlap 1\.00 >= 0\.6\); its words are not shown$/,
  },
  "utterance-devset-copy": {
    how: "an utterance copies a dev-set user query with a word added",
    apply: (_, tool) => void (tool("health.log_weight").utterances[0] = `${devset[1]!.text} today`),
    says: /utterance ".* today" copies dev-set dialogue d002: ".*" \(word overlap 0\.\d+ >= 0\.6\)/,
  },
  parameters: {
    how: "a parameters schema has a misspelt type",
    apply: (_, tool) => void (tool("sound.set_volume").parameters = { type: "object", properties: { level: { type: "integr" } } }),
    says: /schema\.properties\.level\.type: must be a JSON Schema type \(array, boolean, integer, null, number, object, string\)/,
  },
  "action-type": {
    how: "an actionType is misspelt",
    apply: (_, tool) => void ((tool("display.enable_auto_rotate") as Record<string, unknown>).actionType = "TOGGLES"),
    says: /unknown actionType "TOGGLES"/,
  },
  grounding: {
    how: "an oem grounding has no reason",
    apply: (_, tool) => void (tool("sound.clean_speaker").grounding = [{ source: "oem" }]),
    says: /grounding\[0\]: an oem entry needs a reason/,
  },
  popularity: {
    how: "a popularity is out of range",
    apply: (_, tool) => void (tool("media.like_song").popularity = 11),
    says: /popularity must be an integer 1\.\.10, got 11/,
  },
  "count-order": {
    how: "a popularity-1 tool gets the counts of a popularity-10 tool (and back)",
    apply: (_, tool) => {
      const [low, high] = [tool("devices.start_coffee_maker"), tool("media.play_music")];
      [low.invocationCount, high.invocationCount] = [high.invocationCount, low.invocationCount];
    },
    says: /popularity-1 tool has invocationCount \d+ > \d+ of popularity-\d+ .*run npm run catalog:counts/,
  },
  "long-tail": {
    how: "every tool gets the same invocation count",
    apply: (c) => c.tools.forEach((t) => (t.invocationCount = 1000)),
    says: /top-decile floor 1000 is 1\.00x the median 1000 \(need >= 3x\)/,
  },
  "everyday-top-decile": {
    how: "set an alarm trades popularity and count with a rarely used tool",
    apply: (_, tool) => {
      const [alarm, rare] = [tool("clock.set_alarm"), tool("devices.start_coffee_maker")];
      [alarm.popularity, rare.popularity] = [rare.popularity, alarm.popularity];
      [alarm.invocationCount, rare.invocationCount] = [rare.invocationCount, alarm.invocationCount];
    },
    says: /invocationCount \d+ is below the top decile/,
  },
  "required-tool": {
    how: "a paper example's canonical query is reworded",
    apply: (_, tool) => void (tool("storage.clear_cache").canonicalQuery = "Clear the device cache"),
    says: /no tool has the canonical query "Clear device cache"/,
  },
};

describe("every catalog gate catches the break it exists for, and only that gate fires", () => {
  const copy = (): MutableCatalog => structuredClone(catalog) as unknown as MutableCatalog;
  const gatesOf = (vs: CatalogViolation[]) => [...new Set(vs.map((v) => v.gate))].sort();

  it("has a negative test for every gate in CATALOG_GATES", () => {
    expect(Object.keys(BREAKERS).sort()).toEqual(CATALOG_GATES.map((g) => g.gate).sort());
  });

  it.each(Object.entries(BREAKERS) as [CatalogGate, (typeof BREAKERS)[CatalogGate]][])("%s: %s", (gate, breaker) => {
    const broken = copy();
    const tool = (id: string) => {
      const found = broken.tools.find((t) => t.id === id);
      if (!found) throw new Error(`fixture tool ${id} is not in the catalog`);
      return found;
    };
    breaker.apply(broken, tool);
    const vs = catalogQualityReport(broken as unknown as Catalog, { devset });
    expect(gatesOf(vs), breaker.how).toEqual([gate]);
    expect(vs.map((v) => v.message).join("\n")).toMatch(breaker.says);
  });

  it("the dev-set gates refuse to pass silently when no dev set is given", () => {
    const vs = catalogQualityReport(catalog);
    expect(vs.map((v) => [v.gate, v.message])).toEqual([
      ["situation-devset-copy", expect.stringMatching(/no dev set given: situations/)],
      ["utterance-devset-copy", expect.stringMatching(/no dev set given: utterances/)],
    ]);
  });

  it("fields checks situations with the utterances' limits", () => {
    const broken = copy();
    broken.tools.find((t) => t.id === "network.turn_off_5g")!.situations.push("x".repeat(201));
    const vs = catalogQualityReport(broken as unknown as Catalog, { devset });
    expect(vs.map((v) => `${v.gate} ${v.message}`)).toEqual([expect.stringMatching(/^fields situations\[\d+\]: is longer than 200 characters \(201\)$/)]);
  });

  it("checkCatalogFiles runs the same gates on the files and the dev set (what toolrec toolkit check runs)", () => {
    const result = checkCatalogFiles();
    expect(result.devsetTurns).toBe(devset.length);
    expect(result.violations).toEqual([]);
  });
});

describe("the everyday tools and paper examples the gates protect exist", () => {
  it("EVERYDAY_TOOL_IDS are catalog tools", () => {
    const ids = new Set(catalog.tools.map((t) => t.id));
    expect(EVERYDAY_TOOL_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });
});

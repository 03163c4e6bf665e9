import { describe, expect, it } from "vitest";
import { createLexicalRetriever } from "../src/lexical.js";
import { buildRetrievalQuery, queryFromText } from "../src/query.js";
import { DEFAULT_STOP_WORDS, lightStem } from "../src/text-analysis.js";
import { catalogDocuments } from "../test-support/catalog.js";
import type { RetrievalQuery } from "../src/types.js";
import { TOOLS } from "./fixtures.js";

const ids = (hits: { id: string }[]): string[] => hits.map((h) => h.id);

describe("lightStem", () => {
  it("conflates common inflections", () => {
    for (const group of [
      ["charge", "charges", "charging", "charged"],
      ["battery", "batteries"],
      ["setting", "settings", "set"],
      ["stop", "stopped", "stopping", "stops"],
      ["update", "updates", "updating", "updated"],
      ["call", "calls", "calling"],
    ]) {
      expect(new Set(group.map(lightStem)).size, group.join(",")).toBe(1);
    }
  });

  it("leaves short words, words with digits and non-inflected words alone", () => {
    expect(lightStem("gps")).toBe("gps");
    expect(lightStem("5g")).toBe("5g");
    expect(lightStem("wifi")).toBe("wifi");
    expect(lightStem("status")).toBe("status");
    expect(lightStem("bring")).toBe("bring");
    expect(lightStem("thing")).toBe("thing");
  });

  it("keeps direction words out of the stop-words", () => {
    for (const w of ["on", "off", "up", "down"]) expect(DEFAULT_STOP_WORDS.has(w)).toBe(false);
    expect(DEFAULT_STOP_WORDS.has("the")).toBe(true);
  });
});

describe("createLexicalRetriever", () => {
  const r = createLexicalRetriever(TOOLS);

  it("ranks by BM25 over name, canonical query, utterances and description", async () => {
    expect(r.name).toBe("bm25");
    expect(r.size).toBe(TOOLS.length);
    expect(ids(await r.search(queryFromText("turn off the wifi"), 2))).toEqual(["network.turn_off_wifi", "network.turn_on_wifi"]);
    expect(ids(await r.search(queryFromText("the screen is way too dark"), 1))).toEqual(["display.set_brightness"]);
    expect(ids(await r.search(queryFromText("my storage is full"), 1))).toEqual(["storage.clear_cache"]);
  });

  it("returns 1-based ranks, descending scores, topK at most, and [] for nothing to match", async () => {
    const hits = await r.search(queryFromText("turn on wifi battery"), 3);
    expect(hits.map((h) => h.rank)).toEqual([1, 2, 3]);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    expect(await r.search(queryFromText("the and of"), 5)).toEqual([]);
    expect(await r.search(queryFromText(""), 5)).toEqual([]);
    expect(await r.search(queryFromText("wifi"), 0)).toEqual([]);
  });

  it("reports the matched query terms in their surface form", async () => {
    const [top] = await r.search(queryFromText("Charging batteries"), 1);
    expect(top?.id).toBe("battery.turn_on_battery_saver");
    // "charging" -> "charg" matches "charge" in an utterance; "batteries" -> "battery".
    expect(top?.matchedTerms?.sort()).toEqual(["batteries", "charging"]);
  });

  it("stems: an inflected query matches the base form", async () => {
    const [top] = await r.search(queryFromText("dimming"), 1);
    expect(top?.id).toBe("display.set_brightness");
    const noStem = createLexicalRetriever(TOOLS, { stemming: false });
    expect(await noStem.search(queryFromText("dimming"), 1)).toEqual([]);
  });

  it("weights query segments: the user query outweighs older history", () => {
    const dialogue = {
      userQuery: "turn it off",
      history: [{ role: "USER" as const, content: "the screen is too dark" }],
    };
    const q = buildRetrievalQuery(dialogue);
    expect(r.searchSync(q, 1)[0]?.id).toBe("network.turn_off_wifi");
    const heavyHistory = buildRetrievalQuery(dialogue, { historyWeight: 5 });
    expect(r.searchSync(heavyHistory, 1)[0]?.id).toBe("display.set_brightness");
  });

  it("per-segment mode combines segment searches by weight", () => {
    const ps = createLexicalRetriever(TOOLS, { segmentMode: "perSegment" });
    const q: RetrievalQuery = {
      segments: [
        { text: "wifi", weight: 1, source: "userQuery" },
        { text: "brightness", weight: 0.1, source: "history" },
      ],
      text: "wifi\nbrightness",
    };
    const hits = ps.searchSync(q, 5);
    expect(hits[0]?.id.startsWith("network.")).toBe(true);
    expect(ids(hits)).toContain("display.set_brightness");
  });

  it("falls back to the query text when there are no segments", () => {
    expect(r.searchSync({ segments: [], text: "clear cache" }, 1)[0]?.id).toBe("storage.clear_cache");
  });

  it("field boosts change the ranking", () => {
    // "battery" is in the name of the saver and only in the description of turn_off_wifi.
    const q = queryFromText("battery");
    const boosted = createLexicalRetriever(TOOLS, { fieldBoosts: { description: 0 } });
    expect(ids(boosted.searchSync(q, 5))).toEqual(["battery.turn_on_battery_saver"]);
    expect(ids(r.searchSync(q, 5))).toEqual(["battery.turn_on_battery_saver", "network.turn_off_wifi"]);
  });

  it("upsert replaces a tool's text and remove drops it", () => {
    const idx = createLexicalRetriever(TOOLS);
    const q = queryFromText("flashlight torch");
    expect(idx.searchSync(q, 5)).toEqual([]);
    idx.upsert({ ...TOOLS[3]!, utterances: ["turn on the torch"] });
    expect(ids(idx.searchSync(q, 5))).toEqual(["display.set_brightness"]);
    expect(idx.size).toBe(TOOLS.length);
    idx.upsert({ id: "camera.flashlight", name: "Flashlight", description: "", canonicalQuery: "Turn on flashlight", utterances: [], categoryId: "camera" });
    expect(idx.size).toBe(TOOLS.length + 1);
    expect(idx.searchSync(q, 1)[0]?.id).toBe("camera.flashlight");
    expect(idx.remove("camera.flashlight")).toBe(true);
    expect(idx.remove("camera.flashlight")).toBe(false);
    expect(idx.has("camera.flashlight")).toBe(false);
    expect(ids(idx.searchSync(q, 5))).toEqual(["display.set_brightness"]);
    idx.upsert(TOOLS[3]!);
    expect(idx.searchSync(q, 5)).toEqual([]);
  });

  it("analyze shows the index's view of a text: stemmed words, then joined adjacent pairs", () => {
    expect(r.analyze("Turning ON the Wi-Fi settings")).toEqual(["turn", "on", "wi", "fi", "set", "turnon", "wifi", "fiset"]);
    // no pair across a stop-word or a line break
    expect(r.analyze("battery of phone\nscreen")).toEqual(["battery", "phon", "screen"]);
    const plain = createLexicalRetriever(TOOLS, { compounds: false, stemming: false, stopWords: false });
    expect(plain.analyze("Turning the Wi-Fi")).toEqual(["turning", "the", "wi", "fi"]);
  });

  it("compounds: a query word matches a hyphenated or spaced document phrase", () => {
    // "Wi-Fi" is indexed as "wi", "fi" and "wifi"; a query "wifi" finds it.
    expect(r.searchSync(queryFromText("wifi"), 2).map((h) => h.id).sort()).toEqual(["network.turn_off_wifi", "network.turn_on_wifi"]);
    const [top] = r.searchSync(queryFromText("turn on wi fi"), 1);
    expect(top?.id).toBe("network.turn_on_wifi");
    expect(top?.matchedTerms).toEqual(expect.arrayContaining(["turn", "on", "wi fi"]));
  });
});

describe("on the 708-tool catalog", () => {
  const docs = catalogDocuments();
  const r = createLexicalRetriever(docs);

  it("indexes every tool", () => {
    expect(docs.length).toBeGreaterThanOrEqual(700);
    expect(r.size).toBe(docs.length);
  });

  it("finds each tool from its own canonical query in the top 5 (sanity, indexed text)", () => {
    const misses = docs.filter((d) => !ids(r.searchSync(queryFromText(d.canonicalQuery), 5)).includes(d.id));
    expect(misses.length / docs.length).toBeLessThan(0.02);
  });
});

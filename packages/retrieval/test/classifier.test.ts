// The phrase classifier (src/classifier.ts) and its part of the utterance stage: trained on small
// hand-written tools, no files.
import { describe, expect, it } from "vitest";
import { rowDot, trainPhraseClassifier, trainPhraseClassifierInSlices } from "../src/classifier.js";
import { createUtteranceRetriever } from "../src/utterance.js";
import { buildRetrievalQuery, queryFromText } from "../src/query.js";
import { createAnalyzer } from "../src/text-analysis.js";
import type { ToolDocument } from "../src/types.js";

const tool = (id: string, name: string, utterances: string[], situations: string[] = []): ToolDocument => ({
  id,
  name,
  description: name,
  canonicalQuery: name,
  utterances,
  situations,
  categoryId: id.split(".")[0] ?? "x",
  invocationCount: 100,
});

// Both brightness tools and the dark theme share "screen" and "dark"; what tells them apart
// is in the other words of their phrases.
const TOOLS: ToolDocument[] = [
  tool("display.increase_brightness", "Increase brightness", ["make the screen brighter", "I can't see anything, it's too dark", "I'm squinting at the screen outside"], ["sunny day and I can barely read my phone", "grandma keeps squinting at her phone"]),
  tool("display.enable_dark_mode", "Enable dark mode", ["switch to the dark theme", "make the menus black", "dark mode please"], ["white menus hurt my eyes at night", "the bright theme is harsh in bed"]),
  tool("display.decrease_brightness", "Decrease brightness", ["dim the screen", "turn the brightness down", "screen is too bright"], ["the screen is blinding me in the cinema", "lighting up the whole bedroom"]),
  tool("network.turn_on_wifi", "Turn on Wi-Fi", ["turn on wifi", "connect to the wireless"], ["I'm home and want to stop using my data"]),
  tool("sound.clean_speaker", "Clean speaker", ["eject water from the speaker", "the speaker sounds muffled"], ["dropped it in the pool and now it sounds underwater"]),
];

const analyze = createAnalyzer();
const terms = (text: string) => analyze(text).map((t) => t.term);

function best(scores: Float64Array, ids: readonly string[]): string {
  let i = 0;
  for (let j = 1; j < scores.length; j++) if ((scores[j] as number) > (scores[i] as number)) i = j;
  return ids[i] as string;
}

function classify(c: ReturnType<typeof trainPhraseClassifier>, text: string): Float64Array | null {
  const ids = terms(text).map((t) => c.vocabulary.get(t) ?? -1);
  const out = new Float64Array(c.ids.length);
  return c.score(ids, ids.map(() => 1), ids.length, out) ? out : null;
}

describe("phrase classifier", () => {
  it("learns which words tell a tool from its neighbours, from the catalog's phrases alone", () => {
    const c = trainPhraseClassifier(TOOLS, terms, { epochs: 40 });
    // "squinting" appears only in the brightness tool's phrases; "harsh" only in dark mode's.
    expect(best(classify(c, "my dad is squinting at it")!, c.ids)).toBe("display.increase_brightness");
    expect(best(classify(c, "it's so harsh on my eyes")!, c.ids)).toBe("display.enable_dark_mode");
    expect(best(classify(c, "blinding")!, c.ids)).toBe("display.decrease_brightness");
  });

  it("scores a row with four running sums and keeps the tail past a multiple of 4", () => {
    const w = Float64Array.from({ length: 20 }, (_, i) => (i % 7) - 3.5);
    const h = Float64Array.from({ length: 9 }, (_, i) => 1 / (i + 1));
    for (const n of [0, 1, 4, 7, 9]) {
      let naive = 0;
      for (let j = 0; j < n; j++) naive += w[5 + j]! * h[j]!;
      expect(rowDot(w, 5, h, n)).toBeCloseTo(naive, 12);
    }
  });

  it("scores ln(T·p): they sum to a proper distribution, above 0 where it favours a tool", () => {
    const c = trainPhraseClassifier(TOOLS, terms, { epochs: 40 });
    const s = classify(c, "muffled underwater speaker")!;
    const p = Array.from(s, (v) => Math.exp(v) / TOOLS.length);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(s[c.ids.indexOf("sound.clean_speaker")]).toBeGreaterThan(0);
    expect(s[c.ids.indexOf("network.turn_on_wifi")]).toBeLessThan(0);
  });

  it("knows nothing of words it never saw, and says so", () => {
    const c = trainPhraseClassifier(TOOLS, terms);
    expect(classify(c, "zebra xylophone")).toBeNull();
  });

  it("trains the same model in slices, and lets other work run between them", async () => {
    const options = { seed: 3, epochs: 400 };
    const whole = classify(trainPhraseClassifier(TOOLS, terms, options), "screen too dark")!;
    // Count the turns of the event loop while the sliced training runs: another request's work.
    let turns = 0;
    let training = true;
    const tick = (): void => {
      if (!training) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const progress: number[] = [];
    const sliced = await trainPhraseClassifierInSlices(TOOLS, terms, options, { sliceMs: 0, onProgress: (f) => progress.push(f) });
    training = false;
    expect(Array.from(classify(sliced, "screen too dark")!)).toEqual(Array.from(whole));
    expect(turns).toBeGreaterThan(1);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= progress[i - 1]!))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it("stops a sliced training when its signal aborts: the promise rejects and no progress follows", async () => {
    const abort = new AbortController();
    const progress: number[] = [];
    const training = trainPhraseClassifierInSlices(TOOLS, terms, { epochs: 400 }, {
      sliceMs: 0,
      signal: abort.signal,
      onProgress: (f) => {
        progress.push(f);
        if (progress.length === 3) abort.abort();
      },
    });
    await expect(training).rejects.toMatchObject({ name: "AbortError" });
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toBeLessThan(1);
  });

  it("trains the same model for the same seed, and another for another seed", () => {
    const a = classify(trainPhraseClassifier(TOOLS, terms, { seed: 7 }), "screen too dark")!;
    const b = classify(trainPhraseClassifier(TOOLS, terms, { seed: 7 }), "screen too dark")!;
    const other = classify(trainPhraseClassifier(TOOLS, terms, { seed: 8 }), "screen too dark")!;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(other)).not.toEqual(Array.from(a));
  });
});

describe("the utterance stage's classifier part", () => {
  it("is reported per tool and switched off per search, leaving the other parts as they were", () => {
    const r = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 40 } });
    const q = buildRetrievalQuery({ userQuery: "grandad is squinting, the screen is too dark", assistantResponse: "I can make it brighter." });
    const on = r.searchSync(q, 5);
    const off = r.searchSync(q, 5, { classifier: false });
    expect(on[0]?.id).toBe("display.increase_brightness");
    expect(on[0]!.parts.classifier).toBeGreaterThan(0);
    expect(off.every((h) => h.parts.classifier === 0)).toBe(true);
    const byId = new Map(off.map((h) => [h.id, h]));
    for (const h of on) {
      const o = byId.get(h.id);
      if (!o) continue;
      expect(h.parts.utterance).toBe(o.parts.utterance);
      expect(h.score - h.parts.classifier).toBeCloseTo(o.score, 10);
    }
  });

  it("lowers a tool that matched only on words that do not tell it apart", () => {
    const r = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 40 } });
    // "turn on" is shared by many phrases; the speaker words say clean speaker.
    const hits = r.searchSync(queryFromText("turn on the thing, the speaker sounds muffled"), 5);
    expect(hits[0]?.id).toBe("sound.clean_speaker");
    const wifi = hits.find((h) => h.id === "network.turn_on_wifi");
    expect(wifi, "wifi matched 'turn on'").toBeDefined();
    expect(wifi!.parts.classifier).toBeLessThan(0);
  });

  it("retrains when the catalog changes: a tool's new phrase is learned", () => {
    const r = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 40 } });
    const q = queryFromText("the cabin crew said phones off");
    expect(r.searchSync(q, 5).some((h) => h.id === "network.turn_on_airplane_mode")).toBe(false);
    r.upsert(tool("network.turn_on_airplane_mode", "Turn on airplane mode", ["airplane mode on", "flight mode"], ["the cabin crew just asked us to switch off"]));
    const hits = r.searchSync(q, 5);
    expect(hits[0]?.id).toBe("network.turn_on_airplane_mode");
    expect(hits[0]!.parts.classifier).toBeGreaterThan(0);
  });

  it("in the background, serves the previous model after an edit and swaps the new one in when trained", async () => {
    const r = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 40, seed: 11 }, classifierBackground: true });
    // No model yet: the first index serves without the classifier part while it trains.
    expect(r.classifierStatus().state).toBe("stale");
    const q = queryFromText("the cabin crew said the speaker sounds muffled");
    expect(r.searchSync(q, 5).every((h) => h.parts.classifier === 0)).toBe(true);
    expect(r.classifierStatus()).toMatchObject({ state: "training", tools: 0 });
    await r.classifierReady();
    expect(r.classifierStatus()).toMatchObject({ state: "ready", progress: 1, tools: TOOLS.length });
    const first = r.classifier!;
    const clean = (): number => r.searchSync(q, 5).find((h) => h.id === "sound.clean_speaker")!.parts.classifier;
    const before = clean();
    expect(before).toBeGreaterThan(0);

    r.upsert(tool("network.turn_on_airplane_mode", "Turn on airplane mode", ["airplane mode on", "flight mode"], ["the cabin crew just asked us to switch off"]));
    expect(r.classifierStatus().state).toBe("stale");
    // The search right after the edit does not wait for a training: the old model answers,
    // and the new tool, which it does not know, gets 0 from it.
    const during = r.searchSync(q, 5);
    expect(r.classifierStatus()).toMatchObject({ state: "training", tools: TOOLS.length });
    expect(r.classifier).toBe(first);
    expect(during.find((h) => h.id === "network.turn_on_airplane_mode")?.parts.classifier).toBe(0);
    expect(clean()).toBe(before);

    await r.classifierReady();
    expect(r.classifierStatus()).toMatchObject({ state: "ready", tools: TOOLS.length + 1 });
    expect(r.classifier).not.toBe(first);
    expect(r.classifierStatus().trainingMs).toBeGreaterThan(0);
    const crew = r.searchSync(queryFromText("the cabin crew asked us to switch off"), 5);
    expect(crew[0]?.id).toBe("network.turn_on_airplane_mode");
    expect(crew[0]!.parts.classifier).toBeGreaterThan(0);
  });

  it("in the background, a second edit during a training makes the newer catalog's model the one served", async () => {
    const r = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 40, seed: 12 }, classifierBackground: true });
    await r.classifierReady();
    r.upsert(tool("network.turn_on_airplane_mode", "Turn on airplane mode", ["airplane mode on"], ["the cabin crew said switch off"]));
    r.searchSync(queryFromText("flight"), 1); // starts a training for catalog + airplane mode
    r.upsert(tool("media.play_radio", "Play the radio", ["put on a radio station"], ["I want to hear the local station in the kitchen"]));
    await r.classifierReady();
    expect([...r.classifier!.ids].sort()).toEqual([...TOOLS.map((t) => t.id), "media.play_radio", "network.turn_on_airplane_mode"].sort());
    expect(r.classifierStatus().state).toBe("ready");
  });

  it("in the background, a burst of edits ends with the last catalog's model, and classifierReady waits for it", async () => {
    const r = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 200, seed: 14 }, classifierBackground: true });
    await r.classifierReady();
    r.upsert(tool("network.turn_on_airplane_mode", "Turn on airplane mode", ["airplane mode on"], ["the cabin crew said switch off"]));
    const ready = r.classifierReady(); // asked before the next edit
    r.upsert(tool("media.play_radio", "Play the radio", ["put on a radio station"], ["I want to hear the local station in the kitchen"]));
    r.searchSync(queryFromText("radio"), 1); // the training for the first edit is superseded
    await ready;
    expect(r.classifierStatus().state).toBe("ready");
    expect(r.classifier!.ids).toContain("media.play_radio");
    expect(r.searchSync(queryFromText("the local station in the kitchen"), 1)[0]!.parts.classifier).toBeGreaterThan(0);
  });

  it("with its own synonym table, keeps its model when only the click pairs change (no retraining)", async () => {
    const r = createUtteranceRetriever(TOOLS, { synonyms: false, classifierTraining: { epochs: 40, seed: 13 }, classifierBackground: true });
    await r.classifierReady();
    const model = r.classifier;
    expect(model).not.toBeNull();
    r.setClickPairs([{ dialogue: { userQuery: "water in the speaker" }, toolId: "sound.clean_speaker" }]);
    r.searchSync(queryFromText("speaker"), 1);
    expect(r.classifierStatus().state).toBe("ready");
    expect(r.classifier).toBe(model);
  });

  it("uses a given trained classifier instead of training one; tools it does not know get 0", () => {
    const before = createUtteranceRetriever(TOOLS, { classifierTraining: { epochs: 40 } });
    const model = before.classifier!;
    const extra = tool("network.turn_on_airplane_mode", "Turn on airplane mode", ["airplane mode on"], ["the cabin crew said switch off"]);
    const after = createUtteranceRetriever([...TOOLS, extra], { classifierModel: model });
    expect(after.classifier).toBe(model);
    const q = queryFromText("the cabin crew said the speaker sounds muffled");
    const hits = after.searchSync(q, 5);
    expect(hits.find((h) => h.id === "network.turn_on_airplane_mode")?.parts.classifier).toBe(0);
    // Tools the model knows score as they did before the edit.
    const was = new Map(before.searchSync(q, 5).map((h) => [h.id, h.parts.classifier]));
    const clean = hits.find((h) => h.id === "sound.clean_speaker")!;
    expect(clean.parts.classifier).toBe(was.get("sound.clean_speaker"));
  });
});

// The embedded default's utterance stage (src/utterance.ts): behaviour a curator or user would
// notice, on small hand-written tools (no files).
import { describe, expect, it } from "vitest";
import { createUtteranceRetriever } from "../src/utterance.js";
import { buildRetrievalQuery, queryFromText } from "../src/query.js";
import type { ToolDocument } from "../src/types.js";

const tool = (id: string, name: string, utterances: string[], extra: Partial<ToolDocument> = {}): ToolDocument => ({
  id,
  name,
  description: extra.description ?? name,
  canonicalQuery: name,
  utterances,
  categoryId: id.split(".")[0] ?? "x",
  situations: extra.situations ?? [],
  invocationCount: extra.invocationCount ?? 100,
});

const TOOLS: ToolDocument[] = [
  tool("sound.clean_speaker", "Clean speaker", ["eject water from the speaker", "I dropped my phone in the pool and now it sounds muffled"], {
    situations: ["got soaked in the rain and the phone sounds underwater"],
  }),
  // Many weak hits: the words of the query spread over several utterances.
  tool("sound.test_speaker", "Test speaker", ["test the phone speaker", "does my sound work", "play a test tone", "check the speaker and the pool of sounds"]),
  tool("battery.power_off", "Power off", ["turn off the phone", "switch the phone off", "shut down"], { invocationCount: 5000 }),
  tool("battery.charging_sounds", "Charging sounds", ["turn off charging sounds", "stop the beep when charging"]),
  tool("apps.open_settings", "Open settings", ["open settings", "phone settings", "take me to settings"], { invocationCount: 50000 }),
  tool("network.turn_on_wifi", "Turn on Wi-Fi", ["turn on wifi", "connect to wifi"], { invocationCount: 50000 }),
  tool("network.turn_off_wifi_scanning", "Turn off Wi-Fi scanning", ["turn off wifi scanning", "stop wifi scanning"], { invocationCount: 313 }),
];

describe("utterance stage", () => {
  it("one close paraphrase beats many weak word hits spread over a tool's utterances", () => {
    const r = createUtteranceRetriever(TOOLS, { prior: false });
    const hits = r.searchSync(queryFromText("my phone fell in the pool and sounds muffled now"), 3);
    expect(hits[0]?.id).toBe("sound.clean_speaker");
  });

  it("situations are matched like utterances", () => {
    const r = createUtteranceRetriever(TOOLS);
    expect(r.searchSync(queryFromText("I got soaked and it sounds underwater"), 1)[0]?.id).toBe("sound.clean_speaker");
    const noSituations = createUtteranceRetriever(TOOLS, { unitWeights: { situation: 0 } });
    expect(noSituations.searchSync(queryFromText("I got soaked and it sounds underwater"), 1)[0]?.id).not.toBe("sound.clean_speaker");
  });

  it("a misleading assistant response with generic words does not push the need out of the top 3", () => {
    const dialogue = {
      userQuery: "water got in and the speaker sounds muffled",
      assistantResponse: "Turn the phone off and let it dry before you switch the phone on.",
    };
    const rank = (r: ReturnType<typeof createUtteranceRetriever>) =>
      r.searchSync(buildRetrievalQuery(dialogue), 10).findIndex((h) => h.id === "sound.clean_speaker") + 1;
    const weighted = rank(createUtteranceRetriever(TOOLS));
    expect(weighted).toBeGreaterThan(0);
    expect(weighted).toBeLessThanOrEqual(3);
    // Without the discrimination weights the generic words pull harder.
    const flat = rank(createUtteranceRetriever(TOOLS, { discrimination: 0 }));
    expect(flat === 0 || flat >= weighted).toBe(true);
  });

  it("context terms are weighted by how much they discriminate (rare words count more than 'off' or 'phone')", () => {
    // Direction pairs ("off~phone") are specific, not generic words: off here, to isolate δ.
    const r = createUtteranceRetriever(TOOLS, { prior: false, particleWeight: 0 });
    const generic = r.searchSync(buildRetrievalQuery({ userQuery: "help", assistantResponse: "turn off phone" }), 10);
    const rare = r.searchSync(buildRetrievalQuery({ userQuery: "help", assistantResponse: "muffled underwater" }), 10);
    const maxGeneric = Math.max(0, ...generic.map((h) => h.parts.context));
    const maxRare = Math.max(0, ...rare.map((h) => h.parts.context));
    expect(maxRare).toBeGreaterThan(maxGeneric);
  });

  it("numbers in the assistant response do not pull in tools ('5 minutes' reported back is not a timer request)", () => {
    const tools = [
      ...TOOLS,
      tool("clock.set_timer", "Set timer", ["set a timer for 5 minutes", "timer 10 minutes"]),
      tool("display.set_brightness", "Set brightness", ["set brightness to 30 percent"]),
    ];
    const dialogue = { userQuery: "is my wifi scanning on", assistantResponse: "Checked 5 minutes ago: 30 networks nearby." };
    const ids = (r: ReturnType<typeof createUtteranceRetriever>) => r.searchSync(buildRetrievalQuery(dialogue), 10).map((h) => h.id);
    expect(ids(createUtteranceRetriever(tools))).not.toContain("display.set_brightness");
    // With numbers counted as context, "30" alone retrieves the brightness tool.
    expect(ids(createUtteranceRetriever(tools, { contextNumbers: true }))).toContain("display.set_brightness");
    // The user's own numbers still count.
    expect(createUtteranceRetriever(tools).searchSync(queryFromText("30 percent"), 1)[0]?.id).toBe("display.set_brightness");
  });

  it("η scales context evidence for tools the user query did not match", () => {
    const dialogue = { userQuery: "wifi", assistantResponse: "it sounds muffled underwater" };
    const contextOnly = (eta: number) =>
      createUtteranceRetriever(TOOLS, { contextOnlyFactor: eta }).searchSync(buildRetrievalQuery(dialogue), 10).find((h) => h.id === "sound.clean_speaker");
    const full = contextOnly(1)!;
    const half = contextOnly(0.5)!;
    expect(full.parts.utterance).toBe(0);
    expect(half.parts.context).toBeCloseTo(full.parts.context / 2, 10);
    // A tool the query matched keeps its whole context evidence.
    const matched = (eta: number) =>
      createUtteranceRetriever(TOOLS, { contextOnlyFactor: eta })
        .searchSync(buildRetrievalQuery({ userQuery: "wifi", assistantResponse: "turn on scanning" }), 10)
        .find((h) => h.id === "network.turn_off_wifi_scanning")!.parts.context;
    expect(matched(0.5)).toBe(matched(1));
  });

  it("the frequency prior orders tools that match about equally, and never retrieves on its own", () => {
    const r = createUtteranceRetriever(TOOLS);
    const hits = r.searchSync(queryFromText("wifi"), 2);
    expect(hits.map((h) => h.id)).toEqual(["network.turn_on_wifi", "network.turn_off_wifi_scanning"]);
    expect(hits[0]!.parts.prior).toBeGreaterThan(hits[1]!.parts.prior);
    expect(r.searchSync(queryFromText("zebra xylophone"), 5)).toEqual([]);
    const noPrior = r.searchSync(queryFromText("wifi"), 2, { prior: false });
    expect(noPrior.every((h) => h.parts.prior === 0)).toBe(true);
  });

  it("click pairs add evidence for the clicked tool, and can be switched off per search", () => {
    const r = createUtteranceRetriever(TOOLS);
    const q = queryFromText("the grandkids are visiting tonight");
    expect(r.searchSync(q, 5).map((h) => h.id)).not.toContain("apps.open_settings");
    r.setClickPairs([{ dialogue: { userQuery: "grandkids visiting tonight, sort out the phone" }, toolId: "apps.open_settings", count: 3 }]);
    expect(r.clickPairs).toBe(1);
    const withClicks = r.searchSync(q, 5);
    const hit = withClicks.find((h) => h.id === "apps.open_settings");
    expect(hit?.parts.clicks).toBeGreaterThan(0);
    expect(r.searchSync(q, 5, { clicks: false }).map((h) => h.id)).not.toContain("apps.open_settings");
  });

  it("follows edits: upsert re-indexes a tool's text, remove drops it", () => {
    const r = createUtteranceRetriever(TOOLS);
    expect(r.searchSync(queryFromText("kaleidoscope"), 1)).toEqual([]);
    r.upsert({ ...TOOLS[0]!, utterances: [...TOOLS[0]!.utterances, "kaleidoscope noises from the speaker"] });
    expect(r.searchSync(queryFromText("kaleidoscope"), 1)[0]?.id).toBe("sound.clean_speaker");
    expect(r.remove("sound.clean_speaker")).toBe(true);
    expect(r.searchSync(queryFromText("kaleidoscope"), 1)).toEqual([]);
    expect(r.size).toBe(TOOLS.length - 1);
  });

  it("after many edits ranks and scores as a retriever built afresh from the same tools", () => {
    const r = createUtteranceRetriever(TOOLS, { classifier: false });
    const queries = ["kaleidoscope noises from the speaker", "turn the wifi off", "screen too dark at night", "zanzibar"].map((t) => queryFromText(t));
    const [first, second] = TOOLS as [ToolDocument, ToolDocument];
    // A phrase of 2,000 new words comes and goes: its terms are no longer used by any text.
    const noise = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}q`).join(" ");
    r.upsert({ ...first, utterances: [...first.utterances, noise] });
    r.searchSync(queries[0]!, 5);
    r.upsert({ ...first, utterances: [...first.utterances, "kaleidoscope noises from the speaker"] });
    r.searchSync(queries[0]!, 5);
    r.remove(second.id);
    r.searchSync(queries[1]!, 5);
    r.upsert({ ...second, situations: ["holiday in zanzibar without roaming"] });
    const now = [{ ...first, utterances: [...first.utterances, "kaleidoscope noises from the speaker"] }, ...TOOLS.slice(2), { ...second, situations: ["holiday in zanzibar without roaming"] }];
    const fresh = createUtteranceRetriever(now, { classifier: false });
    for (const q of queries) expect(r.searchSync(q, 10)).toEqual(fresh.searchSync(q, 10));
    expect(r.searchSync(queries[3]!, 1)[0]?.id).toBe(second.id);
  });

  it("reports the query words each tool matched", () => {
    const r = createUtteranceRetriever(TOOLS);
    const [hit] = r.searchSync(queryFromText("Turn on Wi-Fi"), 1);
    expect(hit?.matchedTerms).toEqual(expect.arrayContaining(["wi fi", "on"]));
  });

  it("direction pairs tell 'turn on' from 'turn off' whatever the word order", () => {
    const tools = [
      tool("network.turn_on_mobile_data", "Turn on mobile data", ["switch mobile data on", "enable cellular data"]),
      tool("network.turn_off_mobile_data", "Turn off mobile data", ["switch mobile data off", "disable cellular data"]),
    ];
    const r = createUtteranceRetriever(tools, { prior: false });
    const ask = (userQuery: string, assistantResponse?: string) => r.searchSync(buildRetrievalQuery({ userQuery, assistantResponse }), 2)[0]?.id;
    // Both direction words appear; only their pairing says which one the data goes with.
    expect(ask("keep mobile data off, turn on wifi")).toBe("network.turn_off_mobile_data");
    expect(ask("keep wifi off, turn on mobile data")).toBe("network.turn_on_mobile_data");
    expect(ask("stop using my data", "Mobile data is off now.")).toBe("network.turn_off_mobile_data");
    expect(ask("I need data back", "Mobile data is on.")).toBe("network.turn_on_mobile_data");
  });

  it("spelling variants and everyday synonyms meet ('torch' finds the flashlight, 'mum' finds 'Mom')", () => {
    const tools = [
      tool("camera.turn_on_flashlight", "Turn on flashlight", ["flashlight on", "I need some light"]),
      tool("communication.make_call", "Call a contact", ["call Mom", "ring my sister"]),
      tool("display.set_font", "Change font", ["bigger letters", "change the font"]),
    ];
    const r = createUtteranceRetriever(tools, { prior: false });
    expect(r.searchSync(queryFromText("torch please"), 1)[0]?.id).toBe("camera.turn_on_flashlight");
    expect(r.searchSync(queryFromText("call my mum"), 1)[0]?.id).toBe("communication.make_call");
  });
});

// Term analysis (src/text-analysis.ts): what the utterance stage indexes and looks up (terms are
// stemmed: "mobile" -> "mobil").
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../src/text-analysis.js";

const pairs = (text: string) => createAnalyzer({ particlePairs: true })(text).filter((t) => t.term.includes("~")).map((t) => t.term);

describe("text analysis", () => {
  it("direction pairs join a direction word with its neighbours in either order", () => {
    expect(pairs("turn off mobile data")).toEqual(expect.arrayContaining(["off~turn", "off~mobil", "off~data"]));
    expect(pairs("mobile data is off")).toEqual(expect.arrayContaining(["off~mobil", "off~data"]));
    expect(pairs("please disable bluetooth")).toContain("off~bluetooth");
  });

  it("'on' pairs as a particle (after a phrasal verb, or ending the line) but not as a preposition", () => {
    expect(pairs("turn on wifi")).toContain("on~wifi");
    expect(pairs("airplane mode is on")).toEqual(["on~airplan", "on~mod"]);
    expect(pairs("it gets hot sitting on the charger overnight")).toEqual([]);
    expect(pairs("what I'm doing on my phone")).toEqual([]);
  });

  it("spelling variants and synonyms map to one term, unless switched off", () => {
    const terms = (text: string, synonyms?: false) => createAnalyzer({ compounds: false, ...(synonyms === false ? { synonyms } : {}) })(text).map((t) => t.term);
    expect(terms("colour torch mum")).toEqual(terms("color flashlight mom"));
    expect(terms("colour", false)).not.toEqual(terms("color", false));
  });
});

// The Retrieval page's A/B stage configurations in the URL (?a=…&b=…): a list of what is on,
// nothing for the default; links written before the classifier existed still open.
import { describe, expect, it } from "vitest";
import type { StageConfig } from "../src/components/retrieval/queries";
import { decodeStages, DEFAULT_A, DEFAULT_B, encodeStages } from "../src/components/retrieval/stagesParam";

const ALL_OFF: StageConfig = { lexical: false, dense: false, rerank: false, context: false, prior: false, clicks: false, classifier: false };

describe("stage configurations in the URL", () => {
  it("writes nothing for the default and reads nothing as the default, classifier on", () => {
    expect(encodeStages(DEFAULT_A)(DEFAULT_A)).toBeNull();
    expect(encodeStages(DEFAULT_B)(DEFAULT_B)).toBeNull();
    expect(decodeStages(DEFAULT_A)(null)).toEqual(DEFAULT_A);
    expect(decodeStages(DEFAULT_B)(null).classifier).toBe(true);
  });

  it("writes the classifier like the other parts, and reads back what it wrote", () => {
    const noClassifier = { ...DEFAULT_B, classifier: false };
    expect(encodeStages(DEFAULT_B)(noClassifier)).toBe("lexical,context,prior,clicks");
    expect(decodeStages(DEFAULT_B)("lexical,context,prior,clicks")).toEqual(noClassifier);
    const withDense = { ...DEFAULT_B, dense: true };
    expect(encodeStages(DEFAULT_B)(withDense)).toBe("lexical,dense,context,prior,clicks,classifier");
    for (const c of [noClassifier, withDense, { ...DEFAULT_A, context: false }, { ...DEFAULT_A, classifier: false }]) {
      for (const fallback of [DEFAULT_A, DEFAULT_B]) {
        const raw = encodeStages(fallback)(c);
        expect(raw === null ? fallback : decodeStages(fallback)(raw)).toEqual(c);
      }
    }
    expect(encodeStages(DEFAULT_A)(ALL_OFF)).toBe("none");
    expect(decodeStages(DEFAULT_A)("none")).toEqual(ALL_OFF);
  });

  it("reads a link written before the classifier as the configuration it listed (classifier off)", () => {
    // B with dense added, as the page wrote it before the classifier existed.
    expect(decodeStages(DEFAULT_B)("lexical,dense,context,prior,clicks")).toEqual({
      lexical: true, dense: true, rerank: false, context: true, prior: true, clicks: true, classifier: false,
    });
    // Unknown names (a part since removed, a typo) are ignored.
    expect(decodeStages(DEFAULT_A)("lexical,bogus")).toEqual({ ...ALL_OFF, lexical: true });
  });
});

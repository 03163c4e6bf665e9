// The A and B stage configurations as URL parameters (./urlState.ts), kept free of the app's
// imports so that apps/console/test can check them.
//
// A configuration is the list of the stages and parts that are on ("lexical,context,prior"),
// "none" for none, and no parameter at all for the column's default. A part missing from the
// list is off, so a link written before a part existed (the classifier) opens with that part
// off: the configuration it described, which did not have it.

import type { StageConfig, StageKey } from "./queries";

const STAGES = ["lexical", "dense", "rerank", "context", "prior", "clicks", "classifier"] as const satisfies readonly StageKey[];
export const DEFAULT_A: StageConfig = { lexical: true, dense: true, rerank: true, context: true, prior: true, clicks: true, classifier: true };
export const DEFAULT_B: StageConfig = { lexical: true, dense: false, rerank: false, context: true, prior: true, clicks: true, classifier: true };

export const decodeStages = (fallback: StageConfig) => (raw: string | null): StageConfig => {
  if (raw === null) return fallback;
  const on = new Set(raw.split(","));
  return {
    lexical: on.has("lexical"),
    dense: on.has("dense"),
    rerank: on.has("rerank"),
    context: on.has("context"),
    prior: on.has("prior"),
    clicks: on.has("clicks"),
    classifier: on.has("classifier"),
  };
};

export const encodeStages = (fallback: StageConfig) => (c: StageConfig): string | null => {
  const same = STAGES.every((s) => c[s] === fallback[s]);
  return same ? null : STAGES.filter((s) => c[s]).join(",") || "none";
};

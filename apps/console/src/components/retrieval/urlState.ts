"use client";

// The Retrieval page's inputs in the URL: the dialogue (one JSON parameter, so an empty query
// and earlier turns survive), top N, the A and B stage configurations and whether B is shown.
// A link reproduces the comparison; Back steps through earlier dialogues.

import { useUrlParamState, useUrlState } from "@/lib/urlState";
import { decodeDialogueParam, encodeDialogueParam } from "@/components/dialogue/dialogue";
import { SAMPLE_DIALOGUES, type DialogueValue, type StageConfig } from "./queries";

const FIRST_EXAMPLE = SAMPLE_DIALOGUES[0]!.dialogue;
const STAGES = ["lexical", "dense", "rerank", "context", "prior", "clicks"] as const;
export const DEFAULT_A: StageConfig = { lexical: true, dense: true, rerank: true, context: true, prior: true, clicks: true };
export const DEFAULT_B: StageConfig = { lexical: true, dense: false, rerank: false, context: true, prior: true, clicks: true };
export const TOP_N_CHOICES = [5, 10, 20];

const decodeDialogue = (raw: string | null) => decodeDialogueParam(raw, FIRST_EXAMPLE);
const encodeDialogue = (d: DialogueValue) => encodeDialogueParam(d, FIRST_EXAMPLE);

const decodeStages = (fallback: StageConfig) => (raw: string | null): StageConfig => {
  if (raw === null) return fallback;
  const on = new Set(raw.split(","));
  return { lexical: on.has("lexical"), dense: on.has("dense"), rerank: on.has("rerank"), context: on.has("context"), prior: on.has("prior"), clicks: on.has("clicks") };
};
const encodeStages = (fallback: StageConfig) => (c: StageConfig): string | null => {
  const same = STAGES.every((s) => c[s] === fallback[s]);
  return same ? null : STAGES.filter((s) => c[s]).join(",") || "none";
};

export function useRetrievalUrlState() {
  const url = useUrlState();
  const [dialogue, setDialogue] = useUrlParamState(url, "dialogue", decodeDialogue, encodeDialogue, 350);
  const [topN, setTopN] = useUrlParamState(url, "top", (raw) => TOP_N_CHOICES.find((n) => String(n) === raw) ?? 5, (n) => (n === 5 ? null : String(n)), 0);
  const [configA, setConfigA] = useUrlParamState(url, "a", decodeStages(DEFAULT_A), encodeStages(DEFAULT_A), 0);
  const [configB, setConfigB] = useUrlParamState(url, "b", decodeStages(DEFAULT_B), encodeStages(DEFAULT_B), 0);
  // null: not chosen, so the page decides (no B when this API has only BM25).
  const [compare, setCompare] = useUrlParamState<boolean | null>(url, "compare", (raw) => (raw === "1" ? true : raw === "0" ? false : null), (v) => (v === null ? null : v ? "1" : "0"), 0);
  return { dialogue, setDialogue, topN, setTopN, configA, setConfigA, configB, setConfigB, compare, setCompare };
}

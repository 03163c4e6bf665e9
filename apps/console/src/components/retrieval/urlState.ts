"use client";

// The Retrieval page's inputs in the URL: the dialogue (one JSON parameter, so an empty query
// and earlier turns survive), top N, the A and B stage configurations and whether B is shown.
// A link reproduces the comparison; Back steps through earlier dialogues.
// The stage configurations' encoding is in ./stagesParam.ts.

import { useUrlParamState, useUrlState } from "@/lib/urlState";
import { decodeDialogueParam, encodeDialogueParam } from "@/components/dialogue/dialogue";
import { SAMPLE_DIALOGUES, type DialogueValue } from "./queries";
import { decodeStages, DEFAULT_A, DEFAULT_B, encodeStages } from "./stagesParam";

const FIRST_EXAMPLE = SAMPLE_DIALOGUES[0]!.dialogue;
export { DEFAULT_A, DEFAULT_B };
export const TOP_N_CHOICES = [5, 10, 20];

const decodeDialogue = (raw: string | null) => decodeDialogueParam(raw, FIRST_EXAMPLE);
const encodeDialogue = (d: DialogueValue) => encodeDialogueParam(d, FIRST_EXAMPLE);

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

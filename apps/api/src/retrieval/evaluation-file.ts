// The latest `npm run eval:retrieval` output (.data/eval/retrieval-latest.json), which the
// console's Retrieval page shows.
import fs from "node:fs";

/** The file parsed; null when there is none; an error when it is not JSON. */
export function readEvaluationFile(evalPath: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(evalPath, "utf8");
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${evalPath} is not valid JSON: ${(e as Error).message}`);
  }
}

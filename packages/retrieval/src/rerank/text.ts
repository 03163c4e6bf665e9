import type { ToolDocument } from "../types.js";

/** The text of a tool a reranker judges: name, description and a few example requests. */
export function rerankDocumentText(doc: ToolDocument): string {
  const examples = doc.utterances.slice(0, 3).filter((u) => u.trim().length > 0);
  const head = `${doc.name}: ${doc.description}`.trim();
  return examples.length ? `${head}\nExamples: ${examples.join("; ")}` : head;
}

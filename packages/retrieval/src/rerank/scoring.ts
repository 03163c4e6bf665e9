// Pure scoring functions of the rerankers and the Qwen3-Reranker judge prompt.

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Softmax of one row of logits (numerically stable). */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * A cross-encoder's relevance in [0, 1] from one row of its logits: sigmoid of the single
 * logit (sentence-transformers CrossEncoder, num_labels 1), or p(last label) for a two-label
 * head (not relevant / relevant).
 */
export function crossEncoderScore(logits: readonly number[]): number {
  if (logits.length === 0) throw new Error("cross-encoder produced no logits");
  if (logits.length === 1) return sigmoid(logits[0]!);
  return softmax(logits)[logits.length - 1]!;
}

/** Qwen3-Reranker's score: p("yes") = softmax over the ("no", "yes") logits of the last position. */
export function yesNoProbability(yesLogit: number, noLogit: number): number {
  return sigmoid(yesLogit - noLogit);
}

/** The task line of the Qwen3-Reranker prompt used for tool reranking. */
export const DEFAULT_RERANK_INSTRUCTION =
  "Given a user's conversation with a phone assistant, judge whether the device tool described in the Document fulfils the user's latest request";

/** Qwen3-Reranker's judge prompt (as in the model card), split so the middle can be truncated. */
export const QWEN3_RERANKER_PREFIX =
  '<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the Instruct provided. Note that the answer can only be "yes" or "no".<|im_end|>\n<|im_start|>user\n';
export const QWEN3_RERANKER_SUFFIX = "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n";

/** The middle of the judge prompt: `<Instruct>: …\n<Query>: …\n<Document>: …`. */
export function qwen3RerankerBody(query: string, document: string, instruction: string = DEFAULT_RERANK_INSTRUCTION): string {
  return `<Instruct>: ${instruction}\n<Query>: ${query}\n<Document>: ${document}`;
}

/** The whole judge prompt for one (query, document) pair. */
export function qwen3RerankerPrompt(query: string, document: string, instruction?: string): string {
  return QWEN3_RERANKER_PREFIX + qwen3RerankerBody(query, document, instruction) + QWEN3_RERANKER_SUFFIX;
}

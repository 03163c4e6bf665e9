// Rerankers over local ONNX models (offline, through @huggingface/transformers):
//  - cross-encoders (*ForSequenceClassification): the (query, document) pair is one input;
//    score = sigmoid(logit), or p(relevant) for a two-label head;
//  - Qwen3-Reranker (a causal LM): the judge prompt per pair; score = p("yes") from the "yes"
//    and "no" logits of the last position.

import path from "node:path";
import type { PreTrainedTokenizer } from "@huggingface/transformers";
import type { Reranker as PipelineReranker } from "../fusion.js";
import type { RetrievalQuery, ToolDocument } from "../types.js";
import { describeModel, type ModelDtype, type ModelFamily } from "../dense/models.js";
import {
  encodeIds,
  floatData,
  InferenceQueue,
  int64Tensor,
  loadLocalModel,
  runModel,
  tokenizeBatch,
  type LoadedModel,
} from "../dense/runtime.js";
import {
  crossEncoderScore,
  DEFAULT_RERANK_INSTRUCTION,
  QWEN3_RERANKER_PREFIX,
  QWEN3_RERANKER_SUFFIX,
  qwen3RerankerBody,
  yesNoProbability,
} from "./scoring.js";
import { rerankDocumentText } from "./text.js";

export type RerankerFamily = Extract<ModelFamily, "cross-encoder" | "qwen3-reranker">;

/**
 * A model-backed reranker. It is also the pipeline's Reranker (fusion.ts): `rerank(query, docs)`
 * scores tools by their rerank text (rerankDocumentText).
 */
export interface ModelReranker extends PipelineReranker {
  /** Stage name, `rerank:<folder name>`, e.g. "rerank:Qwen3-Reranker-0.6B". */
  readonly name: string;
  readonly modelId: string;
  readonly family: RerankerFamily;
  /** Relevance in [0, 1] of each document text to the query text, in the documents' order. */
  score(query: string, documents: readonly string[]): Promise<number[]>;
  /** Relevance in [0, 1] of each tool to the query, in the tools' order. */
  rerank(query: RetrievalQuery, docs: ToolDocument[]): Promise<number[]>;
  dispose(): Promise<void>;
}

export interface RerankerOptions {
  family?: RerankerFamily;
  dtype?: ModelDtype;
  /** Qwen3-Reranker task line; default DEFAULT_RERANK_INSTRUCTION. */
  instruction?: string;
  /** Tokens per (query, document) input; default 512. */
  maxLength?: number;
  /** Pairs per forward pass; default 16 for cross-encoders, 2 for Qwen3-Reranker (its logits span the vocabulary). */
  batchSize?: number;
  modelId?: string;
}

/** Loads a reranker folder (offline): a cross-encoder or a Qwen3-Reranker, as its config says. */
export async function createReranker(modelDir: string, options: RerankerOptions = {}): Promise<ModelReranker> {
  const info = await describeModel(path.resolve(modelDir), { family: options.family, id: options.modelId });
  if (info.family === "cross-encoder") {
    return crossEncoder(await loadLocalModel(modelDir, "sequence-classification", options), options);
  }
  if (info.family === "qwen3-reranker") {
    return qwen3Reranker(await loadLocalModel(modelDir, "causal-lm", options), options);
  }
  throw new Error(
    `${info.id} is a ${info.family} model, not a reranker (a cross-encoder has a *ForSequenceClassification architecture; ` +
      `a Qwen3-Reranker folder has "Reranker" in its name or "family": "qwen3-reranker" in toolrec.json)`,
  );
}

function batchedScore(
  queue: InferenceQueue,
  batchSize: number,
  forward: (query: string, docs: string[]) => Promise<number[]>,
): (query: string, documents: readonly string[]) => Promise<number[]> {
  return async (query, documents) => {
    const out: number[] = [];
    for (let i = 0; i < documents.length; i += batchSize) {
      const batch = documents.slice(i, i + batchSize);
      out.push(...(await queue.run(() => forward(query, batch))));
    }
    return out;
  };
}

function crossEncoder(loaded: LoadedModel, options: RerankerOptions): ModelReranker {
  const { tokenizer, model } = loaded;
  const maxLength = Math.min(options.maxLength ?? 512, tokenizer.model_max_length ?? Infinity);
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const queue = new InferenceQueue();
  const forward = async (query: string, docs: string[]): Promise<number[]> => {
    const inputs = tokenizeBatch(
      tokenizer,
      docs.map(() => query),
      { text_pair: docs, max_length: maxLength },
    );
    const { logits } = await runModel(model, { ...inputs });
    if (!logits) throw new Error(`${loaded.modelId}: the model returned no logits`);
    const data = floatData(logits);
    const labels = logits.dims[1] ?? 1;
    return docs.map((_, b) => crossEncoderScore(Array.from(data.subarray(b * labels, (b + 1) * labels))));
  };
  const score = batchedScore(queue, batchSize, forward);
  return {
    modelId: loaded.modelId,
    name: `rerank:${path.basename(loaded.info.dir)}`,
    family: "cross-encoder",
    score,
    rerank: (query, docs) => score(query.text, docs.map(rerankDocumentText)),
    dispose: async () => {
      await model.dispose();
    },
  };
}

function tokenId(tokenizer: PreTrainedTokenizer, token: string): number {
  const id = tokenizer.model.tokens_to_ids.get(token);
  if (id === undefined) throw new Error(`the tokenizer has no "${token}" token; is this a Qwen3-Reranker?`);
  return id;
}

function qwen3Reranker(loaded: LoadedModel, options: RerankerOptions): ModelReranker {
  const { tokenizer, model } = loaded;
  const instruction = options.instruction ?? DEFAULT_RERANK_INSTRUCTION;
  const maxLength = options.maxLength ?? 512;
  const batchSize = Math.max(1, options.batchSize ?? 2);
  const yesId = tokenId(tokenizer, "yes");
  const noId = tokenId(tokenizer, "no");
  const padId = tokenizer.pad_token_id ?? tokenizer.eos_token_id ?? 0;
  const prefixIds = encodeIds(tokenizer, QWEN3_RERANKER_PREFIX);
  const suffixIds = encodeIds(tokenizer, QWEN3_RERANKER_SUFFIX);
  const bodyBudget = Math.max(8, maxLength - prefixIds.length - suffixIds.length);
  const queue = new InferenceQueue();

  const forward = async (query: string, docs: string[]): Promise<number[]> => {
    const sequences = docs.map((doc) => [
      ...prefixIds,
      ...encodeIds(tokenizer, qwen3RerankerBody(query, doc, instruction)).slice(0, bodyBudget),
      ...suffixIds,
    ]);
    const width = Math.max(...sequences.map((s) => s.length));
    // Left padding, as the model card does: the last position is every row's last token.
    const ids = sequences.map((s) => [...new Array<number>(width - s.length).fill(padId), ...s]);
    const mask = sequences.map((s) => [...new Array<number>(width - s.length).fill(0), ...new Array<number>(s.length).fill(1)]);
    const { logits } = await runModel(model, { input_ids: int64Tensor(ids, width), attention_mask: int64Tensor(mask, width) });
    if (!logits) throw new Error(`${loaded.modelId}: the model returned no logits`);
    const [, seq = width, vocab = 0] = logits.dims;
    const data = floatData(logits);
    return docs.map((_, b) => {
      const base = (b * seq + (seq - 1)) * vocab;
      return yesNoProbability(data[base + yesId]!, data[base + noId]!);
    });
  };

  const score = batchedScore(queue, batchSize, forward);
  return {
    modelId: loaded.modelId,
    name: `rerank:${path.basename(loaded.info.dir)}`,
    family: "qwen3-reranker",
    score,
    rerank: (query, docs) => score(query.text, docs.map(rerankDocumentText)),
    dispose: async () => {
      await model.dispose();
    },
  };
}

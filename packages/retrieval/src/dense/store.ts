// Tool embeddings stored per (model, sha256 of the embedded text), and the dense retriever.
//
// Serving never embeds the catalog: DenseRetriever.refresh(docs) embeds only documents whose
// text hash is new (looking in the persistent store first), in the background at low priority,
// and swaps the new matrix in when done; searches meanwhile use the previous vectors. Only the
// query is embedded per search; scoring is a dot product over L2-normalised vectors (cosine),
// brute force over a Float32Array matrix (fine for a few thousand tools).

import { createHash } from "node:crypto";
import type { Retriever, RetrievalQuery, StageHit, ToolDocument } from "../types.js";
import type { Embedder } from "./embedder.js";

/** sha256 of a text, hex. */
export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface EmbeddingKey {
  modelId: string;
  /** sha256 hex of the embedded text (textHash). */
  textHash: string;
}

export interface StoredEmbedding extends EmbeddingKey {
  vector: Float32Array;
}

/** `${modelId}:${textHash}`; unambiguous because a hash is 64 hex characters. */
export function embeddingKey(key: EmbeddingKey): string {
  return `${key.modelId}:${key.textHash}`;
}

/**
 * Where embeddings persist. get returns the vectors it has, keyed by embeddingKey(key); absent
 * keys are simply missing from the map. The in-memory store is below; a database-backed one
 * implements the same two methods (e.g. a table keyed by model_id, text_hash with the vector
 * as float4[] or bytea).
 */
export interface EmbeddingStore {
  get(keys: readonly EmbeddingKey[]): Promise<Map<string, Float32Array>>;
  put(entries: readonly StoredEmbedding[]): Promise<void>;
}

export class MemoryEmbeddingStore implements EmbeddingStore {
  private readonly map = new Map<string, Float32Array>();

  async get(keys: readonly EmbeddingKey[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const k of keys) {
      const key = embeddingKey(k);
      const v = this.map.get(key);
      if (v) out.set(key, v);
    }
    return out;
  }

  async put(entries: readonly StoredEmbedding[]): Promise<void> {
    for (const e of entries) this.map.set(embeddingKey(e), Float32Array.from(e.vector));
  }

  get size(): number {
    return this.map.size;
  }
}

/** The text of a tool that the dense stage embeds: name, description, canonical query, utterances. */
export function denseDocumentText(doc: ToolDocument): string {
  const lines = [doc.name, doc.description, doc.canonicalQuery, ...doc.utterances]
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return [...new Set(lines)].join("\n");
}

export interface DenseRetrieverOptions {
  embedder: Embedder;
  /** Default a new MemoryEmbeddingStore. */
  store?: EmbeddingStore;
  /** Default denseDocumentText. */
  documentText?: (doc: ToolDocument) => string;
  /** Default `dense:${embedder.name}`. */
  name?: string;
  /** Documents embedded per background batch; default 8 (a query waits at most one batch). */
  batchSize?: number;
  /** Where failures of background refreshes started by upsert/remove go; default console.warn. */
  onError?: (error: unknown) => void;
}

export interface RefreshStats {
  /** Documents in the index after this refresh. */
  total: number;
  /** Same text as already indexed: nothing done. */
  unchanged: number;
  /** Vectors found in the store. */
  fromStore: number;
  /** Texts embedded by the model. */
  embedded: number;
  /** Documents dropped from the index. */
  removed: number;
  /** True when a later refresh superseded this one before it finished. */
  superseded: boolean;
}

interface Entry {
  hash: string;
  vector: Float32Array;
}

interface Index {
  ids: string[];
  matrix: Float32Array;
  dim: number;
}

function buildIndex(ids: readonly string[], entries: ReadonlyMap<string, Entry>, dim: number): Index {
  const kept = ids.filter((id) => entries.has(id));
  const matrix = new Float32Array(kept.length * dim);
  kept.forEach((id, i) => matrix.set(entries.get(id)!.vector, i * dim));
  return { ids: kept, matrix, dim };
}

/** Dot products of a query vector with every row, then the topK rows, best first (ties by id). */
export function topKByDot(matrix: Float32Array, ids: readonly string[], dim: number, query: Float32Array, topK: number): StageHit[] {
  const n = ids.length;
  const k = Math.min(Math.max(0, topK), n);
  if (k === 0) return [];
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = i * dim;
    for (let j = 0; j < dim; j++) s += matrix[base + j]! * query[j]!;
    scores[i] = s;
  }
  const better = (a: number, b: number): boolean =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && ids[a]!.localeCompare(ids[b]!) < 0);
  // Insertion into a sorted top-k list: O(n·k), fast for the small k retrieval asks for.
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    if (top.length === k && !better(i, top[k - 1]!)) continue;
    let pos = top.length === k ? k - 1 : top.length;
    if (top.length < k) top.push(i);
    while (pos > 0 && better(i, top[pos - 1]!)) {
      top[pos] = top[pos - 1]!;
      pos--;
    }
    top[pos] = i;
  }
  return top.map((i, r) => ({ id: ids[i]!, rank: r + 1, score: scores[i]! }));
}

export class DenseRetriever implements Retriever {
  readonly name: string;
  readonly embedder: Embedder;
  readonly store: EmbeddingStore;
  private readonly documentText: (doc: ToolDocument) => string;
  private readonly batchSize: number;
  /** Vectors by tool id (with the hash of the text they embed). */
  private entries = new Map<string, Entry>();
  private index: Index;
  private readonly onError: (error: unknown) => void;
  /** The documents of the latest refresh, by id (what upsert/remove edit). */
  private docs = new Map<string, ToolDocument>();
  private generation = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private inFlight = 0;

  constructor(options: DenseRetrieverOptions) {
    this.embedder = options.embedder;
    this.store = options.store ?? new MemoryEmbeddingStore();
    this.documentText = options.documentText ?? denseDocumentText;
    this.batchSize = Math.max(1, options.batchSize ?? 8);
    this.name = options.name ?? `dense:${options.embedder.name}`;
    this.onError = options.onError ?? ((e) => console.warn(`${this.name}: background refresh failed:`, e));
    this.index = { ids: [], matrix: new Float32Array(0), dim: options.embedder.dim };
  }

  /** Documents currently searchable. */
  get size(): number {
    return this.index.ids.length;
  }

  /** True while a refresh is running or queued. */
  get refreshing(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves when every refresh started so far has finished. */
  async idle(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /**
   * Makes the index follow `docs` (e.g. the enabled tools after an edit). Removed tools leave
   * the index at once; tools whose text changed keep their previous vector until the new one
   * is ready; new texts are looked up in the store, and only the rest are embedded, at low
   * priority, in batches. The returned promise resolves when the new vectors are in use.
   * Refreshes run one after another; one that a later call supersedes stops early.
   */
  refresh(docs: readonly ToolDocument[]): Promise<RefreshStats> {
    const generation = ++this.generation;
    this.docs = new Map(docs.map((d) => [d.id, d]));
    const items = [...this.docs.values()].map((doc) => {
      const text = this.documentText(doc);
      return { id: doc.id, text, hash: textHash(text) };
    });
    const ids = items.map((i) => i.id);
    // Immediate: drop removed tools, keep every known vector (old text included) meanwhile.
    const wanted = new Set(ids);
    const removed = [...this.entries.keys()].filter((id) => !wanted.has(id)).length;
    for (const id of [...this.entries.keys()]) if (!wanted.has(id)) this.entries.delete(id);
    this.index = buildIndex(ids, this.entries, this.embedder.dim);

    this.inFlight++;
    const run = this.chain
      .catch(() => undefined)
      .then(() => this.applyRefresh(generation, items, removed))
      .finally(() => {
        this.inFlight--;
      });
    this.chain = run;
    return run;
  }

  /**
   * Adds or replaces one tool (HybridRetriever calls this on edits): a background refresh that
   * embeds only this tool's text if it changed. Never rejects; failures go to onError.
   */
  upsert(doc: ToolDocument): Promise<RefreshStats | null> {
    const next = new Map(this.docs);
    next.set(doc.id, doc);
    return this.refresh([...next.values()]).catch((e: unknown) => (this.onError(e), null));
  }

  /** Removes one tool at once (it leaves the index before the call returns). */
  remove(id: string): boolean {
    if (!this.docs.has(id)) return false;
    const next = new Map(this.docs);
    next.delete(id);
    void this.refresh([...next.values()]).catch((e: unknown) => this.onError(e));
    return true;
  }

  /** Whether a tool is among the documents of the latest refresh (searchable once embedded). */
  has(id: string): boolean {
    return this.docs.has(id);
  }

  private async applyRefresh(
    generation: number,
    items: { id: string; text: string; hash: string }[],
    removed: number,
  ): Promise<RefreshStats> {
    const stats: RefreshStats = { total: 0, unchanged: 0, fromStore: 0, embedded: 0, removed, superseded: false };
    const modelId = this.embedder.modelId;
    const ready = new Map<string, Float32Array>(); // by text hash
    const pending = new Map<string, string>(); // hash -> text, texts to obtain
    for (const item of items) {
      const current = this.entries.get(item.id);
      if (current && current.hash === item.hash) {
        stats.unchanged++;
        ready.set(item.hash, current.vector);
      } else if (!ready.has(item.hash)) {
        pending.set(item.hash, item.text);
      }
    }
    for (const hash of ready.keys()) pending.delete(hash);

    if (pending.size > 0) {
      const keys = [...pending.keys()].map((h) => ({ modelId, textHash: h }));
      const found = await this.store.get(keys);
      for (const key of keys) {
        const v = found.get(embeddingKey(key));
        if (v && v.length === this.embedder.dim) {
          ready.set(key.textHash, v);
          pending.delete(key.textHash);
          stats.fromStore++;
        }
      }
      const todo = [...pending.entries()];
      for (let i = 0; i < todo.length; i += this.batchSize) {
        if (generation !== this.generation) {
          stats.superseded = true;
          return stats;
        }
        const batch = todo.slice(i, i + this.batchSize);
        const vectors = await this.embedder.embed(
          batch.map(([, text]) => text),
          { isQuery: false, priority: "low" },
        );
        const stored: StoredEmbedding[] = [];
        batch.forEach(([hash], j) => {
          const v = vectors[j];
          if (!v) return;
          ready.set(hash, v);
          stored.push({ modelId, textHash: hash, vector: v });
        });
        await this.store.put(stored);
        stats.embedded += stored.length;
      }
    }
    if (generation !== this.generation) {
      stats.superseded = true;
      return stats;
    }
    const next = new Map<string, Entry>();
    for (const item of items) {
      const v = ready.get(item.hash);
      if (v) next.set(item.id, { hash: item.hash, vector: v });
    }
    this.entries = next;
    this.index = buildIndex(
      items.map((i) => i.id),
      next,
      this.embedder.dim,
    );
    stats.total = this.index.ids.length;
    return stats;
  }

  /** Ranks the indexed tools by cosine similarity to an already-embedded (normalised) query. */
  searchVector(query: Float32Array, topK: number): StageHit[] {
    const { ids, matrix, dim } = this.index;
    if (query.length !== dim) throw new Error(`query vector has ${query.length} dimensions, index has ${dim}`);
    return topKByDot(matrix, ids, dim, query, topK);
  }

  async search(query: RetrievalQuery, topK: number): Promise<StageHit[]> {
    if (this.index.ids.length === 0 || topK <= 0) return [];
    const [vector] = await this.embedder.embed([query.text], { isQuery: true, priority: "high" });
    if (!vector) return [];
    return this.searchVector(vector, topK);
  }
}

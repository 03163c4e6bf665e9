// Dense tool embeddings persisted in PostgreSQL (table tool_embeddings): an EmbeddingStore for
// @toolrec/retrieval's DenseRetriever, keyed by (model id, sha256 of the embedded text). The
// vector is stored as little-endian float32 bytes (bytea), `dim` values.
//
// The interface is structural (get/put as in packages/retrieval/src/dense/store.ts), so this
// package does not depend on @toolrec/retrieval. Keys in the map `get` returns are
// `${modelId}:${textHash}` (retrieval's embeddingKey).
import type { Db } from "./client.js";

export interface DbEmbeddingKey {
  modelId: string;
  /** sha256 hex of the embedded text. */
  textHash: string;
}

export interface DbStoredEmbedding extends DbEmbeddingKey {
  vector: Float32Array;
}

/** Little-endian float32 bytes of a vector. */
export function encodeVector(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(vector.length * 4));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i] ?? 0, true);
  return bytes;
}

/** The vector of little-endian float32 bytes (a copy; `bytes` may be any view). */
export function decodeVector(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`an embedding of ${bytes.byteLength} bytes is not float32 data`);
  const n = bytes.byteLength / 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** How many keys one SELECT asks for (keeps the IN list and the bind parameters modest). */
const CHUNK = 500;

/**
 * An EmbeddingStore over tool_embeddings. `put` inserts and skips keys already stored: a key
 * is (model, hash of the exact text), so a stored vector for it is the same vector.
 */
export class PostgresEmbeddingStore {
  constructor(private readonly db: Db) {}

  async get(keys: readonly DbEmbeddingKey[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    const byModel = new Map<string, string[]>();
    for (const k of keys) {
      const list = byModel.get(k.modelId);
      if (list) list.push(k.textHash);
      else byModel.set(k.modelId, [k.textHash]);
    }
    for (const [modelId, hashes] of byModel) {
      const unique = [...new Set(hashes)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await this.db.toolEmbedding.findMany({
          where: { modelId, textHash: { in: unique.slice(i, i + CHUNK) } },
          select: { textHash: true, dim: true, vector: true },
        });
        for (const r of rows) {
          const v = decodeVector(r.vector);
          if (v.length === r.dim) out.set(`${modelId}:${r.textHash}`, v);
        }
      }
    }
    return out;
  }

  async put(entries: readonly DbStoredEmbedding[]): Promise<void> {
    const seen = new Set<string>();
    const data = [];
    for (const e of entries) {
      const key = `${e.modelId}:${e.textHash}`;
      if (seen.has(key)) continue;
      seen.add(key);
      data.push({ modelId: e.modelId, textHash: e.textHash, dim: e.vector.length, vector: encodeVector(e.vector) });
    }
    for (let i = 0; i < data.length; i += CHUNK) {
      await this.db.toolEmbedding.createMany({ data: data.slice(i, i + CHUNK), skipDuplicates: true });
    }
  }

  /** Stored vectors per model id (for status pages and tests). */
  async count(modelId?: string): Promise<number> {
    return this.db.toolEmbedding.count(modelId ? { where: { modelId } } : undefined);
  }
}

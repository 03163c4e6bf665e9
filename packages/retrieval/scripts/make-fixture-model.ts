// Writes the fixture models (see test-support/dense-fixture.ts) into the models folder:
//   npx tsx packages/retrieval/scripts/make-fixture-model.ts [--dir DIR] [--kind KIND ...] [--dim N]
// Default: all four kinds into <TOOLREC_MODELS_DIR or <repo>/.models>/fixture-<kind>.

import path from "node:path";
import { parseArgs } from "node:util";
import { writeFixtureModel, type FixtureKind } from "../test-support/dense-fixture.js";
import { resolveModelsDir } from "../src/dense/models.js";

const KINDS: FixtureKind[] = ["bert", "qwen3-embedding", "cross-encoder", "qwen3-reranker"];
// Folder names carry the family where config.json alone cannot (Qwen3 embedding vs reranker).
const FOLDER: Record<FixtureKind, string> = {
  bert: "fixture-bert",
  "qwen3-embedding": "fixture-qwen3-embedding",
  "cross-encoder": "fixture-cross-encoder",
  "qwen3-reranker": "fixture-qwen3-reranker",
};

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    kind: { type: "string", multiple: true },
    dim: { type: "string" },
  },
});
const modelsDir = path.resolve(values.dir ?? resolveModelsDir());
const kinds = (values.kind ?? KINDS) as FixtureKind[];
for (const kind of kinds) {
  if (!KINDS.includes(kind)) throw new Error(`unknown kind ${kind}; one of ${KINDS.join(", ")}`);
  const fx = await writeFixtureModel(path.join(modelsDir, FOLDER[kind]), {
    kind,
    dim: values.dim ? Number(values.dim) : undefined,
  });
  console.log(`wrote ${fx.dir} (${kind}, vocabulary ${fx.vocab.length}, dim ${fx.dim})`);
}

// toolrec models list|fetch, toolrec eval retrieval: the local models folder used by the dense
// and rerank retrieval stages (TOOLREC_MODELS_DIR), and the dev-set evaluation (issue #5).
// @toolrec/retrieval (and with it onnxruntime) is loaded only when one of these commands runs.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ValidationError } from "@toolrec/core";
import { dataDir, repoRoot } from "@toolrec/config";
import type { ModelDtype, NamedPipeline } from "@toolrec/retrieval";
import type { Command } from "../main.js";

function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

export const modelsCommand: Command = {
  name: "models",
  summary: "list local retrieval models, or fetch one from the Hugging Face hub",
  usage: `usage:
  toolrec models list [--dir DIR]
  toolrec models fetch HUB_ID [--dtype fp32|q8|fp16|int8|uint8|q4|q4f16|bnb4] [--revision REV] [--force] [--dir DIR]

list   the model folders under the models folder (TOOLREC_MODELS_DIR, else <repo>/.models):
       family (sentence-transformers, qwen3-embedding, cross-encoder, qwen3-reranker), role,
       ONNX variants and size.
fetch  downloads a model's config, tokenizer and one ONNX variant from the hub (HF_ENDPOINT,
       HF_TOKEN for gated models) into <models folder>/<HUB_ID>. Where the hub cannot be
       reached it says so and how to copy a model folder in by hand, and exits 1.
The API serves with a model when TOOLREC_RETRIEVAL_DENSE_MODEL / TOOLREC_RETRIEVAL_RERANK_MODEL
name its id (or folder name).`,
  async run(args) {
    const [sub, ...rest] = args;
    const { DTYPE_SUFFIXES, fetchModel, formatModelList, listLocalModels, ModelFetchError, resolveModelsDir } = await import("@toolrec/retrieval");
    if (sub === "list") {
      const { values } = parseArgs({ args: rest, options: { dir: { type: "string" } } });
      const dir = path.resolve(values.dir ?? resolveModelsDir());
      console.log(formatModelList(await listLocalModels(dir), dir));
      return 0;
    }
    if (sub === "fetch") {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { dtype: { type: "string" }, revision: { type: "string" }, force: { type: "boolean" }, dir: { type: "string" } },
      });
      const hubId = positionals[0];
      if (!hubId) {
        console.error(this.usage);
        return 2;
      }
      if (values.dtype !== undefined && !(values.dtype in DTYPE_SUFFIXES)) {
        throw new ValidationError("dtype", `--dtype must be one of ${Object.keys(DTYPE_SUFFIXES).join(", ")}`);
      }
      const modelsDir = path.resolve(values.dir ?? resolveModelsDir());
      try {
        const model = await fetchModel(hubId, {
          modelsDir,
          dtype: values.dtype as ModelDtype | undefined,
          revision: values.revision,
          force: values.force,
          onProgress: (e) => console.log(`  [${e.index}/${e.total}] ${e.file} (${formatBytes(e.bytes)})`),
        });
        console.log(`fetched ${model.id} into ${model.dir}: ${model.family} (${model.role}), ${formatBytes(model.sizeBytes)}`);
        return 0;
      } catch (err) {
        if (err instanceof ModelFetchError) {
          console.error(`toolrec models fetch: ${err.message}`);
          return 1;
        }
        if (err instanceof Error && /is not a hub id/.test(err.message)) {
          console.error(`toolrec models fetch: ${err.message}`);
          return 2;
        }
        throw err;
      }
    }
    console.error(this.usage);
    return 2;
  },
};

export const evalCommand: Command = {
  name: "eval",
  summary: "evaluate retrieval on the labelled dev set (same as npm run eval:retrieval)",
  usage: `usage:
  toolrec eval retrieval [--ablation] [--summary] [--devset PATH] [--out PATH]
  toolrec eval retrieval --dense MODEL [--rerank MODEL] [--summary] [--devset PATH] [--out PATH]

Runs the retrievers on packages/retrieval/devset, prints Recall@1/5/10, nDCG@5 and MRR for the
held-out test part and the tune part, per kind and per category, and writes
.data/eval/retrieval-latest.json (what the console's Retrieval page shows). Without
--dense/--rerank this is \`npm run eval:retrieval\` (the utterance default and the earlier BM25;
with --ablation, variants). With --dense and/or --rerank (local model ids or folder names under
TOOLREC_MODELS_DIR, see \`toolrec models list\`) it adds the dense stage alone,
rrf(utterance+dense), and the reranker over each.`,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== "retrieval") {
      console.error(this.usage);
      return 2;
    }
    const retrieval = await import("@toolrec/retrieval");
    const { loadCatalog } = await import("@toolrec/db");
    const { values } = parseArgs({
      args: rest,
      options: {
        dense: { type: "string" },
        rerank: { type: "string" },
        summary: { type: "boolean" },
        ablation: { type: "boolean" },
        devset: { type: "string" },
        out: { type: "string" },
      },
    });
    const devsetPath = path.resolve(values.devset ?? retrieval.DEVSET_PATH);
    const outPath = path.resolve(values.out ?? path.join(dataDir(), "eval", "retrieval-latest.json"));
    const docs = loadCatalog().tools.map((t) => retrieval.toolDocument(t));
    const devset = retrieval.loadDevset(devsetPath);
    const modelsDir = retrieval.resolveModelsDir();
    console.log(`catalog: ${docs.length} tools (prisma/catalog); dev set: ${devset.length} dialogues; models: ${modelsDir}`);

    const pipelines: NamedPipeline[] = [...retrieval.BASELINE_PIPELINES];
    if (values.ablation) pipelines.push(...retrieval.ABLATION_PIPELINES);
    let dense: InstanceType<typeof retrieval.DenseRetriever> | null = null;
    if (values.dense) {
      const model = await retrieval.findLocalModel(values.dense, modelsDir);
      const embedder = await retrieval.createEmbedder(model.dir, { modelId: model.id });
      dense = new retrieval.DenseRetriever({ embedder });
      const t = performance.now();
      const stats = await dense.refresh(docs);
      console.log(`${dense.name}: embedded ${stats.embedded} tool texts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      pipelines.push({ label: dense.name, config: { lexical: false, dense } }, { label: `rrf(utterance+${dense.name})`, config: { lexical: true, dense } });
    }
    if (values.rerank) {
      const model = await retrieval.findLocalModel(values.rerank, modelsDir);
      const reranker = await retrieval.createReranker(model.dir, { modelId: model.id });
      if (dense) pipelines.push({ label: `rrf(utterance+${dense.name})>${reranker.name}`, config: { lexical: true, dense, rerank: reranker } });
      pipelines.push({ label: `utterance>${reranker.name}`, config: { lexical: true, rerank: reranker } });
    }

    const results = await retrieval.evaluate(docs, devset, pipelines, (r, i) => {
      if (values.summary) console.log(`[${i + 1}/${pipelines.length}] ${r.label}`);
      else console.log(`\n[${i + 1}/${pipelines.length}] ${retrieval.formatResult(r)}`);
    });
    console.log(`\n${retrieval.formatSummary(results)}`);
    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    const file = retrieval.evaluationFile(results, { catalogSource: "prisma/catalog", tools: docs.length, devsetPath: path.relative(repoRoot, devsetPath), dialogues: devset.length });
    fs.writeFileSync(outPath, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`\nwrote ${outPath}`);
    return 0;
  },
};

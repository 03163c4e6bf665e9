// `npm run eval:retrieval [-- --ablation] [-- --summary] [-- --devset PATH] [-- --ids dNNN:dNNN] [-- --out PATH]`
//
// Loads the catalog (@toolrec/db's loadCatalog, as documents) and the labelled dev set, runs
// the embedded default (utterance stage), the earlier whole-tool BM25 (the "before") and, with
// --ablation, variants of the default with one part switched off (information only: weights
// are chosen on the tune part, scripts/tune-utterance.ts). Prints Recall@1/5/10, nDCG@5 and
// MRR for the test part (held out), the tune part and per kind, per category on the test
// part, and writes .data/eval/retrieval-latest.json (the console's Retrieval page reads it).
// --ids dA:dB scores only the dialogues with ids in that range (both parts still reported), e.g.
// the rows added after the catalog; its file goes to .data/eval/retrieval-ids.json unless --out.
// Dense and rerank pipelines: `toolrec eval retrieval --dense MODEL --rerank MODEL`.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir, repoRoot } from "@toolrec/config";
import { ABLATION_PIPELINES, BASELINE_PIPELINES, evaluate, evaluationFile, formatResult, formatSummary } from "../src/evaluate.js";
import type { NamedPipeline } from "../src/evaluate.js";
import { DEVSET_PATH, devsetIdNumber, loadDevset } from "../src/eval/data.js";
import { catalogDocuments } from "../test-support/catalog.js";

export function pipelines(ablation: boolean): NamedPipeline[] {
  return ablation ? [...BASELINE_PIPELINES, ...ABLATION_PIPELINES] : [...BASELINE_PIPELINES];
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  const log = (s: string): void => console.log(s);
  const devsetPath = resolve(argValue(args, "--devset") ?? DEVSET_PATH);
  const ids = argValue(args, "--ids")?.split(":").map(devsetIdNumber);
  if (ids && (ids.length !== 2 || ids.some((n) => !Number.isInteger(n)))) {
    console.error("--ids: expected a range like d693:d973");
    return 2;
  }
  // A range is a partial view: it does not replace the file the console's Retrieval page reads.
  const outPath = resolve(argValue(args, "--out") ?? join(dataDir(), ids ? "eval/retrieval-ids.json" : "eval/retrieval-latest.json"));
  if (!existsSync(devsetPath)) {
    console.error(`no dev set at ${devsetPath}`);
    return 1;
  }
  const docs = catalogDocuments();
  const inRange = (id: string) => !ids || (devsetIdNumber(id) >= ids[0]! && devsetIdNumber(id) <= ids[1]!);
  const devset = loadDevset(devsetPath).filter((d) => inRange(d.id));
  const tune = devset.filter((d) => d.split === "tune").length;
  const test = devset.filter((d) => d.split === "test").length;
  log(`catalog: ${docs.length} tools (prisma/catalog); dev set: ${devset.length} dialogues, tune ${tune}, test ${test} (${relative(repoRoot, devsetPath)})`);
  const known = new Set(docs.map((d) => d.id));
  const unknown = [...new Set(devset.flatMap((d) => d.relevant).filter((id) => !known.has(id)))];
  if (unknown.length > 0) log(`warning: ${unknown.length} relevant ids are not in the catalog: ${unknown.slice(0, 10).join(", ")}`);

  const list = pipelines(args.includes("--ablation"));
  const results = await evaluate(docs, devset, list, (r, i) => {
    if (args.includes("--summary")) log(`[${i + 1}/${list.length}] ${r.label}`);
    else log(`\n[${i + 1}/${list.length}] ${formatResult(r)}`);
  });
  log(`\n${formatSummary(results)}`);

  mkdirSync(dirname(outPath), { recursive: true });
  const file = evaluationFile(results, { catalogSource: "prisma/catalog", tools: docs.length, devsetPath: relative(repoRoot, devsetPath), dialogues: devset.length, unknownRelevantIds: unknown });
  writeFileSync(outPath, `${JSON.stringify(file, null, 2)}\n`);
  log(`\nwrote ${relative(process.cwd(), outPath) || outPath}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

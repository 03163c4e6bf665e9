// toolrec experiment run | table2: offline simulated A/B tests through the serving path
// (experiment-serving.ts), and the paper's Table 2 end to end (experiment-table2.ts).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { dataDir } from "@toolrec/config";
import { formatExperimentTable, runOfflineExperiment, ValidationError, type OfflineArm, type ExperimentUserModel } from "@toolrec/core";
import { parseRankerWeights } from "@toolrec/recommender";
import type { Command } from "../main.js";
import { catalogServingTools, createServingContext, groundedArm, rankerArm } from "./experiment-serving.js";
import { LAMBDA_D_DEFAULT, runTable2, spawnRankerTrainer } from "./experiment-table2.js";
import { runTable2Api } from "./experiment-table2-api.js";
import { fetchEnabledTools, graphqlClient, resolveApiKey, resolveApiUrl } from "./api-client.js";

const USER_MODEL_OPTIONS = {
  users: { type: "string" },
  "tool-preference": { type: "string" },
  zipf: { type: "string" },
  "click-median": { type: "string" },
  "click-sigma": { type: "string" },
  discernment: { type: "string" },
} as const;

const USER_MODEL_HELP = `User model (packages/core/src/offline-experiment.ts; defaults in brackets):
  --users N               users in the population [400]
  --tool-preference X     how much more a relevant tool-invoking suggestion is clicked than a
                          general one; 1 = no preference for tools [3]
  --zipf S                activity variation: Zipf exponent of users' impression shares, 0 = equal [1]
  --click-median X        median per-user click propensity [0.03]
  --click-sigma X         log-normal sigma of the propensity across users [1]
  --discernment R         users who click less are choosier: user u's tool preference is
                          1 + (X - 1) * min(10, (median / d_u)^R); 0 = every user X [0]`;

function num(name: string, value: string | undefined, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new ValidationError(name, `--${name} must be ${integer ? "an integer" : "a number"}`);
  return n;
}

function userModelOf(values: Record<string, unknown>): Partial<ExperimentUserModel> {
  const m: Partial<Record<keyof ExperimentUserModel, number>> = {};
  const set = (key: keyof ExperimentUserModel, flag: string, integer = false) => {
    const v = num(flag, values[flag] as string | undefined, integer);
    if (v !== undefined) m[key] = v;
  };
  set("users", "users", true);
  set("toolPreference", "tool-preference");
  set("zipfExponent", "zipf");
  set("clickRateMedian", "click-median");
  set("clickRateSigma", "click-sigma");
  set("discernment", "discernment");
  return m;
}

function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    { format: `{stage} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`, hideCursor: true, stream: process.stderr, etaBuffer: 200 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let total = 0;
  let stage = label;
  return {
    stage(s: string) {
      stage = s;
      if (started) bar.stop();
      started = false;
    },
    update(done: number, t: number) {
      if (!started || t !== total) {
        if (started) bar.stop();
        bar.start(t, done, { stage });
        started = true;
        total = t;
      } else bar.update(done, { stage });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

const RUN_USAGE = `usage: toolrec experiment run [--arm grounded | --arm NAME=ranker:WEIGHTS.json]... [--impressions 5000] [--seed 1] [--k 5] [--out FILE.json] [user model]

Serves simulated users through the arms in-process (the API's default retrieval and the same
generators it serves) and prints per arm: impressions, CTR, tool-invoking CTR, clicks per
exposed suggestion and the share of tool-invoking suggestions exposed, with 95% Wilson
intervals and the relative lift over the first arm (the control). The same seed gives the
same numbers. Default arms: grounded.

${USER_MODEL_HELP}`;

const TABLE2_USAGE = `usage: toolrec experiment table2 [--log-policy sampled|grounded] [--log-temperature 1] [--lambda-d X|balanced] [--log-impressions 20000] [--eval-impressions 20000] [--seed 1] [--out-dir DIR] [--python /usr/bin/python3] [user model]
       toolrec experiment table2 --api [--url URL] [--key KEY] [the same options but --python]

Table 2 end to end: serves a log with the grounded default to simulated users (--log-policy
sampled, the default: each list a Plackett-Luce sample of the reference policy whose mode is the
grounded answer, as an LLM samples, at --log-temperature T: softmax(s / T), higher explores
more; grounded: its one deterministic answer), builds the five
datasets of Table 2's variants from it (vanilla KTO, user side, static system side, both,
ToolRec) with core calibration, trains toolrec/ranker on each (python3 -m toolrec_trainer
train), and runs one simulated A/B across the base and the five. Prints the table (absolute
metrics and relative lift over the base, with 95% intervals) and writes table2.json, the
datasets, the runs and their weights under --out-dir (default .data/experiments/table2-...).
These are simulations under the stated user model, not claims about real users.

With --api (implied by --url or --key) the same steps run through a running API, as the
product does them: the log is ingested (ingestImpressions, with each prompt's retrieved tools),
the five datasets are built by createPreferenceDataset on its window, five toolrec/ranker
training runs are queued and trained by a worker (npm start runs a local one; without one the
runs wait queued and the command says so), each is registered as a model version
(table2-<arm>-<seed>), and one offline experiment (startOfflineExperiment) compares the grounded
default with the five. It prints the same table and the stored experiment's id (the console's
Offline experiments page lists it). URL: --url, TOOLREC_API_URL or http://127.0.0.1:4000/graphql;
key (ENGINEER or ADMIN): --key, TOOLREC_API_KEY or the admin key npm start wrote.

${USER_MODEL_HELP}`;

export const experimentCommand: Command = {
  name: "experiment",
  summary: "offline simulated A/B tests (run) and the paper's Table 2 end to end (table2)",
  usage: `usage: toolrec experiment run|table2 [options]   (toolrec experiment run --help)\n\n${RUN_USAGE}\n\n${TABLE2_USAGE}`,
  async run(argv) {
    const [sub, ...args] = argv;
    if (sub === "run") return runCommand(args);
    if (sub === "table2") return table2Command(args);
    console.error(this.usage);
    return 2;
  },
};

async function runCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { arm: { type: "string", multiple: true }, impressions: { type: "string" }, seed: { type: "string" }, k: { type: "string" }, out: { type: "string" }, help: { type: "boolean" }, ...USER_MODEL_OPTIONS },
  });
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  const ctx = createServingContext(catalogServingTools());
  const arms: OfflineArm[] = (values.arm ?? ["grounded"]).map((spec) => {
    if (spec === "grounded") return groundedArm(ctx);
    const m = /^(?:([\w.+-]+)=)?ranker:(.+)$/u.exec(spec);
    if (!m) throw new ValidationError("arm", `--arm must be "grounded" or "NAME=ranker:WEIGHTS.json", got ${spec}`);
    const file = m[2]!;
    const weights = parseRankerWeights(JSON.parse(fs.readFileSync(file, "utf8")));
    return rankerArm(ctx, m[1] ?? path.basename(path.dirname(path.resolve(file))), weights);
  });
  const impressions = num("impressions", values.impressions, true) ?? 5000;
  const seed = num("seed", values.seed, true) ?? 1;
  const bar = progressBar("experiment");
  const t0 = performance.now();
  const result = await runOfflineExperiment(ctx.tools, arms, { impressions, seed, k: num("k", values.k, true) ?? 5, userModel: userModelOf(values), onProgress: (d, t) => bar.update(d, t) });
  bar.stop();
  console.log(formatExperimentTable(result.arms));
  console.log(`\n${impressions} impressions x ${arms.length} arms, seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(1)} s. Simulated users (${JSON.stringify(result.userModel)}), not real ones.`);
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

async function table2Command(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "lambda-d": { type: "string" }, "log-policy": { type: "string" }, "log-temperature": { type: "string" }, "log-impressions": { type: "string" }, "eval-impressions": { type: "string" }, seed: { type: "string" },
      "out-dir": { type: "string" }, python: { type: "string" }, api: { type: "boolean" }, url: { type: "string" }, key: { type: "string" }, help: { type: "boolean" }, ...USER_MODEL_OPTIONS,
    },
  });
  if (values.help) {
    console.log(TABLE2_USAGE);
    return 0;
  }
  const seed = num("seed", values.seed, true) ?? 1;
  const userModel = userModelOf(values);
  const logPolicy = values["log-policy"] ?? "sampled";
  const logTemperature = num("log-temperature", values["log-temperature"]) ?? 1;
  if (!(logTemperature > 0)) throw new ValidationError("log-temperature", "--log-temperature must be a number > 0");
  if (logPolicy !== "sampled" && logPolicy !== "grounded") throw new ValidationError("log-policy", "--log-policy must be sampled or grounded");
  const outDir = path.resolve(values["out-dir"] ?? path.join(dataDir(), "experiments", `table2-seed${seed}-${new Date().toISOString().replace(/[:.]/gu, "-")}`));
  fs.mkdirSync(outDir, { recursive: true });
  const lambdaD = values["lambda-d"] === "balanced" ? "balanced" : (num("lambda-d", values["lambda-d"]) ?? LAMBDA_D_DEFAULT);
  const logImpressions = num("log-impressions", values["log-impressions"], true) ?? 20000;
  const evalImpressions = num("eval-impressions", values["eval-impressions"], true) ?? 20000;
  if (values.api || values.url !== undefined || values.key !== undefined) return table2ApiCommand({ url: resolveApiUrl(values.url), key: resolveApiKey(values.key), seed, userModel, logPolicy, logTemperature, lambdaD, logImpressions, evalImpressions, outDir });
  const ctx = createServingContext(catalogServingTools());
  const bar = progressBar("table2");
  const result = await runTable2({
    ctx,
    logImpressions,
    evalImpressions,
    seed,
    userModel,
    outDir,
    logPolicy,
    logTemperature,
    trainer: spawnRankerTrainer({ python: values.python, outDir, lambdaD }),
    onStage: (s) => {
      bar.stage(s);
      console.error(s);
    },
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.stop();
  const table = formatExperimentTable(result.experiment.arms, result.labels);
  console.log(table);
  const t = result.timings;
  console.log(
    `\nSimulated users under the stated user model (${JSON.stringify(result.experiment.userModel)}), not real ones. ` +
      `Wall time ${t.total.toFixed(1)} s (log ${t.log.toFixed(1)}, datasets ${t.datasets.toFixed(1)}, training ${t.training.toFixed(1)}, A/B ${t.abTest.toFixed(1)}).`,
  );
  const file = path.join(outDir, "table2.json");
  fs.writeFileSync(file, `${JSON.stringify({ ...result, table }, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return 0;
}

/** Table 2 through a running API (experiment-table2-api.ts): the same table, stored there. */
async function table2ApiCommand(o: {
  url: string;
  key: string;
  seed: number;
  userModel: Partial<ExperimentUserModel>;
  logPolicy: "sampled" | "grounded";
  logTemperature: number;
  lambdaD: number | "balanced";
  logImpressions: number;
  evalImpressions: number;
  outDir: string;
}): Promise<number> {
  const gql = graphqlClient(o.url, o.key);
  // The catalog as the API has it, in id order (as its offline experiments order it).
  const tools = (await fetchEnabledTools(gql)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (tools.length === 0) throw new ValidationError("url", `the API at ${o.url} has no enabled tools`);
  const ctx = createServingContext(tools);
  const bar = progressBar("table2");
  const say = (s: string) => {
    bar.stage(s);
    console.error(s);
  };
  const result = await runTable2Api({
    gql,
    ctx,
    logImpressions: o.logImpressions,
    evalImpressions: o.evalImpressions,
    seed: o.seed,
    userModel: o.userModel,
    logPolicy: o.logPolicy,
    logTemperature: o.logTemperature,
    lambdaD: o.lambdaD,
    onStage: say,
    onWarning: (w) => say(`WARNING: ${w}`),
    onProgress: (d, t) => bar.update(d, t),
  }).finally(() => bar.stop());
  const table = formatExperimentTable(result.reports, result.labels);
  console.log(table);
  const t = result.timings;
  console.log(
    `\nSimulated users under the stated user model (${JSON.stringify(result.userModel)}), not real ones. ` +
      `Wall time ${t.total.toFixed(1)} s (log ${t.log.toFixed(1)}, ingest ${t.ingest.toFixed(1)}, datasets ${t.datasets.toFixed(1)}, training ${t.training.toFixed(1)}, A/B ${t.abTest.toFixed(1)}).`,
  );
  for (const a of result.arms) console.log(`  ${a.label}: dataset ${a.datasetId} (${a.samples} samples), run ${a.runId}, model version ${a.modelVersionName} (${a.modelVersionId})`);
  console.log(`offline experiment ${result.experimentId} (stored on the API; the console's Offline experiments page shows it)`);
  const file = path.join(o.outDir, "table2.json");
  fs.writeFileSync(file, `${JSON.stringify({ api: o.url, ...result, table }, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return 0;
}

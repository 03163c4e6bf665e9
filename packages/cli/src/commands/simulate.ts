// toolrec simulate: realistic demo click logs (NDJSON) from core's documented user model.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { buildToolMatcher, generateImpressions, summarizeSimulation, ValidationError, type SimulatedImpression, type SimulationTool } from "@toolrec/core";
import { loadCatalog, openDatabase } from "@toolrec/db";
import type { Command } from "../main.js";
import { resolveApiKey, resolveApiUrl } from "./api-client.js";
import { simulateServe } from "./simulate-serve.js";

function positiveInt(name: string, value: string | undefined, dflt: number, min = 1): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ValidationError(name, `--${name} must be an integer >= ${min}`);
  return n;
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "write a realistic simulated click log (NDJSON) grounded in the catalog",
  usage: `usage: toolrec simulate --users N --impressions M [--seed S] [--days 28] [--end ISO] [--out FILE] [--from-catalog]
       toolrec simulate --serve --users N --impressions M [--seed S] [--rate 20] [--concurrency 4]
                        [--url http://127.0.0.1:4000/graphql] [--key KEY] [--k 6] [--n 3]

Writes M impressions (one ImpressionInput per line, timestamp order) for N users from the
user model in packages/core/SIMULATION.md: Zipf-like activity (a heavy head of active users),
log-normal per-user click rates (upper quartile of per-user uctr near 0.07), tool-invoking
suggestions ~2.5x as clickable as general ones, dialogues built from the tools' utterances,
K = 5 suggestions mixing 1-3 tool canonical queries of one category with general follow-ups.
The same --seed and --end give the same file. Tools come from the database (enabled ones),
or with --from-catalog from the seed files in prisma/catalog (no database needed).
Prints a summary (uctr upper quartile, CTRs) on stderr. Ingest the file with toolrec ingest.

With --serve it drives a running API instead: the same simulated users call suggestions
(at --rate requests per second, --concurrency at once), and when the user model makes an
impression desirable, its one click goes to a served exposed suggestion (position decay times
the tool boost, SIMULATION.md) through recordClick. With an experiment running, each user
stays in their arm, so the Models page's A/B table fills with served data. The key: --key,
TOOLREC_API_KEY, or the admin key npm start wrote (a SERVICE key is enough). The URL:
--url, TOOLREC_API_URL, or http://127.0.0.1:4000/graphql.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        users: { type: "string" }, impressions: { type: "string" }, seed: { type: "string" }, days: { type: "string" },
        end: { type: "string" }, out: { type: "string" }, "from-catalog": { type: "boolean" },
        serve: { type: "boolean" }, rate: { type: "string" }, concurrency: { type: "string" }, url: { type: "string" }, key: { type: "string" },
        k: { type: "string" }, n: { type: "string" }, "no-progress": { type: "boolean" },
      },
    });
    if (values.users === undefined || values.impressions === undefined) {
      console.error(this.usage);
      return 2;
    }
    const users = positiveInt("users", values.users, 0);
    const impressions = positiveInt("impressions", values.impressions, 0, 0);
    const seed = positiveInt("seed", values.seed, 1, 0);
    const days = positiveInt("days", values.days, 28);
    if (values.serve) {
      const rate = values.rate === undefined ? 20 : Number(values.rate);
      if (!Number.isFinite(rate) || rate <= 0 || rate > 10_000) throw new ValidationError("rate", "--rate must be a number of requests per second from 0 to 10000");
      const report = await simulateServe({
        url: resolveApiUrl(values.url),
        key: resolveApiKey(values.key),
        users,
        impressions,
        seed,
        rate,
        concurrency: positiveInt("concurrency", values.concurrency, 4),
        k: values.k === undefined ? undefined : positiveInt("k", values.k, 6),
        n: values.n === undefined ? undefined : positiveInt("n", values.n, 3),
        progress: !values["no-progress"],
      });
      const versions = Object.entries(report.byVersion)
        .map(([name, v]) => `${name}: ${v.served} served, CTR ${(v.clicked / Math.max(1, v.served)).toFixed(3)}`)
        .join("; ");
      console.error(`served ${report.served} impressions with ${report.clicks} clicks in ${report.seconds.toFixed(1)} s (${report.failed} failed)${versions ? ` — ${versions}` : ""}`);
      return report.failed > 0 && report.served === 0 ? 1 : 0;
    }
    const end = values.end ? new Date(values.end) : new Date();
    if (Number.isNaN(end.getTime())) throw new ValidationError("end", "--end must be an ISO-8601 date-time");

    let tools: SimulationTool[];
    if (values["from-catalog"]) tools = [...loadCatalog().tools];
    else {
      const db = await openDatabase();
      try {
        tools = await db.prisma.tool.findMany({ where: { enabled: true } });
      } finally {
        await db.close();
      }
    }
    const matcher = buildToolMatcher(tools);
    const out = values.out ? fs.openSync(values.out, "w") : null;
    const rows: SimulatedImpression[] = [];
    let buffer = "";
    const flush = () => {
      if (out !== null) fs.writeSync(out, buffer);
      else process.stdout.write(buffer);
      buffer = "";
    };
    try {
      for (const row of generateImpressions(tools, { users, impressions, seed, end, days })) {
        rows.push(row);
        buffer += `${JSON.stringify(row)}\n`;
        if (buffer.length > 1 << 20) flush();
      }
      flush();
    } finally {
      if (out !== null) fs.closeSync(out);
    }
    const s = summarizeSimulation(rows, (x) => !!x.toolId || matcher.match(x.text) !== null);
    console.error(
      `simulated ${s.impressions} impressions for ${s.users} users${values.out ? ` into ${values.out}` : ""}: ` +
        `uctr upper quartile ${s.uctrUpperQuartile.toFixed(4)}, CTR tool-invoking ${s.toolInvokingCtr.toFixed(4)} vs general ` +
        `${s.generalCtr.toFixed(4)} (${(s.toolInvokingCtr / Math.max(s.generalCtr, 1e-12)).toFixed(2)}x), most active user ${s.headToMeanRatio.toFixed(1)}x the mean`,
    );
    return 0;
  },
};

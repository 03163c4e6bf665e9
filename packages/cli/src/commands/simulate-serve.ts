// toolrec simulate --serve: live traffic for a running API (issue 10). The simulated users of
// packages/core/SIMULATION.md (who shows up, how often each clicks, their dialogues) drive
// `suggestions`; when the user model makes an impression desirable, its one click lands on a
// *served* exposed suggestion by the documented rule (position decay times the tool boost,
// core's chooseClickedPosition) and is sent with `recordClick`. Seeded: the same seed gives
// the same users, dialogues and click decisions (the served suggestions depend on the API).
import cliProgress from "cli-progress";
import { chooseClickedPosition, createRng, generateImpressions, ValidationError, type SimulationTool } from "@toolrec/core";
import { fetchEnabledTools, graphqlClient } from "./api-client.js";

export interface ServeOptions {
  url: string;
  key: string;
  users: number;
  impressions: number;
  seed: number;
  /** Requests per second (suggestions calls), spread evenly. */
  rate: number;
  concurrency: number;
  k?: number;
  n?: number;
  progress?: boolean;
}

const SUGGEST = `query($input: SuggestionInput!) { suggestions(input: $input) {
  impressionId modelVersion { name } suggestions { position isToolInvoking tool { frequencyPercentile } } } }`;
const CLICK = `mutation($id: ID!, $p: Int!) { recordClick(impressionId: $id, position: $p) }`;

export interface ServeReport {
  served: number;
  clicks: number;
  failed: number;
  byVersion: Record<string, { served: number; clicked: number }>;
  seconds: number;
}

export async function simulateServe(o: ServeOptions): Promise<ServeReport> {
  const gql = graphqlClient(o.url, o.key);
  // The catalog as the API has it (enabled tools): what the simulated dialogues are about.
  const tools: SimulationTool[] = await fetchEnabledTools(gql);
  if (tools.length === 0) throw new ValidationError("url", "the API has no enabled tools to simulate dialogues about");

  const sims = generateImpressions(tools, { users: o.users, impressions: o.impressions, seed: o.seed, end: new Date() });
  const clickRng = createRng(o.seed ^ 0x5eed);
  const report: ServeReport = { served: 0, clicks: 0, failed: 0, byVersion: {}, seconds: 0 };
  const bar = o.progress === false ? null : new cliProgress.SingleBar(
    { format: "simulate --serve [{bar}] {percentage}% | {value}/{total} impressions | {clicks} clicks | {failed} failed | {rps} req/s", hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar?.start(o.impressions, 0, { clicks: 0, failed: 0, rps: "0" });
  const t0 = Date.now();
  const interval = 1000 / o.rate;
  let next = 0;
  let failures = 0;

  const worker = async () => {
    for (;;) {
      const it = sims.next();
      if (it.done) return;
      const sim = it.value;
      // Pacing: request i starts no earlier than t0 + i / rate.
      const slot = t0 + next++ * interval;
      const wait = slot - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // The click decision is drawn in generation order, whatever order responses come back in.
      const desirable = sim.suggestions.some((s) => s.clicked);
      const u = clickRng();
      try {
        const { suggestions: r } = await gql<{ suggestions: { impressionId: string; modelVersion: { name: string }; suggestions: { position: number; isToolInvoking: boolean; tool: { frequencyPercentile: number } | null }[] } }>(SUGGEST, {
          input: { userId: sim.userId, dialogue: sim.dialogue, k: o.k, n: o.n },
        });
        const v = (report.byVersion[r.modelVersion.name] ??= { served: 0, clicked: 0 });
        v.served++;
        report.served++;
        if (desirable && r.suggestions.length > 0) {
          const fixed = createRng(Math.floor(u * 2 ** 32));
          const position = chooseClickedPosition(r.suggestions.map((s) => (s.isToolInvoking ? (s.tool?.frequencyPercentile ?? 0.5) : null)), fixed);
          await gql(CLICK, { id: r.impressionId, p: r.suggestions[position]!.position });
          report.clicks++;
          v.clicked++;
        }
      } catch (err) {
        report.failed++;
        if (++failures <= 3) process.stderr.write(`\nsimulate --serve: ${(err as Error).message}\n`);
      }
      const s = (Date.now() - t0) / 1000;
      bar?.update(report.served + report.failed, { clicks: report.clicks, failed: report.failed, rps: (report.served / Math.max(s, 0.001)).toFixed(1) });
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    bar?.stop();
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}

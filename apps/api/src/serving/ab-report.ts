// The live A/B report (issue 10): the paper's Table 1 on served impressions. SQL counts each
// row's numerators and denominators (core's ArmCounts) per model version (or experiment arm)
// and per time bucket; core's abReport turns them into proportions with 95% Wilson intervals
// and Newcombe differences against the control row.
import { abReport as armReport, ValidationError, type AbMetric, type ArmCounts, type ArmMetric } from "@toolrec/core";
import { Prisma, type Db, type ModelVersion } from "@toolrec/db";
import type { ExperimentWithArms } from "./service.js";

interface CountRow {
  mv: string;
  bucket: number | null;
  impressions: number;
  users: number;
  clicked: number;
  tool_clicked: number;
  exposed: number;
  clicks: number;
  exposed_tool: number;
  fallbacks: number;
}

const toCounts = (r: CountRow | undefined): ArmCounts => ({
  impressions: r?.impressions ?? 0,
  clickedImpressions: r?.clicked ?? 0,
  toolClickedImpressions: r?.tool_clicked ?? 0,
  exposedSuggestions: r?.exposed ?? 0,
  clickedSuggestions: r?.clicks ?? 0,
  exposedToolSuggestions: r?.exposed_tool ?? 0,
});

/** A metric as GraphQL's AbRate (also the offline experiments' table). */
export function rate(m: ArmMetric) {
  return {
    value: m.value?.estimate ?? null,
    successes: m.successes,
    trials: m.trials,
    lower: m.value?.lower ?? null,
    upper: m.value?.upper ?? null,
    difference: m.difference?.difference ?? null,
    differenceLower: m.difference?.lower ?? null,
    differenceUpper: m.difference?.upper ?? null,
    relativeLift: m.relativeLift,
  };
}

export interface AbReportArgs {
  experiment: ExperimentWithArms | null;
  from: Date | null;
  to: Date | null;
  bucketSeconds?: number | null;
  versions: Map<string, ModelVersion>;
  defaultVersionId: string;
}

/** Served (not Playground) impressions, per model version, one row per (version, bucket) plus totals. */
export async function buildAbReport(db: Db, args: AbReportArgs) {
  const { experiment } = args;
  const from = args.from ?? (experiment ? experiment.startedAt : null);
  const to = args.to ?? (experiment?.stoppedAt ?? null);
  if (from && to && !(from < to)) throw new ValidationError("window.to", "the window's end must be after its start");
  const where: Prisma.Sql[] = [Prisma.sql`i.source = 'served'`, Prisma.sql`i.model_version_id IS NOT NULL`];
  if (experiment) where.push(Prisma.sql`i.experiment_id = ${experiment.id}`);
  if (from) where.push(Prisma.sql`i."timestamp" >= ${from}`);
  if (to) where.push(Prisma.sql`i."timestamp" < ${to}`);
  const cond = Prisma.join(where, " AND ");

  // Bucket size: asked for, else about 40 buckets over the window (the data's span when open).
  let bucketSeconds = args.bucketSeconds ?? null;
  if (bucketSeconds !== null && (!Number.isInteger(bucketSeconds) || bucketSeconds < 60 || bucketSeconds > 86_400)) {
    throw new ValidationError("bucketSeconds", "bucketSeconds must be an integer from 60 to 86400");
  }
  if (bucketSeconds === null) {
    const [span] = await db.$queryRaw<{ lo: Date | null; hi: Date | null }[]>`SELECT min(i."timestamp") AS lo, max(i."timestamp") AS hi FROM impressions i WHERE ${cond}`;
    const lo = from ?? span?.lo ?? null;
    const hi = to ?? span?.hi ?? null;
    const seconds = lo && hi ? Math.max(0, (hi.getTime() - lo.getTime()) / 1000) : 0;
    bucketSeconds = Math.min(86_400, Math.max(60, Math.ceil(seconds / 40 / 60) * 60));
  }

  // One pass: per impression its flags (a click, a tool-invoking click, exposures), then sums.
  const rows = await db.$queryRaw<CountRow[]>`
    WITH per AS (
      SELECT i.model_version_id AS mv, i.user_id, i.fallback_reason,
             floor(extract(epoch FROM i."timestamp") / ${bucketSeconds})::bigint AS bucket,
             bool_or(s.exposed AND s.clicked) AS clicked,
             bool_or(s.exposed AND s.clicked AND s.resolved_tool_id IS NOT NULL) AS tool_clicked,
             count(*) FILTER (WHERE s.exposed)::int AS exposed,
             count(*) FILTER (WHERE s.exposed AND s.clicked)::int AS clicks,
             count(*) FILTER (WHERE s.exposed AND s.resolved_tool_id IS NOT NULL)::int AS exposed_tool
      FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
      WHERE ${cond}
      GROUP BY i.id
    )
    SELECT mv, CASE WHEN GROUPING(bucket) = 1 THEN NULL ELSE bucket END::float8 AS bucket,
           count(*)::int AS impressions, count(DISTINCT user_id)::int AS users,
           count(*) FILTER (WHERE clicked)::int AS clicked, count(*) FILTER (WHERE tool_clicked)::int AS tool_clicked,
           sum(exposed)::int AS exposed, sum(clicks)::int AS clicks, sum(exposed_tool)::int AS exposed_tool,
           count(*) FILTER (WHERE fallback_reason IS NOT NULL)::int AS fallbacks
    FROM per GROUP BY GROUPING SETS ((mv), (mv, bucket))`;

  const totals = new Map<string, CountRow>();
  const buckets = new Map<string, CountRow[]>();
  for (const r of rows) {
    if (r.bucket === null) totals.set(r.mv, r);
    else buckets.set(r.mv, [...(buckets.get(r.mv) ?? []), r]);
  }

  // Rows: an experiment's arms in order (control first); else every version that served, default first.
  let order: { id: string; percent: number | null }[];
  let control: string;
  if (experiment) {
    control = experiment.controlModelVersionId;
    order = [...experiment.arms].sort((a, b) => (a.modelVersionId === control ? -1 : b.modelVersionId === control ? 1 : a.position - b.position)).map((a) => ({ id: a.modelVersionId, percent: a.percent }));
  } else {
    control = args.defaultVersionId;
    const ids = [...totals.keys()].filter((id) => id !== control).sort((a, b) => (totals.get(b)!.impressions - totals.get(a)!.impressions) || a.localeCompare(b));
    order = [control, ...ids].map((id) => ({ id, percent: null }));
  }
  const report = armReport(order.map((o) => ({ arm: o.id, counts: toCounts(totals.get(o.id)) })), control);
  const metric = (r: (typeof report)[number], m: AbMetric) => rate(r.metrics[m]);

  const rowsOut = report.flatMap((r, i) => {
    const version = args.versions.get(r.arm);
    if (!version) return [];
    const series = (buckets.get(r.arm) ?? [])
      .sort((a, b) => a.bucket! - b.bucket!)
      .map((b) => ({
        start: new Date(b.bucket! * bucketSeconds! * 1000),
        impressions: b.impressions,
        ctr: b.impressions ? b.clicked / b.impressions : null,
        toolInvokingCtr: b.impressions ? b.tool_clicked / b.impressions : null,
      }));
    const t = totals.get(r.arm);
    return [{
      modelVersion: version,
      percent: order[i]!.percent,
      isControl: r.control,
      impressions: r.counts.impressions,
      users: t?.users ?? 0,
      ctr: metric(r, "ctr"),
      toolInvokingCtr: metric(r, "toolCtr"),
      clicksPerExposedSuggestion: metric(r, "clicksPerExposed"),
      toolInvokingExposedShare: metric(r, "toolShareExposed"),
      fallbacks: t?.fallbacks ?? 0,
      series,
    }];
  });
  return { experiment, from, to, bucketSeconds, controlModelVersionId: control, rows: rowsOut };
}

// Calibrated preference datasets and the live calibration preview (issue #4). ENGINEER/ADMIN.
import { connection as toConnection, explainWeight, pageSize, type CalibrationConfig, type CalibrationConfigInput, type Histogram } from "@toolrec/core";
import {
  beginPreferenceDataset, calibrateWindow, calibrationConfigOf, datasetUserStats,
  filterWindowSamples, getSample, listPreferenceDatasets, listSamples, renderSamples, SAMPLE_PAGE, sampleCursor,
  resolveConfigInput, windowSample, windowUserStats, type CalibratedWindow, type PreferenceDataset, type PreferenceSample,
  type CreateDatasetInput, type TimeWindow,
} from "@toolrec/db";
import { CAN, requireRole } from "../auth.js";
import type { Context } from "../context.js";
import type { CalibrationPreviewSamplesArgs, CalibrationPreviewUsersArgs, MutationCreatePreferenceDatasetArgs, MutationDeletePreferenceDatasetArgs, PreferenceDatasetSampleArgs, PreferenceDatasetSamplesArgs, PreferenceDatasetUsersArgs, QueryCalibrationPreviewArgs, QueryPreferenceDatasetArgs, QueryPreferenceDatasetsArgs } from "../generated/graphql.js";
import { domainInput } from "../errors.js";
import { audited } from "./audit.js";
import { impressionLoader } from "./impressions.js";

/** What a sample's breakdown needs besides the sample: the config and the window's mu and s. */
interface Calib { config: CalibrationConfig; mu: number; s: number }
type SampleNode = Omit<PreferenceSample, "datasetId"> & { calib: Calib };

interface PreviewNode {
  cw: CalibratedWindow;
  window: TimeWindow;
  cached: boolean;
  computeMs: number;
}

const EMPTY_HISTOGRAM: Histogram = { min: 0, max: 0, edges: [], counts: [], below: 0, above: 0, nan: 0 };
const EMPTY_LABELS = { desirable: EMPTY_HISTOGRAM, undesirable: EMPTY_HISTOGRAM };
const EMPTY_HISTOGRAMS = { wU: EMPTY_LABELS, wS: EMPTY_LABELS, weight: EMPTY_LABELS };

const connection = <T extends { cursor: string }>(nodes: T[], hasNextPage: boolean, totalCount: number) =>
  toConnection(nodes, (n) => n.cursor, { hasNextPage, totalCount });

const datasetCalib = (d: PreferenceDataset): Calib => ({ config: calibrationConfigOf(d.config), mu: d.mu, s: d.s });

function outputConfig(c: CalibrationConfig) {
  return { alpha: c.alpha, gamma: c.gamma, k: c.k, mu: c.mu, muMode: c.muMode, s: c.s ?? null, userSide: c.userSide, systemSide: c.systemSide };
}

function previewSamplesPage(p: PreviewNode, args: CalibrationPreviewSamplesArgs) {
  const first = pageSize(args.first, { ...SAMPLE_PAGE, default: 20 });
  const after = sampleCursor.decode(args.after);
  const start = after === null ? 0 : after + 1;
  return filterWindowSamples(p.cw, args.filter, start, first);
}

export const preferenceResolvers = {
  Query: {
    async preferenceDataset(_: unknown, { id }: QueryPreferenceDatasetArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.preferenceDataset.findUnique({ where: { id } });
    },
    async preferenceDatasets(_: unknown, args: QueryPreferenceDatasetsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      const page = await listPreferenceDatasets(ctx.db, args);
      return connection(page.datasets, page.hasNextPage, page.totalCount);
    },
    async calibrationPreview(_: unknown, args: QueryCalibrationPreviewArgs, ctx: Context): Promise<PreviewNode> {
      requireRole(ctx.viewer, CAN.engineer);
      const t0 = performance.now();
      const config = resolveConfigInput(domainInput<CalibrationConfigInput>(args.config));
      const window = { from: args.window?.from ?? null, to: args.window?.to ?? null };
      const { window: loaded, cached } = await ctx.calibration.get(ctx.db, window);
      const cw = calibrateWindow(loaded, config);
      return { cw, window, cached, computeMs: performance.now() - t0 };
    },
  },
  Mutation: {
    createPreferenceDataset: audited("createPreferenceDataset", CAN.engineer, (a: MutationCreatePreferenceDatasetArgs) => `dataset:${a.input.name}`,
      async ({ input }, ctx) => {
        // Checked and stored as BUILDING now; the samples are computed off the request path
        // (issue 8 §5) and the row's status/progress tell clients how far it got.
        const { dataset, plan } = await beginPreferenceDataset(ctx.db, domainInput<CreateDatasetInput>(input), ctx.viewer.name);
        ctx.jobs.buildDataset(plan);
        return dataset;
      },
    ),
    deletePreferenceDataset: audited("deletePreferenceDataset", CAN.engineer, (a: MutationDeletePreferenceDatasetArgs) => `dataset:${a.id}`, async ({ id }, ctx) => {
      const { count } = await ctx.db.preferenceDataset.deleteMany({ where: { id } });
      return count > 0;
    }),
  },
  PreferenceDataset: {
    // Until READY the stored histograms are empty: answer with empty ones of the right shape.
    histograms: (d: PreferenceDataset) => (d.status === "READY" ? d.histograms : EMPTY_HISTOGRAMS),
    from: (d: PreferenceDataset) => d.windowFrom,
    to: (d: PreferenceDataset) => d.windowTo,
    config: (d: PreferenceDataset) => outputConfig(calibrationConfigOf(d.config)),
    toolPercentiles: (d: PreferenceDataset) =>
      Object.entries(d.toolPercentiles as Record<string, number>)
        .map(([toolId, p]) => ({ toolId, p }))
        .sort((a, b) => b.p - a.p || (a.toolId < b.toolId ? -1 : 1)),
    async samples(d: PreferenceDataset, args: PreferenceDatasetSamplesArgs, ctx: Context) {
      const page = await listSamples(ctx.db, d.id, args);
      const calib = datasetCalib(d);
      return connection(page.samples.map((s) => ({ ...s, calib })), page.hasNextPage, page.totalCount);
    },
    async sample(d: PreferenceDataset, args: PreferenceDatasetSampleArgs, ctx: Context) {
      const s = await getSample(ctx.db, d.id, args);
      return s ? { ...s, calib: datasetCalib(d) } : null;
    },
    async users(d: PreferenceDataset, args: PreferenceDatasetUsersArgs, ctx: Context) {
      const page = await datasetUserStats(ctx.db, d.id, args);
      return connection(page.users, page.hasNextPage, page.totalCount);
    },
    exportPaths: (d: PreferenceDataset) => ({
      jsonl: `/datasets/${d.id}/export.jsonl`,
      parquet: `/datasets/${d.id}/export.parquet`,
      metadata: `/datasets/${d.id}/metadata.json`,
    }),
  },
  CalibrationPreview: {
    from: (p: PreviewNode) => p.window.from,
    to: (p: PreviewNode) => p.window.to,
    config: (p: PreviewNode) => outputConfig(p.cw.config),
    sampleCount: (p: PreviewNode) => p.cw.result.aggregates.counts.total,
    desirableCount: (p: PreviewNode) => p.cw.result.aggregates.counts.desirable,
    undesirableCount: (p: PreviewNode) => p.cw.result.aggregates.counts.undesirable,
    maskedCount: (p: PreviewNode) => p.cw.result.aggregates.counts.masked,
    toolInvokingCount: (p: PreviewNode) => p.cw.result.aggregates.counts.toolInvoking,
    userCount: (p: PreviewNode) => p.cw.result.aggregates.users,
    mu: (p: PreviewNode) => p.cw.result.aggregates.mu,
    s: (p: PreviewNode) => p.cw.result.aggregates.s,
    weightSum: (p: PreviewNode) => p.cw.result.aggregates.weightSum,
    effectiveSampleSize: (p: PreviewNode) => p.cw.result.aggregates.effectiveSampleSize,
    histograms: (p: PreviewNode) => p.cw.result.aggregates.histograms,
    async samples(p: PreviewNode, args: CalibrationPreviewSamplesArgs, ctx: Context) {
      const page = previewSamplesPage(p, args);
      const samples = page.indexes.map((i) => windowSample(p.cw, i));
      const texts = await renderSamples(ctx.db, samples.map((x) => x.impressionId));
      const a = p.cw.result.aggregates;
      const calib: Calib = { config: p.cw.config, mu: a.mu, s: a.s };
      const nodes = samples.map((x): SampleNode & { cursor: string } => {
        const text = texts.get(x.impressionId);
        return { ...x, prompt: text?.prompt ?? "", completion: text?.completion ?? "", calib, cursor: sampleCursor.encode(x.index) };
      });
      return connection(nodes, page.hasNextPage, page.totalCount);
    },
    users: (p: PreviewNode, args: CalibrationPreviewUsersArgs) => {
      const page = windowUserStats(p.cw, args);
      return connection(page.users, page.hasNextPage, page.totalCount);
    },
  },
  PreferenceSample: {
    label: (s: SampleNode) => s.desirable,
    masked: (s: SampleNode) => s.weight === 0,
    breakdown: (s: SampleNode) =>
      explainWeight({ desirable: s.desirable, uctr: s.uctr, toolInvoking: s.toolInvoking, toolId: s.toolId, p: s.frequencyPercentile }, s.calib.config, s.calib.mu, s.calib.s),
    impression: (s: SampleNode, _: unknown, ctx: Context) => impressionLoader(ctx).load(s.impressionId),
  },
  ToolPercentile: {
    tool: (t: { toolId: string }, _: unknown, ctx: Context) => ctx.loaders.tool.load(t.toolId),
  },
  WeightHistogram: {
    bins: (h: Histogram) => h.counts.map((count, i) => ({ lower: h.edges[i]!, upper: h.edges[i + 1]!, count })),
  },
};

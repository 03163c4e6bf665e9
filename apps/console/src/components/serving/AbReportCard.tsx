"use client";

// The live A/B table: the paper's Table 1 on served traffic, one row per arm (or per model
// version), control first. Each rate with its 95% Wilson interval and, for the other rows, the
// difference against control with its Newcombe 95% interval; then CTR and tool-invoking CTR per
// arm over time (MetricChart, shared with the Runs pages). Polled while an experiment runs.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "@/components/ErrorNotice";
import { MetricChart, type Series } from "@/components/runs/MetricChart";
import type { TimeWindowInput } from "@/gql/graphql";
import { formatDateTime, formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { AB_REPORT_QUERY, type AbRateView, type AbReportRowView, type ExperimentView } from "./queries";
import styles from "./serving.module.css";

export const WINDOWS = [
  { id: "experiment", label: "The experiment's span", seconds: null },
  { id: "1h", label: "Last hour", seconds: 3600 },
  { id: "24h", label: "Last 24 hours", seconds: 86_400 },
  { id: "7d", label: "Last 7 days", seconds: 7 * 86_400 },
  { id: "all", label: "All served traffic", seconds: null },
] as const;
export type WindowId = (typeof WINDOWS)[number]["id"];

const POLL_MS = 3000;
const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(digits)}%`);
const pp = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)} pp`;

/** A rate with its 95% interval and, for a variant, its difference against control (also the Offline experiments table). */
export function Rate({ r, control }: { r: AbRateView; control: boolean }) {
  if (r.trials === 0) return <span className="muted">—</span>;
  const up = r.difference !== null && r.differenceLower !== null && r.differenceLower > 0;
  const down = r.difference !== null && r.differenceUpper !== null && r.differenceUpper < 0;
  return (
    <>
      <strong>{pct(r.value)}</strong>
      <span className={styles.interval} title="95% Wilson interval">
        [{pct(r.lower)}, {pct(r.upper)}] · {formatInt(r.successes)}/{formatInt(r.trials)}
      </span>
      {!control && r.difference !== null && (
        <span
          className={`${styles.diff} ${up ? styles.diffUp : down ? styles.diffDown : styles.diffFlat}`}
          title="Difference against control with its 95% (Newcombe) interval; coloured when the interval excludes 0"
          data-testid="difference"
        >
          {pp(r.difference)}
          {r.differenceLower !== null && r.differenceUpper !== null && ` [${pp(r.differenceLower)}, ${pp(r.differenceUpper)}]`}
        </span>
      )}
    </>
  );
}

function seriesOf(rows: AbReportRowView[], pick: (p: AbReportRowView["series"][number]) => number | null): Series[] {
  return rows.map((row, i) => ({
    label: row.modelVersion.name,
    className: `s${(i % 5) + 1}`,
    points: row.series.map((p) => ({ x: new Date(p.start).getTime(), y: pick(p) })),
  }));
}

const timeLabel = (v: number) => new Date(v).toISOString().slice(5, 16).replace("T", " ");

function windowInput(id: WindowId): TimeWindowInput | null {
  const w = WINDOWS.find((x) => x.id === id);
  if (!w?.seconds) return null;
  return { from: new Date(Date.now() - w.seconds * 1000).toISOString(), to: null };
}

export function AbReportCard({
  experimentId,
  onExperiment,
  window,
  onWindow,
  experiments,
  running,
}: {
  experimentId: string | null;
  onExperiment: (id: string | null) => void;
  window: WindowId;
  onWindow: (w: WindowId) => void;
  experiments: ExperimentView[];
  running: ExperimentView | null;
}) {
  // Without a chosen experiment: the running one's report (the API's own default), else per version.
  const shownExperiment = experimentId ?? running?.id ?? null;
  const effectiveWindow: WindowId = window === "experiment" && !shownExperiment ? "all" : window;
  const report = useQuery({
    queryKey: ["abReport", shownExperiment, effectiveWindow],
    queryFn: () => {
      const w = windowInput(effectiveWindow);
      // "all": an explicitly open window (the experiment's own span is the API's default).
      const windowArg = w ?? (effectiveWindow === "all" && shownExperiment ? { from: "1970-01-01T00:00:00.000Z", to: null } : null);
      return gql(AB_REPORT_QUERY, { experimentId: shownExperiment, window: windowArg, bucketSeconds: null });
    },
    placeholderData: keepPreviousData,
    refetchInterval: running && shownExperiment === running.id ? POLL_MS : false,
  });
  const r = report.data?.abReport;
  const rows = r?.rows ?? [];

  return (
    <section className="card" aria-label="A/B report">
      <div className="row" style={{ marginBottom: "0.6rem" }}>
        <h2 style={{ margin: 0 }}>Live A/B</h2>
        <div className="spacer" />
        <label className="inline small">
          Report{" "}
          <select aria-label="Report" value={experimentId ?? ""} onChange={(e) => onExperiment(e.target.value || null)}>
            <option value="">{running ? `Running: ${running.name}` : "Per model version (no experiment running)"}</option>
            {experiments
              .filter((x) => x.id !== running?.id)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name} ({x.status.toLowerCase()}, {formatDateTime(x.startedAt)})
                </option>
              ))}
          </select>
        </label>
        <label className="inline small">
          Window{" "}
          <select aria-label="Window" value={effectiveWindow} onChange={(e) => onWindow(e.target.value as WindowId)}>
            {WINDOWS.filter((w) => w.id !== "experiment" || shownExperiment).map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {report.isError && <ErrorNotice action="load the A/B report" error={report.error} onRetry={() => void report.refetch()} />}
      {r && (
        <p className="small muted" style={{ marginTop: 0 }}>
          {r.experiment ? (
            <>
              Experiment <strong>{r.experiment.name}</strong> ({r.experiment.status.toLowerCase()}), one row per arm, control first.
            </>
          ) : (
            <>One row per model version that served in the window, the default as control.</>
          )}{" "}
          {r.from || r.to ? `${formatDateTime(r.from)} – ${r.to ? formatDateTime(r.to) : "now"}` : "All time"} · Playground requests are left out.
        </p>
      )}
      {r && rows.length === 0 && <p className="muted">No served impressions in this window yet. `toolrec simulate --serve` sends some.</p>}
      {rows.length > 0 && (
        <div style={{ overflowX: "auto" }}>
          <table className="data" data-testid="ab-table">
            <thead>
              <tr>
                <th>Version</th>
                <th className="num">Impressions</th>
                <th className="num">Users</th>
                <th title="Impressions with a click on an exposed suggestion / impressions">CTR</th>
                <th title="Impressions with a click on an exposed tool-invoking suggestion / impressions">Tool-invoking CTR</th>
                <th title="Clicked suggestions / exposed suggestions">Clicks per exposed suggestion</th>
                <th title="Exposed tool-invoking suggestions / exposed suggestions">Tool-invoking share of exposed</th>
                <th className="num" title="Impressions whose generator fell back to grounded">Fallbacks</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.modelVersion.id} data-version={row.modelVersion.name} data-impressions={row.impressions}>
                  <td>
                    <strong>{row.modelVersion.name}</strong> {row.isControl && <span className="badge">control</span>}
                    <div className="small muted">
                      {row.modelVersion.kind.toLowerCase()}
                      {row.percent !== null ? ` · ${row.percent}% of users` : ""}
                    </div>
                  </td>
                  <td className="num">{formatInt(row.impressions)}</td>
                  <td className="num">{formatInt(row.users)}</td>
                  <td>
                    <Rate r={row.ctr} control={row.isControl} />
                  </td>
                  <td>
                    <Rate r={row.toolInvokingCtr} control={row.isControl} />
                  </td>
                  <td>
                    <Rate r={row.clicksPerExposedSuggestion} control={row.isControl} />
                  </td>
                  <td>
                    <Rate r={row.toolInvokingExposedShare} control={row.isControl} />
                  </td>
                  <td className="num">{formatInt(row.fallbacks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-hint" style={{ marginTop: "0.4rem" }}>
            Brackets: 95% Wilson intervals. Under a variant: its difference against control (percentage points) with the 95% interval, green or red when that interval excludes 0.
          </p>
        </div>
      )}
      {rows.length > 0 && r && (
        <div className={styles.charts}>
          <MetricChart
            title="CTR per arm"
            series={seriesOf(rows, (p) => p.ctr)}
            xAxis="time"
            xLabel={timeLabel}
            yFormat={(v) => pct(v, 0)}
            empty="No impressions in the window."
          />
          <MetricChart
            title="Tool-invoking CTR per arm"
            series={seriesOf(rows, (p) => p.toolInvokingCtr)}
            xAxis="time"
            xLabel={timeLabel}
            yFormat={(v) => pct(v, 0)}
            empty="No impressions in the window."
          />
        </div>
      )}
      {r && rows.length > 0 && <p className="field-hint">Buckets of {Math.round(r.bucketSeconds / 60)} min (UTC).</p>}
    </section>
  );
}

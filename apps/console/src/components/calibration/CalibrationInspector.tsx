"use client";

// The Calibration inspector (issue #4): change alpha, gamma, k, mu, s, the sides and the
// window, and see the API's calibrationPreview (summary, wU / wS / weight histograms by label,
// samples, users) follow, debounced. Nothing is computed here: every number is the API's,
// the defaults included (calibrationDefaults). The config, the window and the sample filters
// live in the URL, so a link or a reload shows the same view and Back undoes a change.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { useViewer } from "@/components/ViewerContext";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { useDebounced } from "@/lib/useDebounced";
import { useUrlBackedState, useUrlState } from "@/lib/urlState";
import { fixedDomain, histogramPeak, useStickyMax, type HistogramName } from "./axes";
import { ConfigControls } from "./ConfigControls";
import { DatasetList, SaveDatasetForm } from "./Datasets";
import {
  CALIBRATION_DEFAULTS_QUERY,
  CALIBRATION_PREVIEW_QUERY,
  isBadInput,
  type CalibrationConfigInput,
  type CalibrationSummaryView,
  type PreferenceDatasetView,
} from "./queries";
import { SampleTable } from "./SampleTable";
import { SummaryCards } from "./SummaryCards";
import { configFromParams, configParams, filterFromParams, filterParams, windowFromParams, windowParams } from "./urlParams";
import { UsersTable } from "./UsersTable";
import { HistogramLegend, WeightHistogram, type HistogramScale } from "./WeightHistogram";
import styles from "./calibration.module.css";

const DEBOUNCE_MS = 300;

export function CalibrationInspector() {
  const viewer = useViewer();
  const allowed = viewer.role === "ADMIN" || viewer.role === "ENGINEER";
  const defaults = useQuery({
    queryKey: ["calibrationDefaults"],
    queryFn: () => gql(CALIBRATION_DEFAULTS_QUERY),
    enabled: allowed,
    staleTime: Infinity,
  });

  if (!allowed) {
    return (
      <>
        <div className="page-head">
          <h1>Calibration</h1>
        </div>
        <div className="notice warn" role="alert">
          Calibration reads click logs and datasets, which need an <strong>ENGINEER</strong> or <strong>ADMIN</strong> key; this key is {viewer.role}.
        </div>
      </>
    );
  }
  if (defaults.isError) return <ErrorNotice action="load the calibration defaults" error={defaults.error} onRetry={() => void defaults.refetch()} />;
  if (!defaults.data) return <p className="muted">Loading the calibration defaults…</p>;
  return <Inspector defaults={{ ...defaults.data.calibrationDefaults }} />;
}

function Inspector({ defaults }: { defaults: CalibrationConfigInput }) {
  const url = useUrlState();
  const { params } = url;
  // The config moves at slider speed in local state; the URL follows (one entry per burst).
  const [config, setConfig] = useUrlBackedState(url, "config", (p) => configFromParams(p, defaults), (c) => configParams(c, defaults));
  const windowState = useMemo(() => windowFromParams(params), [params]);
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [scale, setScale] = useState<HistogramScale>("share");
  // Bumped by "Fit axes": the histograms' y axes start over from the bars shown.
  const [axesEpoch, setAxesEpoch] = useState(0);

  const target = useMemo(() => ({ config, window: windowState.window }), [config, windowState.window]);
  const debounced = useDebounced(target, DEBOUNCE_MS);
  const pending = debounced !== target;

  const preview = useQuery({
    queryKey: ["calibrationPreview", debounced.window, debounced.config],
    queryFn: () => gql(CALIBRATION_PREVIEW_QUERY, { window: debounced.window, config: debounced.config }),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
  // The last preview the API accepted: shown (greyed) while it refuses the current inputs, and
  // the tables keep showing its samples and users.
  const [lastGood, setLastGood] = useState<{ target: typeof debounced; summary: CalibrationSummaryView } | null>(null);
  useEffect(() => {
    if (preview.data && !preview.isPlaceholderData) setLastGood({ target: debounced, summary: preview.data.calibrationPreview });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview.data, preview.isPlaceholderData]);
  const badInput = isBadInput(preview.error);
  const summary = preview.data?.calibrationPreview ?? (badInput ? lastGood?.summary : undefined);
  const tables = badInput && lastGood ? lastGood.target : debounced;
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [field, message] of Object.entries(fieldErrors(preview.error))) out[field.replace(/^config\./, "").replace(/^window\./, "")] = message;
    return out;
  }, [preview.error]);
  const updating = pending || preview.isFetching || preview.isPlaceholderData;
  const stale = updating || (badInput && !!summary);

  // Fixed axes: x from the config (axes.ts), y the tallest bar since the scale, the window or
  // "Fit axes" last changed, so a slider's effect shows as bars moving, not as a rescaled chart.
  const axisKey = `${scale}|${windowState.window.from}|${windowState.window.to}|${axesEpoch}`;
  const hists = summary?.histograms;
  const yMax = {
    wU: useStickyMax(hists ? histogramPeak(hists.wU, scale) : 0, `wU|${axisKey}`),
    wS: useStickyMax(hists ? histogramPeak(hists.wS, scale) : 0, `wS|${axisKey}`),
    weight: useStickyMax(hists ? histogramPeak(hists.weight, scale) : 0, `weight|${axisKey}`),
  } satisfies Record<HistogramName, number>;
  const shownConfig = summary?.config ?? config;

  const inspect = (d: PreferenceDatasetView) => {
    // The dataset's config and window only: the sample filters are the curator's and stay.
    url.set({ ...configParams({ ...d.config }, defaults), ...windowParams(d.from || d.to ? { preset: "custom", window: { from: d.from, to: d.to } } : null) });
    window.scrollTo({ top: 0, behavior: "smooth" });
  };

  return (
    <>
      <div className="page-head">
        <h1>Calibration</h1>
        <span className="muted">User-side (Eq. 6) and system-side (Eq. 7) weights, combined by Eq. 9, over the logged impressions. Nothing is stored until you save.</span>
        <div className="spacer" />
        <span className="small muted" data-testid="calibration-status" data-state={updating ? "updating" : preview.isError ? "error" : "ready"}>
          {updating ? (
            <span className="row">
              <span className="spinner" /> updating…
            </span>
          ) : preview.isError ? (
            "not updated"
          ) : summary ? (
            `computed in ${summary.computeMs.toFixed(0)} ms${summary.cached ? " (window cached)" : ""}`
          ) : null}
        </span>
      </div>

      <div className={styles.layout}>
        <aside className={`card ${styles.side}`} aria-label="Calibration settings">
          <ConfigControls
            config={config}
            defaults={defaults}
            onConfig={setConfig}
            windowState={windowState}
            onWindow={(next) => url.set(windowParams(next))}
            errors={errors}
            resolved={summary && !badInput ? { mu: summary.mu, s: summary.s } : null}
          />
          <hr className={styles.rule} />
          <SaveDatasetForm window={debounced.window} config={debounced.config} enabled={!badInput && !pending} />
        </aside>

        <div className={styles.main}>
          {preview.isError && (
            <div className={`notice ${badInput ? "warn" : "error"}`} role="alert" data-testid="calibration-error">
              {badInput ? "The API refused these settings: " : "Could not compute the preview: "}
              {errorMessage(preview.error)}
              {summary && " (showing the last valid preview)"}
              {!badInput && (
                <>
                  {" "}
                  <button type="button" className="btn small" onClick={() => void preview.refetch()}>
                    Retry
                  </button>
                </>
              )}
            </div>
          )}
          {!summary && preview.isLoading && <p className="muted">Calibrating the window…</p>}
          {summary && (
            <>
              <SummaryCards summary={summary} stale={stale} />
              {summary.sampleCount === 0 && (
                <div className="notice info" role="status">
                  There are no impressions in this window. Ingest a click log (<code>toolrec ingest FILE</code> or the ingestImpressions mutation) or widen the window.
                </div>
              )}
              <section className={`card ${styles.histCard} ${stale ? styles.stale : ""}`} aria-label="Weight histograms" data-testid="histograms">
                <div className={styles.cardHead}>
                  <h2 style={{ margin: 0 }}>Weights by label</h2>
                  <HistogramLegend />
                  <div className="spacer" />
                  <span className="small muted" title="The axes stay put while the settings change, so the bars show what moved.">
                    fixed axes
                  </span>
                  <button type="button" className="btn small ghost" onClick={() => setAxesEpoch((n) => n + 1)} title="Fit the y axes to the bars shown now">
                    Fit axes
                  </button>
                  <label className="inline small">
                    Bar height
                    <select aria-label="Histogram scale" value={scale} onChange={(e) => setScale(e.target.value as HistogramScale)}>
                      <option value="share">% of the label&apos;s samples</option>
                      <option value="count">sample count</option>
                    </select>
                  </label>
                </div>
                <div className={styles.histGrid}>
                  <WeightHistogram name="wU" title="wU · user side (Eq. 6)" hist={summary.histograms.wU} scale={scale} domain={fixedDomain("wU", shownConfig)} yMax={yMax.wU} />
                  <WeightHistogram name="wS" title="wS · system side (Eq. 7)" hist={summary.histograms.wS} scale={scale} domain={fixedDomain("wS", shownConfig)} yMax={yMax.wS} />
                  <WeightHistogram name="weight" title="w · combined (Eq. 9)" hist={summary.histograms.weight} scale={scale} domain={fixedDomain("weight", shownConfig)} yMax={yMax.weight} />
                </div>
              </section>
            </>
          )}

          <SampleTable window={tables.window} config={tables.config} filter={filter} onFilter={(patch, burst) => url.set(filterParams(patch), { burst })} enabled />
          <UsersTable
            window={tables.window}
            config={tables.config}
            enabled
            mu={summary?.mu ?? null}
            selectedUser={filter.userId}
            onSelectUser={(userId) => url.set(filterParams({ userId }))}
          />
        </div>
      </div>
      <div className={styles.fullWidth}>
        <DatasetList onInspect={inspect} />
      </div>
    </>
  );
}

"use client";

// "Save as dataset" (createPreferenceDataset with the inspector's window and config) and the
// stored datasets with their counts and downloads. Downloads go through the console's own
// route (/api/datasets/<id>/<file>), which adds the session's key; the browser never sees it.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { ProgressBar } from "@/components/ProgressBar";
import { NEWER_OLDER, Pager, useCursorPages } from "@/components/Pager";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { formatDateTime, formatInt } from "@/lib/format";
import type { PreferenceDatasetInput } from "@/gql/graphql";
import { short } from "./format";
import {
  CREATE_DATASET_MUTATION,
  DATASET_QUERY,
  DATASETS_QUERY,
  DELETE_DATASET_MUTATION,
  downloadHref,
  type CalibrationConfigInput,
  type CalibrationConfigView,
  type PreferenceDatasetView,
  type TimeWindow,
} from "./queries";
import styles from "./calibration.module.css";

export function configLabel(c: CalibrationConfigView): string {
  const sides =
    c.userSide && c.systemSide !== "OFF" ? `user + ${c.systemSide}` : c.userSide ? "user side only" : c.systemSide !== "OFF" ? `${c.systemSide} only` : "vanilla";
  const parts = [sides];
  if (c.userSide) parts.push(`α ${short(c.alpha)}`, c.muMode === "FIXED" ? `μ ${short(c.mu)}` : "μ upper quartile", c.s == null ? "s auto" : `s ${short(c.s)}`);
  if (c.systemSide !== "OFF") parts.push(`γ ${short(c.gamma)}`);
  if (c.systemSide === "DYNAMIC") parts.push(`k ${short(c.k)}`);
  return parts.join(" · ");
}

function windowLabel(from: string | null, to: string | null): string {
  if (!from && !to) return "all impressions";
  return `${from ? formatDateTime(from) : "…"} → ${to ? formatDateTime(to) : "…"}`;
}

interface SaveProps {
  window: TimeWindow;
  config: CalibrationConfigInput;
  /** False while the inspector's inputs are invalid. */
  enabled: boolean;
}

/** How often a building dataset is polled for its progress. */
const BUILD_POLL_MS = 500;

export function SaveDatasetForm({ window, config, enabled }: SaveProps) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<PreferenceDatasetView | null>(null);
  const create = useMutation({
    mutationFn: (input: PreferenceDatasetInput) => gql(CREATE_DATASET_MUTATION, { input }),
    onSuccess: (data) => {
      setCreated(data.createPreferenceDataset);
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["preferenceDatasets"] });
    },
  });
  // The API builds the dataset in the background: follow its progress until READY or FAILED.
  const build = useQuery({
    queryKey: ["preferenceDataset", created?.id],
    queryFn: () => gql(DATASET_QUERY, { id: created!.id }),
    enabled: created !== null,
    refetchInterval: (q) => (q.state.data?.preferenceDataset?.status === "BUILDING" || !q.state.data ? BUILD_POLL_MS : false),
  });
  const saved = build.data?.preferenceDataset ?? created;
  const finished = saved?.status !== "BUILDING";
  useEffect(() => {
    if (saved && saved.status !== "BUILDING") void queryClient.invalidateQueries({ queryKey: ["preferenceDatasets"] });
  }, [saved?.status, saved, queryClient]);
  const errors = fieldErrors(create.error);
  const nameError = errors.name;
  const otherError = create.error && !nameError ? Object.entries(errors).map(([f, m]) => (f ? `${f}: ${m}` : m)).join("; ") || errorMessage(create.error) : null;
  return (
    <form
      className={styles.saveForm}
      onSubmit={(e) => {
        e.preventDefault();
        setCreated(null);
        create.mutate({ name: name.trim(), from: window.from, to: window.to, config });
      }}
    >
      <div className="field" style={{ marginBottom: 0 }}>
        <label className="field-label" htmlFor="dataset-name">
          Save as dataset
        </label>
        <div className="row">
          <input
            id="dataset-name"
            type="text"
            placeholder="Dataset name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined}
            style={{ flex: 1, minWidth: 0 }}
          />
          <button type="submit" className="btn primary" disabled={!enabled || create.isPending || name.trim() === ""}>
            {create.isPending ? "Saving…" : "Save"}
          </button>
        </div>
        {nameError ? <p className="field-error">{nameError}</p> : <p className="field-hint">Stores this window under this config (createPreferenceDataset).</p>}
      </div>
      {otherError && (
        <div className="notice error small" role="alert">
          {otherError}
        </div>
      )}
      {saved && !finished && (
        <div className="notice small" role="status" data-testid="dataset-building">
          Building <strong>{saved.name}</strong>… {Math.round(saved.progress * 100)}%
          <ProgressBar progress={saved.progress} label={`Building ${saved.name}`} />
        </div>
      )}
      {saved?.status === "READY" && (
        <div className="notice ok small" role="status" data-testid="dataset-saved">
          Saved <strong>{saved.name}</strong>: {formatInt(saved.sampleCount)} samples.
        </div>
      )}
      {saved?.status === "FAILED" && (
        <div className="notice error small" role="alert" data-testid="dataset-failed">
          Building <strong>{saved.name}</strong> failed: {saved.error}
        </div>
      )}
    </form>
  );
}

interface ListProps {
  /** Loads a dataset's window and config into the inspector. */
  onInspect: (d: PreferenceDatasetView) => void;
}

const PAGE = 10;

export function DatasetList({ onInspect }: ListProps) {
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const { after } = pages;
  const datasets = useQuery({
    queryKey: ["preferenceDatasets", after],
    queryFn: () => gql(DATASETS_QUERY, { first: PAGE, after }),
    placeholderData: keepPreviousData,
    // Rows still building show their progress: poll until none is.
    refetchInterval: (q) => (q.state.data?.preferenceDatasets.edges.some((e) => e.node.status === "BUILDING") ? 1000 : false),
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => gql(DELETE_DATASET_MUTATION, { id }),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: ["preferenceDatasets"] });
    },
  });
  const conn = datasets.data?.preferenceDatasets;
  return (
    <section className="card" aria-label="Datasets" data-testid="datasets">
      <div className={styles.cardHead}>
        <h2 style={{ margin: 0 }}>Datasets</h2>
        {conn && <span className="muted">{formatInt(conn.totalCount)} stored</span>}
        {datasets.isFetching && <span className="spinner" aria-label="Loading datasets" />}
      </div>
      {datasets.isError && <ErrorNotice action="load datasets" error={datasets.error} onRetry={() => void datasets.refetch()} />}
      {remove.isError && <ErrorNotice action="delete" error={remove.error} />}
      <div className="table-wrap">
        <table className="data compact" data-testid="dataset-table">
          <thead>
            <tr>
              <th>Dataset</th>
              <th>Window · config</th>
              <th className="num">Samples</th>
              <th className="num">Desirable / undesirable</th>
              <th className="num">Masked</th>
              <th className="num">Tool-invoking</th>
              <th className="num">Users</th>
              <th className="num">ESS</th>
              <th className="num">Σw</th>
              <th>Download</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {conn?.edges.map(({ node: d }) => (
              <tr key={d.id} data-dataset-id={d.id}>
                <td className={styles.datasetName}>
                  <div className="strong">{d.name}</div>
                  <div className="small muted">
                    {formatDateTime(d.createdAt)} · {d.createdBy}
                  </div>
                </td>
                <td className="small">
                  <div>{windowLabel(d.from, d.to)}</div>
                  <div className="muted">{configLabel(d.config)}</div>
                </td>
                <td className="num">
                  {d.status === "READY" ? (
                    formatInt(d.sampleCount)
                  ) : d.status === "BUILDING" ? (
                    <span data-testid="dataset-row-progress">
                      <ProgressBar progress={d.progress} label={`Building ${d.name}`} /> {Math.round(d.progress * 100)}%
                    </span>
                  ) : (
                    <span className="field-error" title={d.error ?? undefined}>
                      failed
                    </span>
                  )}
                </td>
                <td className="num">
                  {formatInt(d.desirableCount)} / {formatInt(d.undesirableCount)}
                </td>
                <td className="num">{formatInt(d.maskedCount)}</td>
                <td className="num">{formatInt(d.toolInvokingCount)}</td>
                <td className="num">{formatInt(d.userCount)}</td>
                <td className="num" title={String(d.effectiveSampleSize)}>
                  {d.effectiveSampleSize.toFixed(1)}
                </td>
                <td className="num" title={String(d.weightSum)}>
                  {d.weightSum.toFixed(2)}
                </td>
                <td className={styles.downloads}>
                  {d.status === "READY" && (
                    <>
                      <a href={downloadHref(d.exportPaths.jsonl)} download title={`sha256 ${d.checksum}`}>
                        JSONL
                      </a>
                      <a href={downloadHref(d.exportPaths.parquet)} download>
                        Parquet
                      </a>
                      <a href={downloadHref(d.exportPaths.metadata)} target="_blank" rel="noreferrer">
                        metadata
                      </a>
                    </>
                  )}
                </td>
                <td className="actions">
                  <button type="button" className="btn small" onClick={() => onInspect(d)} title="Load this dataset's window and config into the inspector">
                    Inspect
                  </button>{" "}
                  {confirming === d.id ? (
                    <>
                      <button type="button" className="btn small danger" disabled={remove.isPending} onClick={() => remove.mutate(d.id)}>
                        Delete it
                      </button>{" "}
                      <button type="button" className="btn small ghost" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button type="button" className="btn small ghost" onClick={() => setConfirming(d.id)} aria-label={`Delete ${d.name}`}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {conn && conn.edges.length === 0 && (
              <tr>
                <td colSpan={11} className="empty">
                  No datasets yet. Save the inspector&apos;s config as one above.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {conn && (pages.pageIndex > 0 || conn.pageInfo.hasNextPage) && <Pager pages={pages} pageInfo={conn.pageInfo} labels={NEWER_OLDER} />}
    </section>
  );
}

"use client";

// Training runs, newest first, with a status filter and cursor pages; refreshed every 2 s while
// any run shown is queued or running.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { NEWER_OLDER, Pager, useCursorPages } from "@/components/Pager";
import { formatDateTime, formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { isActive, RUN_STATUSES, RUNS_QUERY, type TrainingRunStatus } from "./queries";
import { ProgressBar, StatusBadge } from "./StatusBadge";
import { WorkersNotice } from "./WorkersNotice";
import styles from "./runs.module.css";

const PAGE = 20;

export function RunsList() {
  const [status, setStatus] = useState<TrainingRunStatus | "">("");
  const pages = useCursorPages(status);
  const runs = useQuery({
    queryKey: ["trainingRuns", status, pages.after],
    queryFn: () => gql(RUNS_QUERY, { filter: status ? { status } : null, first: PAGE, after: pages.after }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.trainingRuns.edges.some((e) => isActive(e.node.status)) ? 2000 : false),
  });
  const conn = runs.data?.trainingRuns;
  return (
    <>
      <div className="page-head">
        <h1>Training runs</h1>
        <span className="muted">Weighted KTO + LoRA on workers (the paper&apos;s Eq. 8 with the calibrated weights).</span>
        <Link href="/runs/new" className="btn primary">
          New run
        </Link>
      </div>
      <WorkersNotice />
      <div className={styles.head}>
        <label className="inline small">
          <span className="muted">Status</span>
          <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value as TrainingRunStatus | "")}>
            <option value="">all</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        {conn && <span className="muted small">{formatInt(conn.totalCount)} runs</span>}
        {runs.isFetching && <span className="spinner" aria-label="Loading runs" />}
      </div>
      {runs.isError && <ErrorNotice action="load runs" error={runs.error} />}
      <div className="table-wrap">
        <table className="data" data-testid="runs-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Status</th>
              <th>Progress</th>
              <th>Dataset</th>
              <th>Base model</th>
              <th>Worker</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {conn?.edges.map(({ node: r }) => (
              <tr key={r.id} data-run-id={r.id}>
                <td className="mono small">
                  <Link href={`/runs/${encodeURIComponent(r.id)}`}>{r.id}</Link>
                </td>
                <td>
                  <StatusBadge status={r.status} cancelRequested={r.cancelRequested} />
                </td>
                <td>
                  <div className="row small">
                    <ProgressBar progress={r.progress} label={`Progress of ${r.id}`} />
                    <span className="muted">{r.totalSteps ? `${r.step}/${r.totalSteps}` : `${Math.round(r.progress * 100)}%`}</span>
                  </div>
                </td>
                <td className="small">{r.dataset?.name ?? <span className="muted">{r.datasetId} (deleted)</span>}</td>
                <td className="mono small">{r.baseModel}</td>
                <td className="small">{r.worker?.name ?? <span className="muted">—</span>}</td>
                <td className="small">
                  {formatDateTime(r.createdAt)} · {r.createdBy}
                </td>
              </tr>
            ))}
            {conn && conn.edges.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  No runs{status ? ` with status ${status.toLowerCase()}` : ""}. <Link href="/runs/new">Queue one</Link>.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {conn && (pages.pageIndex > 0 || conn.pageInfo.hasNextPage) && <Pager pages={pages} pageInfo={conn.pageInfo} totalCount={conn.totalCount} pageSize={PAGE} labels={NEWER_OLDER} />}
    </>
  );
}

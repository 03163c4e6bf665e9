"use client";

// The latest dev-set evaluation (`npm run eval:retrieval` / `toolrec eval retrieval`):
// every retriever overall, then one retriever per category and per dialogue kind.

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { formatDateTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { RETRIEVAL_EVALUATION_QUERY, type GroupMetrics, type Metrics, type RetrievalEvaluationView } from "./queries";
import styles from "./retrieval.module.css";

const COLUMNS: { key: keyof Omit<Metrics, "n">; label: string }[] = [
  { key: "recallAt1", label: "R@1" },
  { key: "recallAt5", label: "R@5" },
  { key: "recallAt10", label: "R@10" },
  { key: "ndcgAt5", label: "nDCG@5" },
  { key: "mrr", label: "MRR" },
];

function MetricCells({ m, best }: { m: Metrics; best?: Partial<Record<keyof Metrics, number>> }) {
  return (
    <>
      {COLUMNS.map((c) => (
        <td key={c.key} className={`${styles.metricCell} ${best && best[c.key] === m[c.key] ? styles.best : ""}`}>
          {m[c.key].toFixed(3)}
        </td>
      ))}
    </>
  );
}

function GroupTable({ title, groups }: { title: string; groups: GroupMetrics[] }) {
  return (
    <div className="table-wrap" style={{ marginTop: "0.75rem" }}>
      <table className="data compact">
        <thead>
          <tr>
            <th>{title}</th>
            <th className="num">n</th>
            {COLUMNS.map((c) => (
              <th key={c.key} className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.name}>
              <td>{g.name}</td>
              <td className="num">{g.metrics.n}</td>
              <MetricCells m={g.metrics} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EvaluationTable() {
  const query = useQuery({
    queryKey: ["retrievalEvaluation"],
    queryFn: () => gql<{ retrievalEvaluation: RetrievalEvaluationView | null }>(RETRIEVAL_EVALUATION_QUERY),
    staleTime: 60_000,
  });
  const [selected, setSelected] = useState<string | null>(null);

  const evaluation = query.data?.retrievalEvaluation;
  const retrievers = evaluation?.retrievers ?? [];
  const current = retrievers.find((r) => r.label === selected) ?? retrievers.find((r) => r.isDefault) ?? retrievers[0];
  const best: Partial<Record<keyof Metrics, number>> = {};
  for (const c of COLUMNS) best[c.key] = Math.max(...retrievers.map((r) => r.overall[c.key]));

  return (
    <section className="card" aria-label="Evaluation" data-testid="evaluation">
      <div className="row" style={{ marginBottom: "0.5rem" }}>
        <h2 style={{ margin: 0 }}>Latest evaluation on the dev set</h2>
        <div className="spacer" />
        <button type="button" className="btn small ghost" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Reload
        </button>
      </div>
      {query.isPending && <p className="muted">Loading…</p>}
      {query.isError && <ErrorNotice action="load the evaluation" error={query.error} />}
      {query.isSuccess && !evaluation && (
        <div className="notice info" role="status">
          No evaluation yet. Run <code>npm run eval:retrieval</code> (or <code>toolrec eval retrieval</code>) on the API&apos;s machine; it writes{" "}
          <code>.data/eval/retrieval-latest.json</code>.
        </div>
      )}
      {evaluation && current && (
        <>
          <p className="small muted" style={{ marginTop: 0 }}>
            {evaluation.devsetDialogues} labelled dialogues ({evaluation.devsetPath}) over {evaluation.catalogTools} tools, run{" "}
            {formatDateTime(evaluation.generatedAt)}. Recall@k: share of a dialogue&apos;s relevant tools in its top k, averaged.
          </p>
          <div className="table-wrap">
            <table className="data compact">
              <thead>
                <tr>
                  <th>Retriever</th>
                  {COLUMNS.map((c) => (
                    <th key={c.key} className="num">
                      {c.label}
                    </th>
                  ))}
                  <th className="num">p95 ms</th>
                </tr>
              </thead>
              <tbody>
                {retrievers.map((r) => (
                  <tr
                    key={r.label}
                    onClick={() => setSelected(r.label)}
                    style={{ cursor: "pointer", background: r === current ? "var(--accent-soft)" : undefined }}
                    aria-selected={r === current}
                  >
                    <td>
                      <code>{r.label}</code> {r.isDefault && <span className="badge ok">default</span>}
                    </td>
                    <MetricCells m={r.overall} best={retrievers.length > 1 ? best : undefined} />
                    <td className="num">{r.latencyMs.p95.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">
            Per category and per kind for <code>{current.label}</code>
            {retrievers.length > 1 ? " (click a row above to switch)" : ""}:
          </p>
          <div className={styles.columns}>
            <GroupTable title="Category" groups={current.byCategory} />
            <GroupTable title="Kind" groups={current.byKind} />
          </div>
        </>
      )}
    </section>
  );
}

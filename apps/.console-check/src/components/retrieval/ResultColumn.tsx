"use client";

// One configuration's ranked tools: per-stage rank and score, the fused score, the words that
// matched, and how each tool's rank differs from the other column.

import Link from "next/link";
import type { ReactNode } from "react";
import type { RetrievalResultView, StageConfig, StageKey, StageScore } from "./queries";
import styles from "./retrieval.module.css";

const STAGES: { key: StageKey; label: string; hint: string }[] = [
  { key: "lexical", label: "Lexical (BM25)", hint: "BM25 over name, canonical query, utterances and description" },
  { key: "dense", label: "Dense", hint: "embedding similarity (needs TOOLREC_RETRIEVAL_DENSE_MODEL on the API)" },
  { key: "rerank", label: "Rerank", hint: "a reranker over the top 20 (needs TOOLREC_RETRIEVAL_RERANK_MODEL on the API)" },
];

const ms = (v: number | null | undefined) => (v == null ? null : v < 10 ? v.toFixed(2) : v.toFixed(1));

function Stage({ name, s, digits = 3 }: { name: string; s: StageScore | null; digits?: number }) {
  if (!s) return null;
  return (
    <span className={styles.stage} title={`${name}: rank ${s.rank}, score ${s.score}`}>
      <span className={styles.stageName}>{name}</span>#{s.rank} · {s.score.toFixed(digits)}
    </span>
  );
}

interface Props {
  label: string;
  config: StageConfig;
  configured: StageConfig;
  onConfig: (next: StageConfig) => void;
  result: RetrievalResultView | undefined;
  /** Ranks in the other column, to show what differs. */
  otherRanks: Map<string, number> | null;
  pending: boolean;
  error: ReactNode;
}

export function ResultColumn({ label, config, configured, onConfig, result, otherRanks, pending, error }: Props) {
  return (
    <section className={`card ${styles.column}`} aria-label={`Configuration ${label}`} data-testid={`column-${label}`}>
      <div className={styles.columnHead}>
        <span className={styles.columnLabel}>{label}</span>
        <div className={styles.toggles} role="group" aria-label={`Stages of configuration ${label}`}>
          {STAGES.map((st) => {
            const available = configured[st.key];
            return (
              <label key={st.key} className={`${styles.toggle} ${available ? "" : styles.toggleOff}`} title={available ? st.hint : `Not configured: ${st.hint}`}>
                <input
                  type="checkbox"
                  checked={available && config[st.key]}
                  disabled={!available}
                  onChange={(e) => onConfig({ ...config, [st.key]: e.target.checked })}
                />
                {st.label}
              </label>
            );
          })}
        </div>
        <div className="spacer" />
        {pending && <span className="spinner" aria-label="Loading" />}
      </div>

      {error}
      {result && (
        <>
          <div className="row small" style={{ marginBottom: "0.35rem" }}>
            <span className="muted">Retriever</span>
            <code className={styles.retriever} data-testid={`retriever-${label}`}>
              {result.retriever}
            </code>
          </div>
          <div className={styles.latency} aria-label="Latency">
            <span>
              <strong>{ms(result.latencyMs.total)} ms</strong> in the API
            </span>
            {(["lexical", "dense", "fuse", "rerank"] as const).map((k) =>
              result.latencyMs[k] == null ? null : (
                <span key={k}>
                  {k} {ms(result.latencyMs[k])} ms
                </span>
              ),
            )}
          </div>
          {result.tools.length === 0 ? (
            <p className="muted">No tool matches this dialogue.</p>
          ) : (
            <ol className={styles.hits} data-testid={`hits-${label}`}>
              {result.tools.map((t) => {
                const other = otherRanks?.get(t.tool.id);
                const onlyHere = otherRanks !== null && other === undefined;
                const delta = other === undefined ? null : other - t.rank;
                return (
                  <li key={t.tool.id} className={`${styles.hit} ${onlyHere ? styles.hitOnlyHere : ""}`} data-tool-id={t.tool.id}>
                    <div className={styles.hitHead}>
                      <span className={styles.rank}>{t.rank}</span>
                      <Link href={`/tools/${encodeURIComponent(t.tool.id)}`} className={styles.hitName}>
                        {t.tool.name}
                      </Link>
                      <span className="tag">{t.tool.category.name}</span>
                      {onlyHere && <span className="badge">only in {label}</span>}
                      {delta !== null && delta !== 0 && (
                        <span className={`${styles.delta} ${delta > 0 ? styles.up : styles.down}`} title={`Rank ${other} in the other column`}>
                          {delta > 0 ? `▲${delta}` : `▼${-delta}`}
                        </span>
                      )}
                      <div className="spacer" />
                      <span className="small muted" title="Fused score: sum over the first stages of 1 / (60 + rank)">
                        {t.score.toFixed(4)}
                      </span>
                    </div>
                    <div className="small muted">
                      <code>{t.tool.id}</code> · “{t.tool.canonicalQuery}”
                    </div>
                    <div className={styles.stages}>
                      <Stage name="bm25" s={t.stages.lexical} digits={2} />
                      <Stage name="dense" s={t.stages.dense} />
                      <Stage name="fused" s={t.stages.fused} digits={4} />
                      <Stage name="rerank" s={t.stages.rerank} />
                    </div>
                    {t.matchedTerms.length > 0 ? (
                      <div className={styles.terms}>
                        <span className="muted">matched</span>
                        {t.matchedTerms.map((w) => (
                          <span key={w} className={styles.term}>
                            {w}
                          </span>
                        ))}
                      </div>
                    ) : (
                      <div className={`${styles.terms} muted`}>no shared words (found by meaning)</div>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

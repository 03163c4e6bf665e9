"use client";

// One configuration's ranked tools: each stage's score as a bar (the lexical stage's parts,
// utterance + context + prior + clicks + classifier, share one scale with the fused total, so
// their sum and the gaps between tools are visible; dense and rerank have their own), the words
// that matched, and how each tool's rank differs from the other column.
//
// Every part is >= 0 but the classifier's, μ · ln(T · p(tool | dialogue)), which is below 0
// where the phrase classifier finds the tool less likely than chance. Its bar starts from a zero
// line in the middle of its track: right for a positive score, left (in red) for a negative one,
// as long as an equal score's bar in the other rows (same scale). A score beyond half the scale
// fills its half of the track and is marked as cut off; the signed number beside it is exact.

import Link from "next/link";
import type { ReactNode } from "react";
import type { RetrievalResultView, RetrievedToolView, StageConfig, StageKey } from "./queries";
import styles from "./retrieval.module.css";

const STAGES: { key: StageKey; label: string; hint: string; part?: boolean }[] = [
  { key: "lexical", label: "Lexical", hint: "utterance-level BM25 over utterances, situations, name, canonical query and description" },
  { key: "context", label: "Context", hint: "evidence from the assistant response and earlier turns, weighted by how much each word discriminates", part: true },
  { key: "prior", label: "Prior", hint: "how often people invoke the tool (frequency prior)", part: true },
  { key: "clicks", label: "Clicks", hint: "dialogues where a suggestion invoking the tool was clicked", part: true },
  {
    key: "classifier",
    label: "Classifier",
    hint: "a phrase classifier trained on the catalog's own phrases: which words tell this tool from its neighbours",
    part: true,
  },
  { key: "dense", label: "Dense", hint: "embedding similarity (needs TOOLREC_RETRIEVAL_DENSE_MODEL on the API)" },
  { key: "rerank", label: "Rerank", hint: "a reranker over the top 20 (needs TOOLREC_RETRIEVAL_RERANK_MODEL on the API)" },
];

type ScoreKey = keyof RetrievedToolView["stages"];
/**
 * The bars, in order; `scale` says which maximum a bar is measured against. A `signed` bar's
 * score can be below 0: it is drawn both ways from a zero line in the middle of its track.
 */
const BARS: { key: ScoreKey; label: string; scale: "fused" | "own"; signed?: boolean }[] = [
  { key: "utterance", label: "utterance", scale: "fused" },
  { key: "context", label: "context", scale: "fused" },
  { key: "prior", label: "prior", scale: "fused" },
  { key: "clicks", label: "clicks", scale: "fused" },
  { key: "classifier", label: "classifier", scale: "fused", signed: true },
  { key: "dense", label: "dense", scale: "own" },
  { key: "rerank", label: "rerank", scale: "own" },
  { key: "fused", label: "fused", scale: "fused" },
];

/**
 * A score that can be below 0 (the classifier's): from the zero line in the middle of the track,
 * right when positive, left and red when negative; |score| / denom of the track's width, like the
 * unsigned bars, so at most half of it (a longer one is cut off there and marked).
 */
function SignedBar({ label, stage, s, denom }: { label: string; stage: ScoreKey; s: RetrievedToolView["stages"][ScoreKey]; denom: number }) {
  const score = s?.score ?? 0;
  const share = denom > 0 ? Math.abs(score) / denom : 0;
  const clipped = share > 0.5;
  const width = Math.min(0.5, share);
  const negative = score < 0;
  const sign = negative ? "negative" : score > 0 ? "positive" : "zero";
  const title = s
    ? `${label}: rank ${s.rank}, score ${s.score}` +
      (negative ? " (below 0: the classifier finds this tool less likely than chance)" : score > 0 ? " (above 0: more likely than chance)" : "") +
      (clipped ? "; the bar is cut off at half the scale" : "")
    : `${label}: no evidence`;
  const fill = [styles.barFill, styles.signedFill, negative ? styles.barNegative : styles[`bar_${stage}`] ?? "", clipped ? styles.barClipped : ""].filter(Boolean).join(" ");
  return (
    <div className={styles.barRow} role="listitem" data-stage={stage} data-sign={sign} title={title}>
      <span className={styles.barLabel}>{label}</span>
      <span className={`${styles.barTrack} ${styles.barTrackSigned}`}>
        <span className={fill} style={negative ? { right: "50%", width: `${(width * 100).toFixed(1)}%` } : { left: "50%", width: `${(width * 100).toFixed(1)}%` }} />
      </span>
      <span className={negative ? `${styles.barValue} ${styles.barValueNegative}` : styles.barValue}>{s ? `${score > 0 ? "+" : ""}${score.toFixed(2)}` : "—"}</span>
    </div>
  );
}

function StageBars({ t, max }: { t: RetrievedToolView; max: Partial<Record<ScoreKey | "fusedScale", number>> }) {
  return (
    <div className={styles.bars} role="list" aria-label="Stage scores">
      {BARS.map((b) => {
        const s = t.stages[b.key];
        if (!s && b.key !== "utterance" && b.key !== "fused") return null;
        const score = s?.score ?? 0;
        const denom = (b.scale === "fused" ? max.fusedScale : max[b.key]) ?? 0;
        if (b.signed) return <SignedBar key={b.key} label={b.label} stage={b.key} s={s} denom={denom} />;
        const width = denom > 0 ? Math.max(0, Math.min(1, score / denom)) : 0;
        return (
          <div key={b.key} className={styles.barRow} role="listitem" data-stage={b.key} title={s ? `${b.label}: rank ${s.rank}, score ${s.score}` : `${b.label}: no evidence`}>
            <span className={styles.barLabel}>{b.label}</span>
            <span className={styles.barTrack}>
              <span className={`${styles.barFill} ${styles[`bar_${b.key}`] ?? ""}`} style={{ width: `${(width * 100).toFixed(1)}%` }} />
            </span>
            <span className={styles.barValue}>{s ? score.toFixed(2) : "—"}</span>
          </div>
        );
      })}
    </div>
  );
}

const ms = (v: number | null | undefined) => (v == null ? null : v < 10 ? v.toFixed(2) : v.toFixed(1));

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
  // One scale per column: the lexical parts and the fused total against the largest fused or
  // lexical score shown; dense and rerank against their own largest score.
  const max: Partial<Record<ScoreKey | "fusedScale", number>> = {};
  for (const t of result?.tools ?? []) {
    for (const b of BARS) {
      const v = t.stages[b.key]?.score;
      if (v !== undefined && v > (max[b.key] ?? 0)) max[b.key] = v;
    }
    const lex = t.stages.lexical?.score ?? 0;
    max.fusedScale = Math.max(max.fusedScale ?? 0, t.stages.fused?.score ?? 0, lex);
  }
  const lexicalOn = config.lexical && configured.lexical;
  return (
    <section className={`card ${styles.column}`} aria-label={`Configuration ${label}`} data-testid={`column-${label}`}>
      <div className={styles.columnHead}>
        <span className={styles.columnLabel}>{label}</span>
        <div className={styles.toggles} role="group" aria-label={`Stages of configuration ${label}`}>
          {STAGES.map((st) => {
            const available = configured[st.key] && (!st.part || lexicalOn);
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
                  <li
                    key={t.tool.id}
                    className={`${styles.hit} ${onlyHere ? styles.hitOnlyHere : ""} ${delta !== null && delta !== 0 ? styles.hitMoved : ""}`}
                    data-tool-id={t.tool.id}
                    data-differs={otherRanks !== null && (onlyHere || (delta !== null && delta !== 0)) ? "true" : undefined}
                  >
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
                      <span className={`small muted ${styles.hitScore}`} title="Final score: the lexical parts summed, or reciprocal rank fusion with a dense stage">
                        {t.score.toFixed(2)}
                      </span>
                    </div>
                    <div className="small muted">
                      <code>{t.tool.id}</code> · “{t.tool.canonicalQuery}”
                    </div>
                    <StageBars t={t} max={max} />
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

"use client";

// The Retrieval page: edit a dialogue, see which tools two stage configurations (A and B)
// retrieve for it, side by side, with each stage's rank and score and the words that matched;
// the weighted query the stages searched with; the latest dev-set evaluation.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { gql } from "@/lib/graphql";
import { errorMessage, GraphQLRequestError } from "@/lib/graphql-errors";
import { useDebounced } from "@/lib/useDebounced";
import { DialogueEditor } from "@/components/dialogue/DialogueEditor";
import { TuneMisses } from "./TuneMisses";
import { EvaluationTable } from "./EvaluationTable";
import {
  RETRIEVAL_PREVIEW_QUERY,
  RETRIEVAL_STATUS_QUERY,
  toDialogueInput,
  type DialogueValue,
  type RetrievalResultView,
  type RetrievalStatusView,
  type StageConfig,
} from "./queries";
import { ResultColumn } from "./ResultColumn";
import { TOP_N_CHOICES, useRetrievalUrlState } from "./urlState";
import styles from "./retrieval.module.css";

/** What the toggles offer until the API's status says which stages it has: BM25 and its parts. */
const UNKNOWN_CONFIGURED: StageConfig = { lexical: true, dense: false, rerank: false, context: true, prior: true, clicks: true, classifier: true };

function badInput(error: unknown): { field: string; message: string } | null {
  if (!(error instanceof GraphQLRequestError)) return null;
  const e = error.withCode("BAD_USER_INPUT");
  return e ? { field: String(e.extensions?.field ?? ""), message: e.message } : null;
}

function usePreview(dialogue: DialogueValue, topN: number, config: StageConfig, configured: StageConfig | null) {
  const input = toDialogueInput(dialogue);
  // Only the stages this API has; an unconfigured stage is sent as false.
  const effective = configured
    ? {
        lexical: config.lexical,
        dense: config.dense && configured.dense,
        rerank: config.rerank && configured.rerank,
        context: config.context,
        prior: config.prior,
        clicks: config.clicks,
        classifier: config.classifier,
      }
    : null;
  return useQuery({
    queryKey: ["retrievalPreview", input, topN, effective],
    queryFn: () =>
      gql<{ retrievalPreview: RetrievalResultView }>(RETRIEVAL_PREVIEW_QUERY, { dialogue: input, topN, config: effective }),
    enabled: effective !== null && dialogue.userQuery.trim() !== "",
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5_000,
  });
}

/** The phrase classifier's state in the status line: a progress bar while it retrains after an edit. */
function ClassifierState({ classifier: c }: { classifier: NonNullable<RetrievalStatusView["classifier"]> }) {
  if (c.state === "TRAINING") {
    const pct = Math.round(c.progress * 100);
    return (
      <span data-testid="classifier-status">
        {" "}
        · classifier: retraining <progress max={100} value={pct} aria-label="classifier training" /> {pct}% (the previous model, {c.tools} tools, serves meanwhile)
      </span>
    );
  }
  const trained = c.trainingMs != null ? `, trained in ${(c.trainingMs / 1000).toFixed(1)} s` : "";
  const what = c.state === "READY" ? `${c.tools} tools${trained}` : c.state === "STALE" ? "rebuilt on the next preview" : "off";
  return <span data-testid="classifier-status"> · classifier: {what}</span>;
}

export function RetrievalWorkbench() {
  // Every input is in the URL (./urlState.ts): links reproduce the view, Back steps through it.
  const { dialogue, setDialogue, topN, setTopN, configA, setConfigA, configB, setConfigB, compare: compareChoice, setCompare } = useRetrievalUrlState();
  const debounced = useDebounced(dialogue, 350);

  const status = useQuery({
    queryKey: ["retrievalStatus"],
    queryFn: () => gql<{ retrievalStatus: RetrievalStatusView }>(RETRIEVAL_STATUS_QUERY),
    staleTime: 10_000,
    // Follow the classifier's retraining (about 2 s after an edit) and the dense stage's indexing
    // closely while they run; otherwise look again now and then, so a later edit shows up too.
    refetchInterval: (q) => {
      const st = q.state.data?.retrievalStatus;
      const busy = st?.classifier?.state === "TRAINING" || st?.stages.some((x) => x.configured && !x.ready);
      return busy ? 1000 : 10_000;
    },
  });
  const configured: StageConfig | null = useMemo(() => {
    const stages = status.data?.retrievalStatus.stages;
    if (!stages) return null;
    const has = (n: string) => stages.some((s) => s.name === n && s.configured);
    return { lexical: has("LEXICAL"), dense: has("DENSE"), rerank: has("RERANK"), context: true, prior: true, clicks: true, classifier: true };
  }, [status.data]);

  // With only BM25 on this API, B would repeat A: unless asked for, no B.
  const compare = compareChoice ?? !(configured && !configured.dense && !configured.rerank);

  const a = usePreview(debounced, topN, configA, configured);
  const b = usePreview(debounced, topN, configB, compare ? configured : null);

  // Clearing the query clears the results at once (the previous answers are not kept on screen).
  const empty = dialogue.userQuery.trim() === "" || debounced.userQuery.trim() === "";
  const resultA = empty ? undefined : a.data?.retrievalPreview;
  const resultB = empty || !compare ? undefined : b.data?.retrievalPreview;
  const ranks = (r: RetrievalResultView | undefined) => (r ? new Map(r.tools.map((t) => [t.tool.id, t.rank])) : null);
  const ranksA = ranks(resultA);
  const ranksB = compare ? ranks(resultB) : null;
  const inputError = badInput(a.error) ?? badInput(b.error);
  const shownQuery = resultA?.query;
  // What differs between A and B: tools only one of them retrieves, or at another rank.
  const differing =
    ranksA && ranksB
      ? new Set([...ranksA.keys(), ...ranksB.keys()].filter((id) => ranksA.get(id) !== ranksB.get(id))).size
      : null;

  const columnError = (q: typeof a) => {
    if (!q.error) return null;
    const bad = badInput(q.error);
    return (
      <div className={`notice ${bad ? "warn" : "error"}`} role="alert">
        {bad ? `${bad.field}: ${bad.message}` : `Retrieval failed: ${errorMessage(q.error)}`}
      </div>
    );
  };

  const s = status.data?.retrievalStatus;
  return (
    <>
      <div className="page-head">
        <h1>Retrieval</h1>
        <span className="muted">Which tools the retriever hands the suggestion model for a dialogue, and why.</span>
      </div>
      {status.isError && <ErrorNotice action="load the retrieval status" error={status.error} />}
      {s && (
        <p className="small muted" data-testid="retrieval-status">
          {s.documents} enabled tools indexed · default <code>{s.defaultRetriever}</code> ·{" "}
          {s.stages
            .filter((st) => st.name !== "LEXICAL")
            .map((st) =>
              st.configured
                ? `${st.name.toLowerCase()}: ${st.model}${st.ready ? "" : ` (indexing, ${st.indexed ?? 0} of ${s.documents})`}`
                : `${st.name.toLowerCase()}: not configured${st.error ? ` (${st.error})` : ""}`,
            )
            .join(" · ")}{" "}
          · {s.clickPairs} click pairs · catalog changes are picked up within {Math.round(s.pollMs / 1000) || "—"} s
          {s.classifier && <ClassifierState classifier={s.classifier} />}
        </p>
      )}

      <div className={styles.layout}>
        <div className="stack">
          <DialogueEditor value={dialogue} onChange={setDialogue} error={inputError} />
          {shownQuery && (
            <section className="card" aria-label="Weighted query">
              <h2>Weighted query</h2>
              <ol className={styles.segments}>
                {shownQuery.segments.map((seg, i) => (
                  <li key={i} className={styles.segment}>
                    <span className="muted">{seg.source}</span>
                    <span>
                      <span className={styles.weightBar} style={{ width: `${Math.round(seg.weight * 40)}px` }} /> {seg.weight}
                    </span>
                    <span>{seg.text}</span>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>

        <div className="stack">
          <div className="toolbar" style={{ marginBottom: 0 }}>
            <label className="inline">
              Top
              <select value={topN} onChange={(e) => setTopN(Number(e.target.value))} aria-label="Number of tools">
                {TOP_N_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} /> Compare two configurations (A / B)
            </label>
          </div>
          {dialogue.userQuery.trim() === "" && <div className="notice info">Type a user query to retrieve tools.</div>}
          {differing !== null && (
            <p className="small" data-testid="ab-diff">
              {differing === 0 ? "A and B retrieve the same tools in the same order." : `${differing} tool${differing === 1 ? "" : "s"} differ between A and B (highlighted).`}
            </p>
          )}
          <div className={styles.columns}>
            <ResultColumn
              label="A"
              config={configA}
              configured={configured ?? UNKNOWN_CONFIGURED}
              onConfig={setConfigA}
              result={resultA}
              otherRanks={ranksB}
              pending={a.isFetching}
              error={columnError(a)}
            />
            {compare && (
              <ResultColumn
                label="B"
                config={configB}
                configured={configured ?? UNKNOWN_CONFIGURED}
                onConfig={setConfigB}
                result={resultB}
                otherRanks={ranksA}
                pending={b.isFetching}
                error={columnError(b)}
              />
            )}
          </div>
        </div>
      </div>

      <div style={{ marginTop: "1rem" }}>
        <EvaluationTable />
      </div>
      <div style={{ marginTop: "1rem" }}>
        <TuneMisses
          onOpen={(d) => {
            setDialogue(d);
            window.scrollTo({ top: 0, behavior: "smooth" });
          }}
        />
      </div>
    </>
  );
}

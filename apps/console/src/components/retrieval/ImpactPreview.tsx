"use client";

// "Impact on the dev set" in the tool editor: before saving, which labelled dialogues of the dev
// set's tune part would gain or lose this tool in their top 5 with the unsaved edits
// (toolEditImpact; nothing is saved), and the tune-part dialogues the tool is missed in now
// (retrievalMisses), marked when the edit fixes them. The test part is held out: a curator
// never sees it. Only the fields retrieval reads matter: name, description, canonical query,
// utterances, category and enabled.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import type { UpdateToolInput } from "@/lib/toolDraft";
import { useDebounced } from "@/lib/useDebounced";
import { TOOL_EDIT_IMPACT_QUERY, TOOL_MISSES_QUERY, type ImpactDialogueView, type RetrievalMissesView, type ToolEditImpactView } from "./queries";
import styles from "./retrieval.module.css";

const RETRIEVAL_FIELDS = ["name", "description", "canonicalQuery", "utterances", "categoryId", "enabled"] as const;
const SHOWN = 8;

function DialogueList({ items, toolId, kind }: { items: ImpactDialogueView[]; toolId: string; kind: "gained" | "lost" }) {
  if (items.length === 0) return null;
  return (
    <>
      <p className="small strong" style={{ margin: "0.4rem 0 0.25rem" }}>
        {kind === "gained" ? `Enters the top 5 of ${items.length} dialogue${items.length === 1 ? "" : "s"}` : `Leaves the top 5 of ${items.length} dialogue${items.length === 1 ? "" : "s"}`}
      </p>
      <ul className={styles.impactList}>
        {items.slice(0, SHOWN).map((d) => {
          // Gaining a dialogue it is relevant to, or losing one it is not, is good.
          const good = kind === "gained" ? d.toolRelevant : !d.toolRelevant;
          return (
            <li key={d.id} className={`${styles.impactItem} ${good ? styles.impactGood : styles.impactBad}`} data-dialogue-id={d.id}>
              <span className="muted small">
                {d.id} · {d.category} · {d.kind} · {d.toolRelevant ? "labelled relevant" : "not labelled relevant"}
              </span>
              <br />“{d.userQuery}”
              {kind === "gained" && d.lost.length > 0 && (
                <span className="small muted">
                  {" "}
                  — pushes out {d.lost.filter((id) => id !== toolId).join(", ")}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {items.length > SHOWN && <p className="small muted">…and {items.length - SHOWN} more.</p>}
    </>
  );
}

/**
 * The tune-part dialogues this tool is labelled for and ranked below 5 in: what an edit should
 * fix. Those the pending edit brings into the top 5 (the impact's `gained`) are marked.
 */
function ToolMisses({ toolId, fixed }: { toolId: string; fixed: ReadonlySet<string> }) {
  const query = useQuery({
    queryKey: ["toolMisses", toolId],
    queryFn: () => gql<{ retrievalMisses: RetrievalMissesView }>(TOOL_MISSES_QUERY, { toolId }),
    staleTime: 30_000,
    retry: false,
  });
  const m = query.data?.retrievalMisses;
  if (!m) return null;
  // Dialogues where this tool itself is below 5 (another relevant tool may be the one missed).
  const mine = m.items
    .map((d) => ({ d, rank: d.relevant.find((r) => r.toolId === toolId)?.rank ?? null }))
    .filter((x) => x.rank === null || x.rank > m.k);
  return (
    <div data-testid="tool-misses">
      <p className="small strong" style={{ margin: "0.4rem 0 0.25rem" }}>
        {mine.length === 0
          ? `Ranked in the top ${m.k} of all ${m.dialogues} tune-part dialogues labelled with this tool.`
          : `Missed in ${mine.length} of ${m.dialogues} tune-part dialogues labelled with this tool`}
      </p>
      {mine.length > 0 && (
        <ul className={styles.impactList}>
          {mine.slice(0, SHOWN).map(({ d, rank }) => (
            <li key={d.id} className={`${styles.impactItem} ${fixed.has(d.id) ? styles.impactGood : styles.impactBad}`} data-miss-id={d.id}>
              <span className="muted small">
                {d.id} · {d.kind} · {rank === null ? "not in the top 50" : `rank ${rank}`}
                {fixed.has(d.id) ? " · enters the top 5 with this edit" : ""}
              </span>
              <br />“{d.userQuery}”
              {d.assistantResponse && <span className="small muted"> — Assistant: {d.assistantResponse}</span>}
            </li>
          ))}
        </ul>
      )}
      {mine.length > SHOWN && <p className="small muted">…and {mine.length - SHOWN} more.</p>}
    </div>
  );
}

export function ImpactPreview({ toolId, input }: { toolId: string; input: UpdateToolInput }) {
  const relevant = useMemo(() => {
    const out: UpdateToolInput = {};
    for (const f of RETRIEVAL_FIELDS) if (input[f] !== undefined) (out as Record<string, unknown>)[f] = input[f];
    return out;
  }, [input]);
  const edits = useDebounced(relevant, 600);
  const hasEdits = Object.keys(edits).length > 0;

  const query = useQuery({
    queryKey: ["toolEditImpact", toolId, edits],
    queryFn: () => gql<{ toolEditImpact: ToolEditImpactView }>(TOOL_EDIT_IMPACT_QUERY, { id: toolId, input: edits }),
    enabled: hasEdits,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const impact = hasEdits ? query.data?.toolEditImpact : undefined;
  const fields = query.error ? fieldErrors(query.error) : {};

  return (
    <section className={`card ${styles.impact}`} aria-label="Impact on the dev set" data-testid="impact-preview">
      <div className="row">
        <h2 style={{ margin: 0 }}>Impact on the dev set</h2>
        {query.isFetching && hasEdits && <span className="spinner" aria-label="Checking" />}
      </div>
      {!hasEdits && (
        <p className="small muted">
          Edit the name, description, canonical query, utterances, category or enabled to see which labelled dialogues of the dev
          set&apos;s tune part would gain or lose this tool in their top 5 (the default retriever), before you save. The test part is
          held out and never shown.
        </p>
      )}
      {hasEdits && query.isError && (
        <div className="notice warn small" role="status">
          {Object.keys(fields).length > 0 ? "Fix the highlighted fields to preview the impact." : `Could not preview the impact: ${errorMessage(query.error)}`}
        </div>
      )}
      {impact && (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          <div className={styles.impactSummary}>
            <span>
              Recall@5 <strong>{impact.recallBefore.toFixed(3)}</strong> → <strong data-testid="impact-recall-after">{impact.recallAfter.toFixed(3)}</strong>
            </span>
            <span className={impact.improved > 0 ? "ok-text" : "muted"}>{impact.improved} improved</span>
            <span className={impact.worsened > 0 ? "warn-text" : "muted"}>{impact.worsened} worsened</span>
            <span className="muted small">
              {impact.changed.length} of {impact.dialogues} tune-part dialogues change their top 5 ({impact.heldOut} test-part dialogues held out)
            </span>
          </div>
          {impact.gained.length === 0 && impact.lost.length === 0 && (
            <p className="small muted" data-testid="impact-none">
              No tune-part dialogue gains or loses this tool in its top 5.
            </p>
          )}
          <DialogueList items={impact.gained} toolId={toolId} kind="gained" />
          <DialogueList items={impact.lost} toolId={toolId} kind="lost" />
        </div>
      )}
      <ToolMisses toolId={toolId} fixed={new Set(impact?.gained.map((d) => d.id) ?? [])} />
    </section>
  );
}

"use client";

// "Impact on the dev set" in the tool editor: before saving, which labelled dialogues of the dev
// set's tune part would gain or lose this tool in their top 5 with the unsaved edits
// (toolEditImpact; nothing is saved). The test part is held out: a curator never sees it. Only the fields retrieval reads matter: name, description, canonical query,
// utterances, category and enabled.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import type { UpdateToolInput } from "@/lib/toolDraft";
import { useDebounced } from "@/lib/useDebounced";
import { TOOL_EDIT_IMPACT_QUERY, type ImpactDialogueView, type ToolEditImpactView } from "./queries";
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
    </section>
  );
}

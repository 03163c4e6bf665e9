"use client";

// The curators' work list on the Retrieval page: dialogues of the dev set's tune part whose
// relevant tools the default retriever ranks below 5 (retrievalMisses), with where each relevant
// tool ranked. A curator opens the dialogue in the preview above, or the missed tool's editor,
// where the impact preview shows what a new phrase would do. The test part is never listed.

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import type { DialogueValue } from "@/components/dialogue/dialogue";
import { gql } from "@/lib/graphql";
import { useCategoryOptions } from "@/lib/useCategoryOptions";
import { RETRIEVAL_MISSES_QUERY, type RetrievalMissesView, type RetrievalMissView } from "./queries";
import styles from "./retrieval.module.css";

const PAGE = 20;

function RankBadge({ rank, k }: { rank: number | null; k: number }) {
  if (rank !== null && rank <= k) return <span className="badge ok">#{rank}</span>;
  return <span className="badge off warn-text">{rank === null ? "not in top 50" : `#${rank}`}</span>;
}

function MissItem({ miss, k, onOpen }: { miss: RetrievalMissView; k: number; onOpen: (d: DialogueValue) => void }) {
  return (
    <li className={`${styles.impactItem} ${styles.impactBad}`} data-dialogue-id={miss.id}>
      <span className="muted small">
        {miss.id} · {miss.category} · {miss.kind}
      </span>
      {miss.history.map((t, i) => (
        <div key={i} className="small muted">
          {t.role === "USER" ? "User" : "Assistant"}: {t.content}
        </div>
      ))}
      <div>“{miss.userQuery}”</div>
      {miss.assistantResponse && <div className="small muted">Assistant: {miss.assistantResponse}</div>}
      <div className="small">
        {miss.relevant.map((r) => (
          <span key={r.toolId} style={{ marginRight: "0.75rem" }} data-relevant-tool={r.toolId}>
            <Link href={`/tools/${encodeURIComponent(r.toolId)}`}>{r.toolId}</Link> <RankBadge rank={r.rank} k={k} />
          </span>
        ))}
        <button
          type="button"
          className="btn ghost small"
          onClick={() => onOpen({ userQuery: miss.userQuery, assistantResponse: miss.assistantResponse ?? "", history: miss.history })}
        >
          Open in the preview
        </button>
      </div>
      <div className="small muted">Top {k}: {miss.top.join(", ")}</div>
    </li>
  );
}

export function TuneMisses({ onOpen }: { onOpen: (d: DialogueValue) => void }) {
  const [category, setCategory] = useState("");
  const [shown, setShown] = useState(PAGE);
  const categories = useCategoryOptions();
  const query = useQuery({
    queryKey: ["retrievalMisses", category, shown],
    queryFn: () => gql<{ retrievalMisses: RetrievalMissesView }>(RETRIEVAL_MISSES_QUERY, { category: category || null, first: shown }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const m = query.data?.retrievalMisses;
  return (
    <section className="card" aria-label="Misses on the tune part" data-testid="tune-misses">
      <div className="row">
        <h2 style={{ margin: 0 }}>Misses on the tune part</h2>
        {query.isFetching && <span className="spinner" aria-label="Loading misses" />}
        <label className="inline small" style={{ marginLeft: "auto" }}>
          Category
          <select value={category} onChange={(e) => { setCategory(e.target.value); setShown(PAGE); }} aria-label="Category of the misses">
            <option value="">all</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="small muted">
        Dialogues of the dev set&apos;s tune part whose relevant tools the default retriever does not all rank in its top 5: where to add
        a situation or an utterance. The test part is held out and never listed, so its figures stay honest.
      </p>
      {query.isError && <ErrorNotice action="load the misses" error={query.error} />}
      {m && (
        <>
          <p className="small" data-testid="tune-misses-summary">
            Recall@{m.k} <strong>{m.recallAtK.toFixed(3)}</strong> on {m.dialogues} tune-part dialogues · {m.total} miss{m.total === 1 ? "" : "es"} ·{" "}
            {m.heldOut} test-part dialogues held out
          </p>
          <ul className={styles.impactList}>
            {m.items.map((miss) => (
              <MissItem key={miss.id} miss={miss} k={m.k} onOpen={onOpen} />
            ))}
          </ul>
          {m.total > m.items.length && (
            <button type="button" className="btn small" onClick={() => setShown((n) => Math.min(200, n + PAGE))} disabled={shown >= 200}>
              Show {Math.min(PAGE, m.total - m.items.length)} more of {m.total - m.items.length}
            </button>
          )}
        </>
      )}
    </section>
  );
}

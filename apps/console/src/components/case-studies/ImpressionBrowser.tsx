"use client";

// Browse the logged impressions (newest first), filtered by user, label, tool-invoking, date,
// text and starred; each row opens to the dialogue and the K suggestions with tool badges and
// exposed / clicked marks, with a star control.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { NEWER_OLDER, Pager, useCursorPages } from "@/components/Pager";
import { TOOL_INVOKING_OPTIONS, TriSelect, triValue, type Tri } from "@/components/TriSelect";
import { gql } from "@/lib/graphql";
import { formatDateTime, formatInt } from "@/lib/format";
import { useDebounced } from "@/lib/useDebounced";
import {
  IMPRESSION_STATS_QUERY,
  IMPRESSIONS_QUERY,
  type ImpressionFilterInput,
  type ImpressionStatsView,
  type ImpressionView,
  type LoggedSuggestionView,
} from "@/components/calibration/queries";
import { DialogueView, SuggestionChips } from "./Dialogue";
import { StarControl } from "./StarControl";
import styles from "./case-studies.module.css";

export interface BrowserFilter {
  userId: string;
  desirable: Tri;
  toolInvoking: Tri;
  starred: Tri;
  /** yyyy-mm-dd, UTC days */
  fromDay: string;
  toDay: string;
  search: string;
}

export const EMPTY_FILTER: BrowserFilter = { userId: "", desirable: "", toolInvoking: "", starred: "", fromDay: "", toDay: "", search: "" };

const PAGE_SIZE = 25;

/** yyyy-mm-dd (UTC) → ISO; `endOfDay` gives the next midnight (the API's `to` is exclusive). */
function dayToIso(day: string, endOfDay: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) return undefined;
  return new Date(t + (endOfDay ? 86_400_000 : 0)).toISOString();
}

function Marks({ suggestions }: { suggestions: LoggedSuggestionView[] }) {
  return (
    <span className={styles.marks} aria-label={`${suggestions.filter((s) => s.exposed).length} shown, ${suggestions.filter((s) => s.clicked).length} clicked`}>
      {suggestions.map((s) => (
        <span
          key={s.position}
          className={`${styles.mark} ${s.clicked ? styles.markClicked : s.exposed ? styles.markShown : styles.markHidden} ${s.isToolInvoking ? styles.markTool : ""}`}
          title={`${s.position + 1}. ${s.text}${s.tool ? ` → ${s.tool.name}` : ""} (${s.clicked ? "clicked" : s.exposed ? "shown" : "not shown"})`}
        >
          {s.isToolInvoking ? "⚙" : ""}
        </span>
      ))}
    </span>
  );
}

/** What the squares in the Suggestions column mean, drawn with the same squares. */
function MarksLegend() {
  const item = (className: string, text: string, glyph = "") => (
    <span className={styles.legendItem}>
      <span className={`${styles.mark} ${className}`} aria-hidden="true">
        {glyph}
      </span>
      {text}
    </span>
  );
  return (
    <p className={styles.marksLegend} data-testid="marks-legend" aria-label="Suggestion squares legend">
      <span className="muted">Suggestions, in generated order:</span>
      {item(styles.markClicked ?? "", "clicked")}
      {item(styles.markShown ?? "", "shown, not clicked")}
      {item(styles.markHidden ?? "", "generated, not shown")}
      {item(`${styles.markShown} ${styles.markTool}`, "invokes a tool", "⚙")}
    </p>
  );
}

export function ImpressionBrowser({ initial }: { initial?: Partial<BrowserFilter> }) {
  const [filter, setFilter] = useState<BrowserFilter>({ ...EMPTY_FILTER, ...initial });
  const debounced = useDebounced(filter, 300);
  const apiFilter: ImpressionFilterInput = {
    userId: debounced.userId.trim() || undefined,
    desirable: triValue(debounced.desirable),
    toolInvoking: triValue(debounced.toolInvoking),
    starred: triValue(debounced.starred),
    from: dayToIso(debounced.fromDay, false),
    to: dayToIso(debounced.toDay, true),
    search: debounced.search.trim() || undefined,
  };
  const pages = useCursorPages(apiFilter);
  const { after } = pages;
  const [open, setOpen] = useState<Set<string>>(new Set());

  const impressions = useQuery({
    queryKey: ["impressions", apiFilter, after],
    queryFn: () => gql(IMPRESSIONS_QUERY, { first: PAGE_SIZE, after, filter: apiFilter }),
    placeholderData: keepPreviousData,
  });
  const statsWindow = apiFilter.from || apiFilter.to ? { from: apiFilter.from ?? null, to: apiFilter.to ?? null } : null;
  const stats = useQuery({
    queryKey: ["impressionStats", statsWindow],
    queryFn: () => gql(IMPRESSION_STATS_QUERY, { window: statsWindow }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const conn = impressions.data?.impressions;
  const st = stats.data?.impressionStats;
  const set = (patch: Partial<BrowserFilter>) => setFilter({ ...filter, ...patch });
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const filtered = JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);

  return (
    <section className="card" aria-label="Impressions" data-testid="impressions">
      <div className={styles.cardHead}>
        <h2 style={{ margin: 0 }}>Impressions</h2>
        {conn && (
          <span className="muted" data-testid="impressions-total">
            {formatInt(conn.totalCount)} {filtered ? "matching" : "logged"}
          </span>
        )}
        {impressions.isFetching && <span className="spinner" aria-label="Loading impressions" />}
      </div>
      {st && (
        <p className={`small muted ${styles.statsLine}`} data-testid="impression-stats">
          {statsWindow ? "In these dates: " : "All logs: "}
          {formatInt(st.impressions)} impressions · {formatInt(st.users)} users · {formatInt(st.desirable)} desirable · {formatInt(st.toolInvoking)} tool-invoking ·
          suggestion CTR tool-invoking {(st.toolInvokingSuggestions.ctr * 100).toFixed(2)}% ({formatInt(st.toolInvokingSuggestions.clicked)}/
          {formatInt(st.toolInvokingSuggestions.exposed)}) vs general {(st.generalSuggestions.ctr * 100).toFixed(2)}% ({formatInt(st.generalSuggestions.clicked)}/
          {formatInt(st.generalSuggestions.exposed)})
          {st.firstTimestamp && ` · ${formatDateTime(st.firstTimestamp)} → ${formatDateTime(st.lastTimestamp)}`}
        </p>
      )}
      <div className="toolbar">
        <input type="search" className="search" placeholder="Search query, response, suggestions…" aria-label="Search impressions" value={filter.search} onChange={(e) => set({ search: e.target.value })} />
        <input type="search" placeholder="User id" aria-label="User" value={filter.userId} onChange={(e) => set({ userId: e.target.value })} style={{ width: 120 }} />
        <TriSelect label="Desirable" value={filter.desirable} onChange={(desirable) => set({ desirable })} options={["Desirable or not", "Desirable (clicked)", "Undesirable"]} />
        <TriSelect label="Tool-invoking" value={filter.toolInvoking} onChange={(toolInvoking) => set({ toolInvoking })} options={TOOL_INVOKING_OPTIONS} />
        <TriSelect label="Starred" value={filter.starred} onChange={(starred) => set({ starred })} options={["Starred or not", "Starred only", "Not starred"]} />
        <label className="inline small">
          From
          <input type="date" aria-label="From day" value={filter.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
        </label>
        <label className="inline small">
          to
          <input type="date" aria-label="To day" value={filter.toDay} onChange={(e) => set({ toDay: e.target.value })} />
        </label>
        <span className="small muted">(UTC days)</span>
        {filtered && (
          <button type="button" className="btn small ghost" onClick={() => setFilter(EMPTY_FILTER)}>
            Clear
          </button>
        )}
      </div>
      <MarksLegend />
      {impressions.isError && <ErrorNotice action="load impressions" error={impressions.error} onRetry={() => void impressions.refetch()} />}
      <div className={`table-wrap ${impressions.isPlaceholderData ? "stale" : ""}`}>
        <table className="data compact" data-testid="impression-table">
          <thead>
            <tr>
              <th aria-label="Expand" />
              <th>Time (UTC)</th>
              <th>User</th>
              <th>User query</th>
              <th>Suggestions</th>
              <th>Label</th>
              <th aria-label="Case study" />
            </tr>
          </thead>
          <tbody>
            {conn?.edges.map(({ node: imp }) => {
              const expanded = open.has(imp.id);
              return (
                <Fragment key={imp.id}>
                  <tr className={styles.impRow} data-impression-id={imp.id} onClick={() => toggle(imp.id)} aria-expanded={expanded}>
                    <td>
                      <button
                        type="button"
                        className={styles.expander}
                        aria-label={expanded ? `Collapse ${imp.id}` : `Expand ${imp.id}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          toggle(imp.id);
                        }}
                      >
                        {expanded ? "▾" : "▸"}
                      </button>
                    </td>
                    <td className="small" style={{ whiteSpace: "nowrap" }}>
                      {formatDateTime(imp.timestamp).replace(" UTC", "")}
                    </td>
                    <td>
                      <code className="small">{imp.userId}</code>
                    </td>
                    <td className={styles.queryCell}>
                      {imp.history.length > 0 && <span className="badge" title={`${imp.history.length} earlier turns`}>+{imp.history.length}</span>} {imp.userQuery}
                    </td>
                    <td>
                      <Marks suggestions={imp.suggestions} />
                    </td>
                    <td style={{ whiteSpace: "nowrap" }}>
                      <span className={`badge ${imp.desirable ? "ok" : ""}`}>{imp.desirable ? "desirable" : "undesirable"}</span>{" "}
                      {imp.toolInvoking && <span className={`badge ${styles.toolBadgeSmall}`}>tool-invoking</span>}
                    </td>
                    <td>{imp.caseStudy && <span className={styles.star} title={imp.caseStudy.title}>★</span>}</td>
                  </tr>
                  {expanded && (
                    <tr className={styles.expandedRow} data-expanded-for={imp.id}>
                      <td />
                      <td colSpan={6}>
                        <div className={styles.expandGrid}>
                          <div>
                            <h3 className={styles.miniHead}>Dialogue</h3>
                            <DialogueView impression={imp} compact />
                          </div>
                          <div className="stack">
                            <div>
                              <h3 className={styles.miniHead}>
                                Suggestions (K = {imp.suggestions.length}){imp.generator ? ` · ${imp.generator}` : ""}
                              </h3>
                              <SuggestionChips suggestions={imp.suggestions} />
                            </div>
                            <StarControl impression={imp} />
                            <div className="row small">
                              <Link href={`/case-studies/${encodeURIComponent(imp.id)}`}>Open the case-study view →</Link>
                              <span className="muted">
                                {imp.id} · {imp.source}
                              </span>
                            </div>
                          </div>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {conn && conn.edges.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  No impressions match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {conn && <Pager pages={pages} pageInfo={conn.pageInfo} totalCount={conn.totalCount} pageSize={PAGE_SIZE} labels={NEWER_OLDER} />}
    </section>
  );
}

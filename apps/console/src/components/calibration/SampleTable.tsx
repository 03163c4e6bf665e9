"use client";

// The preview's samples, filtered by label, tool-invoking, masked and user, cursor-paged;
// clicking a row opens its drill-down (every Eq. 6/7/9 term).

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { PageSizeSelect, Pager, useCursorPages } from "@/components/Pager";
import { TOOL_INVOKING_OPTIONS, TriSelect, triValue, type Tri } from "@/components/TriSelect";
import { gql } from "@/lib/graphql";
import { formatInt } from "@/lib/format";
import { useDebounced } from "@/lib/useDebounced";
import { exact, term } from "./format";
import {
  isBadInput,
  PREVIEW_SAMPLES_QUERY,
  type CalibrationConfigInput,
  type PreferenceSampleView,
  type SampleFilterInput,
  type TimeWindow,
} from "./queries";
import { SampleDrillDown } from "./SampleDrillDown";
import styles from "./calibration.module.css";

export interface SampleFilterState {
  label: Tri;
  toolInvoking: Tri;
  masked: Tri;
  userId: string;
}

export const NO_FILTER: SampleFilterState = { label: "", toolInvoking: "", masked: "", userId: "" };

const PAGE_SIZES = [20, 50, 100] as const;

interface Props {
  window: TimeWindow;
  config: CalibrationConfigInput;
  filter: SampleFilterState;
  /** The filters that changed; `burst` marks changes that arrive as a stream (typing a user id). */
  onFilter: (patch: Partial<SampleFilterState>, burst?: string) => void;
  /** False while the config has input errors: keep showing the last page. */
  enabled: boolean;
}

export function SampleTable({ window, config, filter, onFilter, enabled }: Props) {
  const [userText, setUserText] = useState(filter.userId);
  const debouncedUser = useDebounced(userText, 300);
  useEffect(() => {
    if (debouncedUser.trim() !== filter.userId) onFilter({ userId: debouncedUser.trim() }, "user");
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedUser]);
  // A user picked elsewhere (the users table) shows up in the box.
  useEffect(() => {
    setUserText((current) => (current.trim() === filter.userId ? current : filter.userId));
  }, [filter.userId]);

  const [pageSize, setPageSize] = useState<number>(20);
  const apiFilter: SampleFilterInput = {
    label: triValue(filter.label),
    toolInvoking: triValue(filter.toolInvoking),
    masked: triValue(filter.masked),
    userId: filter.userId || undefined,
  };
  // Cursors are sample indexes, so they stay valid when the config changes; a new filter,
  // window or page size starts from the first page.
  const pages = useCursorPages([apiFilter, window, pageSize]);
  const { after } = pages;

  const samples = useQuery({
    queryKey: ["calibrationSamples", window, config, apiFilter, pageSize, after],
    queryFn: () =>
      gql(PREVIEW_SAMPLES_QUERY, {
        window,
        config,
        first: pageSize,
        after,
        filter: apiFilter,
      }),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
    staleTime: 30_000,
  });
  const conn = samples.data?.calibrationPreview.samples;

  const [selected, setSelected] = useState<PreferenceSampleView | null>(null);
  const fresh = selected ? conn?.edges.find((e) => e.node.index === selected.index)?.node : undefined;
  useEffect(() => {
    if (fresh && fresh !== selected) setSelected(fresh);
  }, [fresh, selected]);
  // The drill-down opens under the table, usually below the fold: bring it into view.
  const drillRef = useRef<HTMLElement>(null);
  const selectedIndex = selected?.index;
  useEffect(() => {
    if (selectedIndex === undefined) return;
    drillRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    drillRef.current?.focus({ preventScroll: true });
  }, [selectedIndex]);

  const set = (patch: Partial<SampleFilterState>) => onFilter(patch);

  return (
    <section className="card" aria-label="Samples" data-testid="samples">
      <div className={styles.cardHead}>
        <h2 style={{ margin: 0 }}>Samples</h2>
        {conn && (
          <span className="muted" data-testid="samples-total" data-value={conn.totalCount}>
            {formatInt(conn.totalCount)} matching
          </span>
        )}
        {samples.isFetching && <span className="spinner" aria-label="Loading samples" />}
      </div>
      <div className="toolbar">
        <TriSelect label="Label" value={filter.label} onChange={(label) => set({ label })} options={["Desirable and undesirable", "Desirable (label true)", "Undesirable (label false)"]} />
        <TriSelect label="Tool-invoking" value={filter.toolInvoking} onChange={(toolInvoking) => set({ toolInvoking })} options={TOOL_INVOKING_OPTIONS} />
        <TriSelect label="Masked" value={filter.masked} onChange={(masked) => set({ masked })} options={["Masked or not", "Masked (w = 0)", "Not masked"]} />
        <input type="search" placeholder="User id" aria-label="User" value={userText} onChange={(e) => setUserText(e.target.value)} style={{ width: 140 }} />
        {(filter.label || filter.toolInvoking || filter.masked || filter.userId) && (
          <button type="button" className="btn small ghost" onClick={() => { setUserText(""); onFilter(NO_FILTER); }}>
            Clear filters
          </button>
        )}
        <div className="spacer" />
        <PageSizeSelect sizes={PAGE_SIZES} value={pageSize} onChange={setPageSize} />
      </div>
      {samples.isError && !isBadInput(samples.error) && <ErrorNotice action="load samples" error={samples.error} onRetry={() => void samples.refetch()} />}
      <div className={`table-wrap ${samples.isPlaceholderData ? "stale" : ""}`}>
        <table className="data compact" data-testid="sample-table">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Impression</th>
              <th>User</th>
              <th>Label</th>
              <th>Tool (p)</th>
              <th className="num">uctr</th>
              <th className="num">wU</th>
              <th className="num">wS</th>
              <th className="num">weight</th>
            </tr>
          </thead>
          <tbody>
            {conn?.edges.map(({ node: s }) => (
              <tr
                key={s.index}
                className={`${styles.sampleRow} ${selected?.index === s.index ? styles.selectedRow : ""}`}
                data-index={s.index}
                data-impression-id={s.impressionId}
                tabIndex={0}
                aria-selected={selected?.index === s.index}
                onClick={() => setSelected(s)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    setSelected(s);
                  }
                }}
              >
                <td className="num">{s.index}</td>
                <td>
                  <code className="small">{s.impressionId}</code>
                </td>
                <td>
                  <code className="small">{s.userId}</code>
                </td>
                <td>
                  <span className={`badge ${s.label ? "ok" : ""}`}>{s.label ? "desirable" : "undesirable"}</span>
                  {s.masked && <span className={`badge ${styles.maskedBadge}`}>masked</span>}
                </td>
                <td className="small">
                  {s.toolInvoking ? (
                    <>
                      <code>{s.toolId ?? "—"}</code>
                      {s.frequencyPercentile != null && <span className="muted"> ({term(s.frequencyPercentile, 3)})</span>}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num" title={exact(s.uctr)}>{term(s.uctr)}</td>
                <td className="num" title={exact(s.wU)} data-col="wU" data-value={exact(s.wU)}>{term(s.wU)}</td>
                <td className="num" title={exact(s.wS)} data-col="wS" data-value={exact(s.wS)}>{term(s.wS)}</td>
                <td className="num strong" title={exact(s.weight)} data-col="weight" data-value={exact(s.weight)}>{term(s.weight)}</td>
              </tr>
            ))}
            {conn && conn.edges.length === 0 && (
              <tr>
                <td colSpan={9} className="empty">
                  No samples match these filters.
                </td>
              </tr>
            )}
            {!conn && samples.isLoading && (
              <tr>
                <td colSpan={9} className="empty">
                  Loading…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {conn && (
        <Pager pages={pages} pageInfo={conn.pageInfo} totalCount={conn.totalCount} pageSize={pageSize}>
          <span className="small muted">Click a row for every term of Eq. 6, 7 and 9.</span>
        </Pager>
      )}
      {selected && (
        <SampleDrillDown ref={drillRef} sample={selected} muMode={config.muMode} stale={!!conn && !fresh && !samples.isFetching} onClose={() => setSelected(null)} />
      )}
    </section>
  );
}

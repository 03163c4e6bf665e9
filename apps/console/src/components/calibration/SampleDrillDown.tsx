"use client";

// One sample opened from the table: every Eq. 6/7/9 term from the API, and the logged
// impression behind it (dialogue and suggestions).

import { useQuery } from "@tanstack/react-query";
import type { Ref } from "react";
import Link from "next/link";
import { DialogueView, SuggestionChips, suggestionSummary } from "@/components/case-studies/Dialogue";
import { ErrorNotice } from "@/components/ErrorNotice";
import { gql } from "@/lib/graphql";
import { formatDateTime } from "@/lib/format";
import { BreakdownEquations } from "./BreakdownEquations";
import { IMPRESSION_QUERY, type ImpressionView, type MuMode, type PreferenceSampleView } from "./queries";
import styles from "./calibration.module.css";

interface Props {
  /** Focused and scrolled into view when a row opens it. */
  ref?: Ref<HTMLElement>;
  sample: PreferenceSampleView;
  muMode: MuMode;
  /** The sample is not on the current page any more (its numbers are from an earlier config). */
  stale: boolean;
  onClose: () => void;
}

export function SampleDrillDown({ ref, sample, muMode, stale, onClose }: Props) {
  const impression = useQuery({
    queryKey: ["impression", sample.impressionId],
    queryFn: () => gql(IMPRESSION_QUERY, { id: sample.impressionId }),
    staleTime: 60_000,
  });
  const imp = impression.data?.impression;
  return (
    <section ref={ref} tabIndex={-1} className={`card ${styles.drill}`} aria-label="Sample drill-down" data-testid="sample-drilldown" data-index={sample.index}>
      <div className={styles.drillHead}>
        <h2 style={{ margin: 0 }}>Sample #{sample.index}</h2>
        <code>{sample.impressionId}</code>
        <span className="muted">user</span> <code>{sample.userId}</code>
        <span className={`badge ${sample.label ? "ok" : ""}`}>{sample.label ? "desirable" : "undesirable"}</span>
        {sample.masked && <span className={`badge ${styles.maskedBadge}`}>masked</span>}
        <div className="spacer" />
        <Link href={`/case-studies/${encodeURIComponent(sample.impressionId)}`} className="btn small">
          Case-study view
        </Link>
        <button type="button" className="btn small ghost" onClick={onClose} aria-label="Close drill-down">
          ✕
        </button>
      </div>
      {stale && (
        <div className="notice warn small" role="status">
          This sample is not on the current page of the table; its terms are from when it was opened.
        </div>
      )}
      <div className={styles.drillGrid}>
        <BreakdownEquations b={sample.breakdown} muMode={muMode} />
        <div className="stack">
          {impression.isLoading && <p className="muted">Loading the impression…</p>}
          {impression.isError && <ErrorNotice action="load the impression" error={impression.error} onRetry={() => void impression.refetch()} />}
          {imp && (
            <>
              <p className="small muted" style={{ margin: 0 }}>
                {formatDateTime(imp.timestamp)} · {imp.source}
                {imp.generator ? ` · ${imp.generator}` : ""} · {suggestionSummary(imp.suggestions)}
              </p>
              <DialogueView impression={imp} compact />
              <SuggestionChips suggestions={imp.suggestions} />
            </>
          )}
          {impression.isSuccess && !imp && <p className="muted">The impression is gone.</p>}
        </div>
      </div>
    </section>
  );
}

"use client";

// One impression as a case study, in the spirit of the paper's Figure 8: the dialogue on the
// left, the generated suggestions as chips with tool badges and click marks on the right, the
// note, other logged suggestion sets for the same user query side by side, and the
// calibration terms (Eq. 6, 7, 9) of this impression in a stored dataset.

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { BreakdownEquations } from "@/components/calibration/BreakdownEquations";
import { configLabel } from "@/components/calibration/Datasets";
import {
  IMPRESSION_IN_DATASETS_QUERY,
  IMPRESSION_QUERY,
  IMPRESSIONS_QUERY,
  type DatasetSampleView,
  type ImpressionView,
} from "@/components/calibration/queries";
import { ErrorNotice } from "@/components/ErrorNotice";
import { useViewer } from "@/components/ViewerContext";
import { gql } from "@/lib/graphql";
import { formatDateTime } from "@/lib/format";
import { DialogueView, SuggestionChips, suggestionSummary } from "./Dialogue";
import { StarControl } from "./StarControl";
import styles from "./case-studies.module.css";

function CalibrationTerms({ impressionId }: { impressionId: string }) {
  const datasets = useQuery({
    queryKey: ["impressionInDatasets", impressionId],
    queryFn: () => gql(IMPRESSION_IN_DATASETS_QUERY, { impressionId }),
  });
  const all = datasets.data?.preferenceDatasets.edges.map((e) => e.node) ?? [];
  const containing = all.filter((d) => d.sample);
  const [chosen, setChosen] = useState<string | null>(null);
  // The default dataset: the newest one that holds this impression.
  const current = containing.find((d) => d.id === chosen) ?? containing[0];
  useEffect(() => {
    if (chosen && !containing.some((d) => d.id === chosen)) setChosen(null);
  }, [chosen, containing]);

  return (
    <section className="card" aria-label="Calibration terms" data-testid="case-study-calibration">
      <div className={styles.cardHead}>
        <h2 style={{ margin: 0 }}>Calibration terms</h2>
        {current && containing.length > 1 && (
          <select aria-label="Dataset" value={current.id} onChange={(e) => setChosen(e.target.value)}>
            {containing.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        )}
        {current && containing.length === 1 && <span className="muted">in {current.name}</span>}
      </div>
      {datasets.isLoading && <p className="muted">Looking for this impression in the stored datasets…</p>}
      {datasets.isError && <ErrorNotice action="load datasets" error={datasets.error} onRetry={() => void datasets.refetch()} />}
      {datasets.isSuccess && !current && (
        <p className="muted" data-testid="no-dataset">
          {all.length === 0 ? "There are no stored datasets yet." : `None of the ${all.length} newest datasets holds this impression (it is outside their windows).`}{" "}
          <Link href="/calibration">Build one in the Calibration inspector.</Link>
        </p>
      )}
      {current?.sample && (
        <>
          <p className="small muted" style={{ marginTop: 0 }}>
            Sample #{current.sample.index} of <strong>{current.name}</strong> · {configLabel(current.config)} · built {formatDateTime(current.createdAt)}
          </p>
          <BreakdownEquations b={current.sample.breakdown} muMode={current.config.muMode} />
        </>
      )}
    </section>
  );
}

/** Other logged impressions with the same user query: their suggestion sets side by side. */
function SameQuery({ impression }: { impression: ImpressionView }) {
  const others = useQuery({
    queryKey: ["impressions", { search: impression.userQuery, sameQueryAs: impression.id }],
    queryFn: () => gql(IMPRESSIONS_QUERY, { first: 30, filter: { search: impression.userQuery } }),
    staleTime: 60_000,
  });
  const same = (others.data?.impressions.edges ?? [])
    .map((e) => e.node)
    .filter((i) => i.id !== impression.id && i.userQuery.trim().toLowerCase() === impression.userQuery.trim().toLowerCase())
    // Clicked ones first, they say the most.
    .sort((a, b) => Number(b.desirable) - Number(a.desirable))
    .slice(0, 3);
  if (same.length === 0) return null;
  return (
    <section className="card" aria-label="Same query, other impressions" data-testid="same-query">
      <div className={styles.cardHead}>
        <h2 style={{ margin: 0 }}>Same query, other suggestion sets</h2>
        <span className="muted small">other logged impressions of “{impression.userQuery}”, side by side</span>
      </div>
      <div className={styles.sideBySide}>
        {[impression, ...same].map((imp) => (
          <div key={imp.id} className={`${styles.column} ${imp.id === impression.id ? styles.columnThis : ""}`}>
            <div className={styles.columnHead}>
              {imp.id === impression.id ? (
                <strong>This impression</strong>
              ) : (
                <Link href={`/case-studies/${encodeURIComponent(imp.id)}`}>{imp.id}</Link>
              )}
              <span className="small muted">
                {imp.generator ?? imp.source} · {imp.userId}
              </span>
              <span className={`badge ${imp.desirable ? "ok" : ""}`}>{imp.desirable ? "clicked" : "no click"}</span>
            </div>
            <SuggestionChips suggestions={imp.suggestions} />
          </div>
        ))}
      </div>
    </section>
  );
}

export function CaseStudyView({ impressionId }: { impressionId: string }) {
  const viewer = useViewer();
  const allowed = viewer.role === "ADMIN" || viewer.role === "ENGINEER";
  const q = useQuery({
    queryKey: ["impression", impressionId],
    queryFn: () => gql(IMPRESSION_QUERY, { id: impressionId }),
    enabled: allowed,
  });
  const imp = q.data?.impression;

  const head = (
    <p className="crumbs">
      <Link href="/case-studies">Case studies</Link> / <code>{impressionId}</code>
    </p>
  );
  if (!allowed) {
    return (
      <>
        {head}
        <div className="notice warn" role="alert">
          Click logs need an <strong>ENGINEER</strong> or <strong>ADMIN</strong> key; this key is {viewer.role}.
        </div>
      </>
    );
  }
  if (q.isLoading) return <>{head}<p className="muted">Loading…</p></>;
  if (q.isError)
    return (
      <>
        {head}
        <ErrorNotice action="load the impression" error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  if (!imp)
    return (
      <>
        {head}
        <div className="notice warn" role="alert">
          There is no impression <code>{impressionId}</code>.
        </div>
      </>
    );

  const cs = imp.caseStudy;
  return (
    <>
      {head}
      <div className="page-head">
        <h1 data-testid="case-study-title">{cs ? cs.title : `Impression ${imp.id}`}</h1>
        <span className={`badge ${imp.desirable ? "ok" : ""}`}>{imp.desirable ? "desirable" : "undesirable"}</span>
        {imp.toolInvoking && <span className={`badge ${styles.toolBadgeSmall}`}>tool-invoking</span>}
      </div>
      <p className="small muted" style={{ marginTop: "-0.5rem" }}>
        user <Link href={`/case-studies?user=${encodeURIComponent(imp.userId)}`}>{imp.userId}</Link> · {formatDateTime(imp.timestamp)} · source {imp.source}
        {imp.generator ? ` · generator ${imp.generator}` : ""} · {suggestionSummary(imp.suggestions)}
      </p>

      <figure className={styles.figure} data-testid="figure">
        <div className={styles.figureDialogue}>
          <div className={styles.figureLabel}>Dialogue</div>
          <DialogueView impression={imp} />
        </div>
        <div className={styles.figureArrow} aria-hidden>
          →
        </div>
        <div className={styles.figureSuggestions}>
          <div className={styles.figureLabel}>Recommended follow-up queries{imp.generator ? ` · ${imp.generator}` : ""}</div>
          <SuggestionChips suggestions={imp.suggestions} layout="chips" />
          <p className={`small muted ${styles.legendLine}`}>
            <span className={`${styles.legendChip} ${styles.chipClicked}`}>clicked</span>
            <span className={styles.legendChip}>shown</span>
            <span className={`${styles.legendChip} ${styles.chipHidden}`}>not shown</span>
            <span>⚙ tool badge: the enabled tool the suggestion invokes (logged toolId or the matcher)</span>
          </p>
        </div>
      </figure>

      <section className="card" aria-label="Note">
        <StarControl impression={imp} showNote={false} />
        {cs?.note ? (
          <p className={styles.noteBig} data-testid="case-study-note">
            {cs.note}
          </p>
        ) : cs ? (
          <p className="muted small">No note yet.</p>
        ) : null}
      </section>

      <CalibrationTerms impressionId={imp.id} />
      <SameQuery impression={imp} />
    </>
  );
}

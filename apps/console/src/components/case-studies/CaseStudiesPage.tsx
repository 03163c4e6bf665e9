"use client";

// The Case studies page: the starred impressions (title, note, the clicked suggestion) and
// the impressions browser to find and star more.

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { ErrorNotice } from "@/components/ErrorNotice";
import { useViewer } from "@/components/ViewerContext";
import { gql } from "@/lib/graphql";
import { formatDateTime } from "@/lib/format";
import { CASE_STUDIES_QUERY, type CaseStudyView } from "@/components/calibration/queries";
import { suggestionSummary } from "./Dialogue";
import { ImpressionBrowser } from "./ImpressionBrowser";
import styles from "./case-studies.module.css";

function CaseStudyCard({ cs }: { cs: CaseStudyView }) {
  const imp = cs.impression;
  const clicked = imp.suggestions.filter((s) => s.clicked);
  return (
    <Link href={`/case-studies/${encodeURIComponent(imp.id)}`} className={styles.csCard} data-testid="case-study-card" data-impression-id={imp.id}>
      <div className={styles.csTitle}>
        <span className={styles.star}>★</span> {cs.title}
      </div>
      <div className={styles.csQuery}>“{imp.userQuery}”</div>
      <div className={styles.csClicks}>
        {clicked.length === 0 ? (
          <span className="muted small">no click</span>
        ) : (
          clicked.map((s) => (
            <span key={s.position} className={`${styles.miniChip} ${s.isToolInvoking ? styles.miniChipTool : ""}`}>
              {s.isToolInvoking && "⚙ "}
              {s.text}
            </span>
          ))
        )}
      </div>
      {cs.note && <p className={styles.csNote}>{cs.note.length > 180 ? `${cs.note.slice(0, 177)}…` : cs.note}</p>}
      <div className="small muted">
        {imp.userId} · {formatDateTime(imp.timestamp)} · {suggestionSummary(imp.suggestions)}
      </div>
    </Link>
  );
}

export function CaseStudiesPage() {
  const viewer = useViewer();
  const params = useSearchParams();
  const allowed = viewer.role === "ADMIN" || viewer.role === "ENGINEER";
  const caseStudies = useQuery({
    queryKey: ["caseStudies"],
    queryFn: () => gql(CASE_STUDIES_QUERY),
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <>
        <div className="page-head">
          <h1>Case studies</h1>
        </div>
        <div className="notice warn" role="alert">
          Click logs and case studies need an <strong>ENGINEER</strong> or <strong>ADMIN</strong> key; this key is {viewer.role}.
        </div>
      </>
    );
  }

  const list = caseStudies.data?.caseStudies;
  return (
    <>
      <div className="page-head">
        <h1>Case studies</h1>
        <span className="muted">Logged impressions worth a closer look, in the spirit of the paper&apos;s Figure 8: the dialogue, the suggestions with their tools, and what the user clicked.</span>
      </div>

      <section className="card" aria-label="Starred case studies" data-testid="case-studies">
        <div className={styles.cardHead}>
          <h2 style={{ margin: 0 }}>Starred</h2>
          {list && <span className="muted">{list.length}</span>}
        </div>
        {caseStudies.isError && <ErrorNotice action="load case studies" error={caseStudies.error} onRetry={() => void caseStudies.refetch()} />}
        {list && list.length === 0 && <p className="muted">Nothing starred yet. Open an impression below and star it with a title and a note.</p>}
        {list && list.length > 0 && (
          <div className={styles.csGrid}>
            {list.map((cs) => (
              <CaseStudyCard key={cs.id} cs={cs} />
            ))}
          </div>
        )}
      </section>

      <ImpressionBrowser
        initial={{
          userId: params.get("user") ?? "",
          search: params.get("q") ?? "",
          desirable: params.get("desirable") === "true" ? "true" : params.get("desirable") === "false" ? "false" : "",
          toolInvoking: params.get("toolInvoking") === "true" ? "true" : params.get("toolInvoking") === "false" ? "false" : "",
        }}
      />
    </>
  );
}

"use client";

// Star an impression as a case study (title + note), edit the title and note, or unstar it.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { formatDateTime } from "@/lib/format";
import { STAR_MUTATION, UNSTAR_MUTATION, UPDATE_CASE_STUDY_MUTATION, type CaseStudyRefView, type ImpressionView } from "@/components/calibration/queries";
import styles from "./case-studies.module.css";

const TITLE_MAX = 200;

function defaultTitle(imp: ImpressionView): string {
  const clicked = imp.suggestions.find((s) => s.clicked && s.isToolInvoking) ?? imp.suggestions.find((s) => s.clicked);
  const base = clicked ? `“${imp.userQuery}” → ${clicked.text}` : `“${imp.userQuery}”`;
  return base.length > 120 ? `${base.slice(0, 117)}…` : base;
}

interface Props {
  impression: ImpressionView;
  /** Show the note under the title when starred (the list views); the case-study page shows it itself. */
  showNote?: boolean;
}

export function StarControl({ impression, showNote = true }: Props) {
  const queryClient = useQueryClient();
  const cs = impression.caseStudy;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["impressions"] });
    void queryClient.invalidateQueries({ queryKey: ["caseStudies"] });
    void queryClient.invalidateQueries({ queryKey: ["impression", impression.id] });
  };
  const save = useMutation({
    mutationFn: (v: { title: string; note: string }): Promise<unknown> =>
      cs
        ? gql(UPDATE_CASE_STUDY_MUTATION, { id: cs.id, title: v.title, note: v.note })
        : gql(STAR_MUTATION, { impressionId: impression.id, title: v.title, note: v.note }),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
  });
  const unstar = useMutation({
    mutationFn: () => gql(UNSTAR_MUTATION, { impressionId: impression.id }),
    onSuccess: refresh,
  });
  const errors = fieldErrors(save.error);

  const open = () => {
    setTitle(cs?.title ?? defaultTitle(impression));
    setNote(cs?.note ?? "");
    save.reset();
    setEditing(true);
  };

  if (editing) {
    return (
      <form
        className={styles.starForm}
        data-testid="star-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ title: title.trim(), note });
        }}
      >
        <label className="field">
          <span className="field-label">Case-study title</span>
          <input type="text" value={title} maxLength={TITLE_MAX} onChange={(e) => setTitle(e.target.value)} aria-invalid={errors.title ? true : undefined} aria-label="Case-study title" />
          {errors.title && <span className="field-error">{errors.title}</span>}
        </label>
        <label className="field">
          <span className="field-label">Note</span>
          <textarea rows={4} value={note} onChange={(e) => setNote(e.target.value)} aria-label="Case-study note" placeholder="Why this impression is worth a look: what the user needed, what the tool-invoking suggestion did…" />
          {errors.note && <span className="field-error">{errors.note}</span>}
        </label>
        {save.isError && !errors.title && !errors.note && (
          <div className="notice error small" role="alert">
            {errorMessage(save.error)}
          </div>
        )}
        <div className="row">
          <button type="submit" className="btn primary small" disabled={save.isPending || title.trim() === ""}>
            {cs ? "Save" : "★ Star"}
          </button>
          <button type="button" className="btn small ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  if (!cs) {
    return (
      <button type="button" className={`btn small ${styles.starBtn}`} onClick={open} data-testid="star-button">
        ☆ Star as case study
      </button>
    );
  }

  return (
    <div className={styles.starred} data-testid="case-study">
      <div className="row">
        <span className={styles.star} aria-label="Starred">
          ★
        </span>
        <strong>{cs.title}</strong>
        <span className="small muted">
          {cs.createdBy} · {formatDateTime(cs.updatedAt)}
        </span>
        <div className="spacer" />
        <button type="button" className="btn small" onClick={open}>
          Edit
        </button>
        <button type="button" className="btn small ghost" disabled={unstar.isPending} onClick={() => unstar.mutate()}>
          Unstar
        </button>
      </div>
      {showNote && cs.note && <p className={styles.note}>{cs.note}</p>}
      {unstar.isError && (
        <div className="notice error small" role="alert">
          {errorMessage(unstar.error)}
        </div>
      )}
    </div>
  );
}

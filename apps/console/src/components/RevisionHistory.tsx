"use client";

import { useState } from "react";
import { diffList, diffWords } from "@/lib/diff";
import { formatDateTime } from "@/lib/format";
import type { FieldChange, Json, ToolRevision } from "@/lib/types";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  description: "Description",
  categoryId: "Category",
  category: "Category",
  canonicalQuery: "Canonical query",
  utterances: "Utterances",
  situations: "Situations",
  parameters: "Parameters",
  actionType: "Action type",
  invocationCount: "Invocation count",
  enabled: "Enabled",
  grounding: "Grounding",
  popularity: "Popularity",
};

function isStringArray(v: Json | undefined): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

function JsonValue({ value }: { value: Json | undefined }) {
  if (value === undefined || value === null) return <span className="muted">∅</span>;
  if (typeof value === "string") return <span>{value}</span>;
  if (typeof value === "object") return <pre className="json-inline">{JSON.stringify(value, null, 2)}</pre>;
  return <span className="mono">{JSON.stringify(value)}</span>;
}

/** One field's before → after, with word-level highlighting for strings. */
export function ChangeView({ change }: { change: FieldChange }) {
  const { before, after } = change;
  if (typeof before === "string" && typeof after === "string") {
    const parts = diffWords(before, after);
    return (
      <div className="change-grid">
        <div className="change-before" aria-label="before">
          {parts.map((p, i) =>
            p.op === "ins" ? null : p.op === "del" ? (
              <del key={i}>{p.text}</del>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </div>
        <div className="change-arrow">→</div>
        <div className="change-after" aria-label="after">
          {parts.map((p, i) =>
            p.op === "del" ? null : p.op === "ins" ? (
              <ins key={i}>{p.text}</ins>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </div>
      </div>
    );
  }
  if ((isStringArray(before) || before == null) && (isStringArray(after) || after == null) && (before || after)) {
    const d = diffList(before ?? [], after ?? []);
    return (
      <ul className="list-diff">
        {d.removed.map((item, i) => (
          <li key={`r${i}`}>
            <del>− {item}</del>
          </li>
        ))}
        {d.added.map((item, i) => (
          <li key={`a${i}`}>
            <ins>+ {item}</ins>
          </li>
        ))}
        {d.removed.length === 0 && d.added.length === 0 && <li className="muted">Reordered</li>}
        {d.kept > 0 && <li className="muted small">{d.kept} unchanged</li>}
      </ul>
    );
  }
  return (
    <div className="change-grid">
      <div className="change-before">
        <JsonValue value={before} />
      </div>
      <div className="change-arrow">→</div>
      <div className="change-after">
        <JsonValue value={after} />
      </div>
    </div>
  );
}

function RevisionEntry({ revision, defaultOpen }: { revision: ToolRevision; defaultOpen: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  const summary = revision.changes.map((c) => FIELD_LABELS[c.field] ?? c.field).join(", ");
  return (
    <li className={`revision action-${revision.action.toLowerCase()}`} data-testid="revision" data-version={revision.version}>
      <button type="button" className="revision-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="revision-version">v{revision.version}</span>
        <span className={`badge action-${revision.action.toLowerCase()}`}>{revision.action}</span>
        <span className="revision-fields">{summary || "no field changes"}</span>
        <span className="spacer" />
        <span className="muted small">
          {revision.actor} · {formatDateTime(revision.createdAt)}
        </span>
        <span className="chevron">{open ? "▾" : "▸"}</span>
      </button>
      {open && (
        <table className="changes">
          <tbody>
            {revision.changes.map((change) => (
              <tr key={change.field} data-field={change.field}>
                <th>{FIELD_LABELS[change.field] ?? change.field}</th>
                <td>
                  <ChangeView change={change} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

export function RevisionHistory({ revisions }: { revisions: ToolRevision[] }) {
  const sorted = [...revisions].sort((a, b) => b.version - a.version);
  if (sorted.length === 0) return <p className="muted">No revisions recorded.</p>;
  return (
    <ol className="revisions" data-testid="revisions">
      {sorted.map((revision, i) => (
        <RevisionEntry
          key={revision.id}
          revision={revision}
          defaultOpen={i < 3 && revision.action !== "CREATE"}
        />
      ))}
    </ol>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { ImpactPreview } from "@/components/retrieval/ImpactPreview";
import { RevisionHistory } from "@/components/RevisionHistory";
import { ToolForm } from "@/components/ToolForm";
import { canEditTools, useViewer } from "@/components/ViewerContext";
import { focusFirstInvalid } from "@/lib/focusInvalid";
import { formatDateTime, formatInt, formatPercentile } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { useLeaveGuard } from "@/lib/leaveGuard";
import { TOOL_REVISIONS_QUERY } from "@/lib/queries";
import { fieldLabel } from "@/lib/toolDraft";
import { useCategoryOptions } from "@/lib/useCategoryOptions";
import { useToolEditor } from "./useToolEditor";

export function ToolPage({ id }: { id: string }) {
  const viewer = useViewer();
  const editable = canEditTools(viewer.role);
  const editor = useToolEditor(id);
  const { toolQuery, base, draft, local, input, dirtyFields, dirty, apiErrors, formError, conflict, savedNotice, save, toggle, remove, busy } = editor;
  const revisionsQuery = useQuery({
    queryKey: ["toolRevisions", id],
    queryFn: () => gql(TOOL_REVISIONS_QUERY, { toolId: id }),
  });
  const categories = useCategoryOptions();
  const [confirmDelete, setConfirmDelete] = useState(false);

  // Unsaved edits: every way off the page asks first (links, Back, reload).
  useLeaveGuard(editable && dirty, "You have unsaved edits to this tool. Leave and lose them?");

  // A refused save: the first field with a message (or the banner) comes into view, focused.
  const formRef = useRef<HTMLFormElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editor.failedSaves > 0) focusFirstInvalid(formRef.current, bannerRef.current);
  }, [editor.failedSaves]);

  // Escape cancels the delete confirmation, which opens with the focus on "Cancel".
  const deleteButtonRef = useRef<HTMLButtonElement>(null);
  const cancelDeleteRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!confirmDelete) return;
    cancelDeleteRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setConfirmDelete(false);
      requestAnimationFrame(() => deleteButtonRef.current?.focus());
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [confirmDelete]);
  useEffect(() => {
    if (remove.isError) setConfirmDelete(false);
  }, [remove.isError]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editable) editor.submit();
  }

  if (toolQuery.isPending) return <p className="muted">Loading tool…</p>;
  if (toolQuery.isError && !base)
    return <ErrorNotice action="load the tool" error={toolQuery.error} onRetry={() => void toolQuery.refetch()} />;
  if (!toolQuery.data?.tool && !base)
    return (
      <>
        <p className="crumbs">
          <Link href="/tools">Tools</Link> /
        </p>
        <div className="notice warn" role="alert">
          No tool with id <code>{id}</code>. It may have been deleted.
        </div>
      </>
    );
  if (!base || !draft) return <p className="muted">Loading tool…</p>;

  const shownErrors: Record<string, string> = { ...apiErrors };
  if (local.invocationCount) shownErrors.invocationCount = local.invocationCount;

  return (
    <>
      <p className="crumbs">
        <Link href="/tools">Tools</Link> / <Link href={`/tools?category=${encodeURIComponent(base.category.id)}`}>{base.category.name}</Link> /
      </p>
      <div className="page-head">
        <h1 data-testid="tool-title">{base.name}</h1>
        <code className="muted">{base.id}</code>
        <span className="badge" data-testid="tool-version">
          v{base.version}
        </span>
        {base.enabled ? <span className="badge ok">enabled</span> : <span className="badge off">disabled</span>}
        <div className="spacer" />
        {editable && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => toggle.mutate({ version: base.version, enabled: !base.enabled })}
            title="Saves immediately; other unsaved edits are kept"
          >
            {toggle.isPending ? "Saving…" : base.enabled ? "Disable tool" : "Enable tool"}
          </button>
        )}
      </div>

      {conflict && (
        <div className="notice conflict" role="alert" data-testid="conflict">
          <p>
            <strong>
              Someone else saved this tool
              {conflict.currentVersion !== null ? ` (now version ${conflict.currentVersion})` : ""}.
            </strong>{" "}
            Reload to see their changes; your edits are kept below.
          </p>
          <div className="row">
            <button type="button" className="btn small" onClick={() => void editor.reloadTheirs()}>
              Reload their version (discard my edits)
            </button>
            <button type="button" className="btn small" onClick={() => void editor.keepMineOnLatest()}>
              Keep my edits on top of their version
            </button>
          </div>
        </div>
      )}
      {formError && (
        <div ref={bannerRef} className="notice error" role="alert" data-testid="form-error">
          {formError}
        </div>
      )}
      {savedNotice && !conflict && (
        <div className="notice ok" role="status" data-testid="saved">
          {savedNotice}
        </div>
      )}

      <div className="tool-layout">
        <form ref={formRef} className="card" onSubmit={onSubmit} noValidate aria-label="Edit tool">
          <ToolForm
            mode="edit"
            draft={draft}
            onField={editor.onField}
            errors={shownErrors}
            categories={categories}
            disabled={!editable}
            dirty={dirtyFields}
          />
          {editable ? (
            <div className="form-actions">
              <button type="submit" className="btn primary" disabled={busy || !dirty}>
                {save.isPending ? "Saving…" : "Save"}
              </button>
              <button
                type="button"
                className="btn ghost"
                disabled={busy || !dirty}
                onClick={editor.discard}
              >
                Discard changes
              </button>
              <span className="muted small">
                {dirty ? `Unsaved: ${[...dirtyFields].map((f) => fieldLabel(f) ?? f).join(", ")}` : "No unsaved changes"} · saves against version {base.version}
              </span>
            </div>
          ) : (
            <p className="muted small">Your role ({viewer.role}) can read tools but not edit them.</p>
          )}
        </form>

        <aside className="side">
          <section className="card">
            <h2>Details</h2>
            <dl className="meta">
              <dt>Version</dt>
              <dd>{base.version}</dd>
              <dt>Invocations</dt>
              <dd>{formatInt(base.invocationCount)}</dd>
              <dt>Frequency pct.</dt>
              <dd>{formatPercentile(base.frequencyPercentile)}</dd>
              {base.popularity != null && (
                <>
                  <dt>Popularity</dt>
                  <dd>{base.popularity} / 10</dd>
                </>
              )}
              <dt>Updated</dt>
              <dd>{formatDateTime(base.updatedAt)}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(base.createdAt)}</dd>
            </dl>
          </section>
          <section className="card" data-testid="grounding">
            <h2>Grounding</h2>
            {base.grounding.length === 0 ? (
              <p className="muted small">No grounding recorded.</p>
            ) : (
              <ul className="grounding">
                {base.grounding.map((g, i) => (
                  <li key={i}>
                    <span className={`tag source-${g.source.replace(/[^a-z0-9]/gi, "-")}`}>{g.source}</span>{" "}
                    {g.id && <code className="small">{g.id}</code>}
                    {g.reason && <span className="small">{g.reason}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {editable && (
            <section className="card danger">
              <h2>Delete</h2>
              {!confirmDelete ? (
                <button ref={deleteButtonRef} type="button" className="btn danger" disabled={busy} onClick={() => setConfirmDelete(true)}>
                  Delete tool…
                </button>
              ) : (
                <div className="stack" role="alertdialog" aria-label="Confirm delete">
                  <p className="small">
                    Delete <strong>{base.name}</strong> (<code>{base.id}</code>, version {base.version})? It disappears from
                    the catalog, retrieval and suggestions.
                  </p>
                  <div className="row">
                    <button type="button" className="btn danger" disabled={busy} onClick={() => remove.mutate(base.version)}>
                      {remove.isPending ? "Deleting…" : "Yes, delete"}
                    </button>
                    <button ref={cancelDeleteRef} type="button" className="btn ghost" onClick={() => setConfirmDelete(false)} title="Cancel (Esc)">
                      Cancel
                    </button>
                  </div>
                </div>
              )}
            </section>
          )}
        </aside>
      </div>

      {editable && <ImpactPreview toolId={id} input={input} />}
      <section className="card history">
        <h2>Revision history</h2>
        {revisionsQuery.isPending && <p className="muted">Loading revisions…</p>}
        {revisionsQuery.isError && <ErrorNotice action="load revisions" error={revisionsQuery.error} onRetry={() => void revisionsQuery.refetch()} />}
        {revisionsQuery.data && <RevisionHistory revisions={revisionsQuery.data.toolRevisions} />}
      </section>
    </>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { ImpactPreview } from "@/components/retrieval/ImpactPreview";
import { RevisionHistory } from "@/components/RevisionHistory";
import { ToolForm } from "@/components/ToolForm";
import { canEditTools, useViewer } from "@/components/ViewerContext";
import { formatDateTime, formatInt, formatPercentile } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, GraphQLRequestError } from "@/lib/graphql-errors";
import {
  DELETE_TOOL_MUTATION,
  TOOL_QUERY,
  TOOL_REVISIONS_QUERY,
  TOOL_VERSION_QUERY,
  UPDATE_TOOL_MUTATION,
} from "@/lib/queries";
import { changedInput, clearFieldError, localProblems, showSaveError, toDraft, type UpdateToolInput } from "@/lib/toolDraft";
import type { Tool, ToolDraft, ToolRevision } from "@/lib/types";
import { useCategoryOptions } from "@/lib/useCategoryOptions";

interface Conflict {
  /** The version now stored, when known. */
  currentVersion: number | null;
}

/** The version a CONFLICT error reports, if it says. */
function versionFromConflict(error: GraphQLRequestError): number | null {
  const ext = error.withCode("CONFLICT")?.extensions ?? {};
  for (const key of ["currentVersion", "actualVersion", "latestVersion", "serverVersion", "version"]) {
    const v = ext[key];
    if (typeof v === "number" && Number.isInteger(v)) return v;
  }
  return null;
}

export function ToolPage({ id }: { id: string }) {
  const viewer = useViewer();
  const editable = canEditTools(viewer.role);
  const queryClient = useQueryClient();
  const router = useRouter();

  const toolQuery = useQuery({
    queryKey: ["tool", id],
    queryFn: () => gql<{ tool: Tool | null }>(TOOL_QUERY, { id }),
    staleTime: Infinity,
  });
  const revisionsQuery = useQuery({
    queryKey: ["toolRevisions", id],
    queryFn: () => gql<{ toolRevisions: ToolRevision[] }>(TOOL_REVISIONS_QUERY, { toolId: id }),
  });
  const categories = useCategoryOptions();

  // `base` is the tool as last loaded or saved: its version is the one a save sends, and
  // the draft is compared against it. Refetches never overwrite the draft.
  const [base, setBase] = useState<Tool | null>(null);
  const [draft, setDraft] = useState<ToolDraft | null>(null);
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    const tool = toolQuery.data?.tool;
    if (tool && !base) {
      setBase(tool);
      setDraft(toDraft(tool));
    }
  }, [toolQuery.data, base]);

  const local = useMemo(() => (draft ? localProblems(draft) : {}), [draft]);
  const input: UpdateToolInput = useMemo(
    () => (base && draft && Object.keys(local).length === 0 ? changedInput(base, draft) : {}),
    [base, draft, local],
  );
  const dirtyFields = useMemo(() => {
    if (!base || !draft) return new Set<string>();
    const d = new Set(Object.keys(changedInput(base, { ...draft, parametersText: local.parameters ? "" : draft.parametersText })));
    if (local.parameters) d.add("parameters");
    if (local.invocationCount) d.add("invocationCount");
    return d;
  }, [base, draft, local]);
  const dirty = dirtyFields.size > 0;

  // Warn before leaving with unsaved edits.
  useEffect(() => {
    if (!dirty) return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener("beforeunload", handler);
    return () => window.removeEventListener("beforeunload", handler);
  }, [dirty]);

  function afterSave(tool: Tool, notice: string) {
    queryClient.setQueryData(["tool", id], { tool });
    void queryClient.invalidateQueries({ queryKey: ["toolRevisions", id] });
    void queryClient.invalidateQueries({ queryKey: ["tools"] });
    void queryClient.invalidateQueries({ queryKey: ["categories"] });
    setSavedNotice(notice);
  }

  async function handleConflict(error: GraphQLRequestError) {
    let currentVersion = versionFromConflict(error);
    try {
      const fresh = await gql<{ tool: { id: string; version: number } | null }>(TOOL_VERSION_QUERY, { id });
      if (fresh.tool) currentVersion = fresh.tool.version;
    } catch {
      // keep whatever the error said
    }
    setConflict({ currentVersion });
  }

  const save = useMutation({
    mutationFn: (vars: { version: number; input: UpdateToolInput }) =>
      gql<{ updateTool: Tool }>(UPDATE_TOOL_MUTATION, { id, version: vars.version, input: vars.input }),
    onMutate: () => {
      setFormError(null);
      setSavedNotice(null);
    },
    onSuccess: ({ updateTool: tool }) => {
      setBase(tool);
      setDraft(toDraft(tool));
      setApiErrors({});
      setConflict(null);
      afterSave(tool, `Saved as version ${tool.version}.`);
    },
    onError: async (error) => {
      if (error instanceof GraphQLRequestError && error.withCode("CONFLICT")) {
        await handleConflict(error);
        return;
      }
      showSaveError(error, setApiErrors, setFormError);
    },
  });

  // The quick enable/disable toggle saves only `enabled`, keeping any other edits.
  const toggle = useMutation({
    mutationFn: (vars: { version: number; enabled: boolean }) =>
      gql<{ updateTool: Tool }>(UPDATE_TOOL_MUTATION, { id, version: vars.version, input: { enabled: vars.enabled } }),
    onMutate: () => {
      setFormError(null);
      setSavedNotice(null);
    },
    onSuccess: ({ updateTool: tool }) => {
      const previous = base;
      setBase(tool);
      setDraft((d) => (d && previous && d.enabled === previous.enabled ? { ...d, enabled: tool.enabled } : d));
      afterSave(tool, `${tool.enabled ? "Enabled" : "Disabled"} (version ${tool.version}).`);
    },
    onError: async (error) => {
      if (error instanceof GraphQLRequestError && error.withCode("CONFLICT")) await handleConflict(error);
      else setFormError(errorMessage(error));
    },
  });

  const remove = useMutation({
    mutationFn: (version: number) => gql<{ deleteTool: { id: string; deleted: boolean } }>(DELETE_TOOL_MUTATION, { id, version }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ["tool", id] });
      void queryClient.invalidateQueries({ queryKey: ["tools"] });
      void queryClient.invalidateQueries({ queryKey: ["categories"] });
      router.push(`/tools?deleted=${encodeURIComponent(id)}`);
    },
    onError: async (error) => {
      setConfirmDelete(false);
      if (error instanceof GraphQLRequestError && error.withCode("CONFLICT")) await handleConflict(error);
      else setFormError(errorMessage(error));
    },
  });

  /** Discard the draft and load the stored tool. */
  async function reloadTheirs() {
    if (dirty && !window.confirm("Discard your unsaved edits and load the stored version?")) return;
    const result = await toolQuery.refetch();
    const tool = result.data?.tool;
    if (tool) {
      setBase(tool);
      setDraft(toDraft(tool));
    }
    setApiErrors({});
    setConflict(null);
    setFormError(null);
  }

  /** Keep the draft, but compare and save it against the stored version from now on. */
  async function keepMineOnLatest() {
    const result = await toolQuery.refetch();
    const tool = result.data?.tool;
    if (!tool) return;
    setBase(tool);
    setConflict(null);
    setSavedNotice(`Your edits now apply on top of version ${tool.version}. Review them and save.`);
  }

  function onField<K extends keyof ToolDraft>(field: K, value: ToolDraft[K]) {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setSavedNotice(null);
    setApiErrors((errors) => clearFieldError(errors, field));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!base || !draft || !editable) return;
    if (Object.keys(local).length > 0) {
      setFormError("Fix the highlighted fields before saving.");
      return;
    }
    if (Object.keys(input).length === 0) {
      setSavedNotice("Nothing to save.");
      return;
    }
    save.mutate({ version: base.version, input });
  }

  if (toolQuery.isPending) return <p className="muted">Loading tool…</p>;
  if (toolQuery.isError && !base)
    return <ErrorNotice action="load the tool" error={toolQuery.error} />;
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
  const busy = save.isPending || toggle.isPending || remove.isPending;

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
            <button type="button" className="btn small" onClick={() => void reloadTheirs()}>
              Reload their version (discard my edits)
            </button>
            <button type="button" className="btn small" onClick={() => void keepMineOnLatest()}>
              Keep my edits on top of their version
            </button>
          </div>
        </div>
      )}
      {formError && (
        <div className="notice error" role="alert" data-testid="form-error">
          {formError}
        </div>
      )}
      {savedNotice && !conflict && (
        <div className="notice ok" role="status" data-testid="saved">
          {savedNotice}
        </div>
      )}

      <div className="tool-layout">
        <form className="card" onSubmit={onSubmit} noValidate aria-label="Edit tool">
          <ToolForm
            mode="edit"
            draft={draft}
            onField={onField}
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
                onClick={() => {
                  setDraft(toDraft(base));
                  setApiErrors({});
                  setFormError(null);
                }}
              >
                Discard changes
              </button>
              <span className="muted small">
                {dirty ? `Unsaved: ${[...dirtyFields].join(", ")}` : "No unsaved changes"} · saves against version {base.version}
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
                <button type="button" className="btn danger" disabled={busy} onClick={() => setConfirmDelete(true)}>
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
                    <button type="button" className="btn ghost" onClick={() => setConfirmDelete(false)}>
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
        {revisionsQuery.isError && <ErrorNotice action="load revisions" error={revisionsQuery.error} />}
        {revisionsQuery.data && <RevisionHistory revisions={revisionsQuery.data.toolRevisions} />}
      </section>
    </>
  );
}

"use client";

// The tool editor's state and its three writes (save the draft, quick enable/disable, delete),
// all against the version the page loaded (optimistic concurrency). A CONFLICT from any of
// them is handled once here: the stored version is looked up and the draft is kept.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { gql } from "@/lib/graphql";
import { errorMessage, GraphQLRequestError } from "@/lib/graphql-errors";
import { DELETE_TOOL_MUTATION, TOOL_QUERY, TOOL_VERSION_QUERY, UPDATE_TOOL_MUTATION, type Tool } from "@/lib/queries";
import { changedInput, clearFieldError, localProblems, showSaveError, toDraft, type ToolDraft, type UpdateToolInput } from "@/lib/toolDraft";

export interface Conflict {
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

export function useToolEditor(id: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const toolQuery = useQuery({
    queryKey: ["tool", id],
    queryFn: () => gql(TOOL_QUERY, { id }),
    staleTime: Infinity,
  });

  // `base` is the tool as last loaded or saved: its version is the one a save sends, and the
  // draft is compared against it. Refetches never overwrite the draft.
  const [base, setBase] = useState<Tool | null>(null);
  const [draft, setDraft] = useState<ToolDraft | null>(null);
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  /** Bumped on every refused save: the page then brings the first invalid field into view. */
  const [failedSaves, setFailedSaves] = useState(0);

  const loaded = toolQuery.data?.tool;
  if (loaded && !base) {
    // First load: adopt it during render (no effect round-trip, no flash of an empty form).
    setBase(loaded);
    setDraft(toDraft(loaded));
  }

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

  function afterWrite(tool: Tool, notice: string) {
    queryClient.setQueryData(["tool", id], { tool });
    void queryClient.invalidateQueries({ queryKey: ["toolRevisions", id] });
    void queryClient.invalidateQueries({ queryKey: ["tools"] });
    void queryClient.invalidateQueries({ queryKey: ["categories"] });
    setSavedNotice(notice);
  }

  /** One place for a refused write: CONFLICT keeps the draft; field errors go next to fields. */
  async function onWriteError(error: unknown, showFields: boolean) {
    if (error instanceof GraphQLRequestError && error.withCode("CONFLICT")) {
      let currentVersion = versionFromConflict(error);
      try {
        const fresh = await gql(TOOL_VERSION_QUERY, { id });
        if (fresh.tool) currentVersion = fresh.tool.version;
      } catch {
        // keep whatever the error said
      }
      setConflict({ currentVersion });
      return;
    }
    if (showFields) showSaveError(error, setApiErrors, setFormError);
    else setFormError(errorMessage(error));
    setFailedSaves((n) => n + 1);
  }

  const beforeWrite = () => {
    setFormError(null);
    setSavedNotice(null);
  };

  const save = useMutation({
    mutationFn: (vars: { version: number; input: UpdateToolInput }) => gql(UPDATE_TOOL_MUTATION, { id, ...vars }),
    onMutate: beforeWrite,
    onSuccess: ({ updateTool: tool }) => {
      setBase(tool);
      setDraft(toDraft(tool));
      setApiErrors({});
      setConflict(null);
      afterWrite(tool, `Saved as version ${tool.version}.`);
    },
    onError: (error) => onWriteError(error, true),
  });

  // The quick enable/disable toggle saves only `enabled`, keeping any other edits.
  const toggle = useMutation({
    mutationFn: (vars: { version: number; enabled: boolean }) => gql(UPDATE_TOOL_MUTATION, { id, version: vars.version, input: { enabled: vars.enabled } }),
    onMutate: beforeWrite,
    onSuccess: ({ updateTool: tool }) => {
      const previous = base;
      setBase(tool);
      setDraft((d) => (d && previous && d.enabled === previous.enabled ? { ...d, enabled: tool.enabled } : d));
      afterWrite(tool, `${tool.enabled ? "Enabled" : "Disabled"} (version ${tool.version}).`);
    },
    onError: (error) => onWriteError(error, false),
  });

  const remove = useMutation({
    mutationFn: (version: number) => gql(DELETE_TOOL_MUTATION, { id, version }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ["tool", id] });
      void queryClient.invalidateQueries({ queryKey: ["tools"] });
      void queryClient.invalidateQueries({ queryKey: ["categories"] });
      router.push(`/tools?deleted=${encodeURIComponent(id)}`);
    },
    onError: (error) => onWriteError(error, false),
  });

  const dirty = dirtyFields.size > 0;

  return {
    toolQuery,
    base,
    draft,
    local,
    input,
    dirtyFields,
    dirty,
    apiErrors,
    formError,
    conflict,
    savedNotice,
    failedSaves,
    save,
    toggle,
    remove,
    busy: save.isPending || toggle.isPending || remove.isPending,

    onField<K extends keyof ToolDraft>(field: K, value: ToolDraft[K]) {
      setDraft((d) => (d ? { ...d, [field]: value } : d));
      setSavedNotice(null);
      setApiErrors((errors) => clearFieldError(errors, field));
    },

    /** Save the draft against the loaded version (after the browser-side checks). */
    submit() {
      if (!base || !draft) return;
      if (Object.keys(local).length > 0) {
        setFormError("Fix the highlighted fields before saving.");
        setFailedSaves((n) => n + 1);
        return;
      }
      if (Object.keys(input).length === 0) {
        setSavedNotice("Nothing to save.");
        return;
      }
      save.mutate({ version: base.version, input });
    },

    discard() {
      if (!base) return;
      setDraft(toDraft(base));
      setApiErrors({});
      setFormError(null);
    },

    /** Discard the draft and load the stored tool. */
    async reloadTheirs() {
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
    },

    /** Keep the draft, but compare and save it against the stored version from now on. */
    async keepMineOnLatest() {
      const result = await toolQuery.refetch();
      const tool = result.data?.tool;
      if (!tool) return;
      setBase(tool);
      setConflict(null);
      setSavedNotice(`Your edits now apply on top of version ${tool.version}. Review them and save.`);
    },
  };
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ToolForm } from "@/components/ToolForm";
import { canEditTools, useViewer } from "@/components/ViewerContext";
import { gql } from "@/lib/graphql";
import { CREATE_TOOL_MUTATION } from "@/lib/queries";
import { clearFieldError, createInput, emptyDraft, localProblems, showSaveError } from "@/lib/toolDraft";
import type { Tool, ToolDraft } from "@/lib/types";
import { useCategoryOptions } from "@/lib/useCategoryOptions";

export function NewToolForm() {
  const viewer = useViewer();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ToolDraft>(() => emptyDraft(params.get("category") ?? ""));
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const categories = useCategoryOptions();

  const create = useMutation({
    mutationFn: (input: Record<string, unknown>) => gql<{ createTool: Tool }>(CREATE_TOOL_MUTATION, { input }),
    onMutate: () => setFormError(null),
    onSuccess: ({ createTool: tool }) => {
      queryClient.setQueryData(["tool", tool.id], { tool });
      void queryClient.invalidateQueries({ queryKey: ["tools"] });
      void queryClient.invalidateQueries({ queryKey: ["categories"] });
      router.push(`/tools/${encodeURIComponent(tool.id)}`);
    },
    onError: (error) => showSaveError(error, setApiErrors, setFormError),
  });

  function onField<K extends keyof ToolDraft>(field: K, value: ToolDraft[K]) {
    setDraft((d) => {
      const next = { ...d, [field]: value };
      // Keep the id's category prefix in step with the category while it is untouched.
      if (field === "categoryId" && (d.id === "" || d.id === `${d.categoryId}.`)) next.id = `${String(value)}.`;
      return next;
    });
    setApiErrors((errors) => clearFieldError(errors, field));
  }

  const local = localProblems(draft);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (Object.keys(local).length > 0) {
      setFormError("Fix the highlighted fields before creating the tool.");
      return;
    }
    create.mutate(createInput(draft));
  }

  if (!canEditTools(viewer.role)) {
    return (
      <div className="notice warn" role="alert">
        Your role ({viewer.role}) cannot create tools.
      </div>
    );
  }

  const shownErrors: Record<string, string> = { ...apiErrors };
  if (local.invocationCount) shownErrors.invocationCount = local.invocationCount;

  return (
    <>
      <p className="crumbs">
        <Link href="/tools">Tools</Link> /
      </p>
      <div className="page-head">
        <h1>New tool</h1>
      </div>
      {formError && (
        <div className="notice error" role="alert" data-testid="form-error">
          {formError}
        </div>
      )}
      <form className="card narrow" onSubmit={onSubmit} noValidate aria-label="New tool">
        <ToolForm
          mode="create"
          draft={draft}
          onField={onField}
          errors={shownErrors}
          categories={categories}
        />
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create tool"}
          </button>
          <Link href="/tools" className="btn ghost">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

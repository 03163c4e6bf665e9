"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ToolForm } from "@/components/ToolForm";
import { canEditTools, useViewer } from "@/components/ViewerContext";
import { focusFirstInvalid } from "@/lib/focusInvalid";
import { gql } from "@/lib/graphql";
import { useLeaveGuard } from "@/lib/leaveGuard";
import { CREATE_TOOL_MUTATION, type CreateToolInput } from "@/lib/queries";
import { clearFieldError, createInput, emptyDraft, localProblems, showSaveError, type ToolDraft } from "@/lib/toolDraft";
import { useCategoryOptions } from "@/lib/useCategoryOptions";

export function NewToolForm() {
  const viewer = useViewer();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ToolDraft>(() => emptyDraft(params.get("category") ?? ""));
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [failedSaves, setFailedSaves] = useState(0);
  const [started] = useState(draft);
  const formRef = useRef<HTMLFormElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failedSaves > 0) focusFirstInvalid(formRef.current, bannerRef.current);
  }, [failedSaves]);

  const categories = useCategoryOptions();

  const create = useMutation({
    mutationFn: (input: CreateToolInput) => gql(CREATE_TOOL_MUTATION, { input }),
    onMutate: () => setFormError(null),
    onSuccess: ({ createTool: tool }) => {
      queryClient.setQueryData(["tool", tool.id], { tool });
      void queryClient.invalidateQueries({ queryKey: ["tools"] });
      void queryClient.invalidateQueries({ queryKey: ["categories"] });
      router.push(`/tools/${encodeURIComponent(tool.id)}`);
    },
    onError: (error) => {
      showSaveError(error, setApiErrors, setFormError);
      setFailedSaves((n) => n + 1);
    },
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
  // Typed something and not created yet: leaving asks first (the create itself navigates).
  useLeaveGuard(JSON.stringify(draft) !== JSON.stringify(started) && !create.isPending && !create.isSuccess, "This new tool is not created yet. Leave and lose it?");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (Object.keys(local).length > 0) {
      setFormError("Fix the highlighted fields before creating the tool.");
      setFailedSaves((n) => n + 1);
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
        <div ref={bannerRef} className="notice error" role="alert" data-testid="form-error">
          {formError}
        </div>
      )}
      <form ref={formRef} className="card narrow" onSubmit={onSubmit} noValidate aria-label="New tool">
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

"use client";

import type { ReactNode } from "react";
import { TOOL_ACTION_TYPES } from "@/lib/schemaEnums";
import type { CategoryOption } from "@/lib/useCategoryOptions";
import { FIELD_LABELS, type ToolDraft } from "@/lib/toolDraft";
import { FieldError } from "./FieldError";
import { JsonSchemaEditor } from "./JsonSchemaEditor";
import { UtterancesEditor } from "./UtterancesEditor";

interface Props {
  mode: "create" | "edit";
  draft: ToolDraft;
  /** Update one field; the parent clears that field's errors. */
  onField: <K extends keyof ToolDraft>(field: K, value: ToolDraft[K]) => void;
  /** Errors keyed by editor field ("name", "utterances[2]", …). */
  errors: Record<string, string>;
  categories: CategoryOption[];
  disabled?: boolean;
  /** Fields that differ from the saved tool, marked in the form. */
  dirty?: ReadonlySet<string>;
}

function Field({
  name,
  label,
  hint,
  error,
  dirty,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  dirty?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? " has-error" : ""}`} data-field={name}>
      <label className="field-label" htmlFor={`f-${name}`}>
        {label}
        {dirty && <span className="dirty-dot" title="Changed, not saved" aria-label="changed" />}
      </label>
      {children}
      {hint && !error && <p className="field-hint">{hint}</p>}
      <FieldError id={`err-${name}`} message={error} />
    </div>
  );
}

export function ToolForm({ mode, draft, onField, errors, categories, disabled, dirty }: Props) {
  const invalid = (name: string) =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `err-${name}` } : {};
  const entryErrors = (field: string) => Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(`${field}[`)));
  return (
    <div className="tool-form">
      {mode === "create" && (
        <Field name="id" label={FIELD_LABELS.id} error={errors.id} hint="<category>.<verb>_<object>, lowercase letters, digits and underscores">
          <input
            id="f-id"
            className="mono"
            value={draft.id}
            disabled={disabled}
            onChange={(e) => onField("id", e.target.value)}
            {...invalid("id")}
          />
        </Field>
      )}
      <div className="form-row">
        <Field name="name" label={FIELD_LABELS.name} error={errors.name} dirty={dirty?.has("name")}>
          <input id="f-name" value={draft.name} disabled={disabled} onChange={(e) => onField("name", e.target.value)} {...invalid("name")} />
        </Field>
        <Field name="canonicalQuery" label={FIELD_LABELS.canonicalQuery} error={errors.canonicalQuery} dirty={dirty?.has("canonicalQuery")} hint="Imperative chip text, at most 6 words">
          <input
            id="f-canonicalQuery"
            value={draft.canonicalQuery}
            disabled={disabled}
            onChange={(e) => onField("canonicalQuery", e.target.value)}
            {...invalid("canonicalQuery")}
          />
        </Field>
      </div>
      <Field name="description" label={FIELD_LABELS.description} error={errors.description} dirty={dirty?.has("description")} hint="1–3 sentences: what it does and when it helps">
        <textarea
          id="f-description"
          rows={3}
          value={draft.description}
          disabled={disabled}
          onChange={(e) => onField("description", e.target.value)}
          {...invalid("description")}
        />
      </Field>
      <div className="form-row three">
        <Field name="categoryId" label={FIELD_LABELS.categoryId} error={errors.categoryId} dirty={dirty?.has("categoryId")}>
          <select
            id="f-categoryId"
            value={draft.categoryId}
            disabled={disabled}
            onChange={(e) => onField("categoryId", e.target.value)}
            {...invalid("categoryId")}
          >
            {draft.categoryId === "" && <option value="">Choose…</option>}
            {!categories.some((c) => c.id === draft.categoryId) && draft.categoryId !== "" && (
              <option value={draft.categoryId}>{draft.categoryId}</option>
            )}
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field name="actionType" label={FIELD_LABELS.actionType} error={errors.actionType} dirty={dirty?.has("actionType")}>
          <select
            id="f-actionType"
            value={draft.actionType}
            disabled={disabled}
            onChange={(e) => onField("actionType", e.target.value as ToolDraft["actionType"])}
            {...invalid("actionType")}
          >
            {TOOL_ACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field
          name="invocationCount"
          label={FIELD_LABELS.invocationCount}
          error={errors.invocationCount}
          dirty={dirty?.has("invocationCount")}
          hint={mode === "create" ? "Empty: the API's default" : undefined}
        >
          <input
            id="f-invocationCount"
            inputMode="numeric"
            className="num"
            value={draft.invocationCount}
            disabled={disabled}
            onChange={(e) => onField("invocationCount", e.target.value)}
            {...invalid("invocationCount")}
          />
        </Field>
      </div>
      <Field name="enabled" label={FIELD_LABELS.enabled} error={errors.enabled} dirty={dirty?.has("enabled")}>
        <label className="switch">
          <input
            id="f-enabled"
            type="checkbox"
            checked={draft.enabled}
            disabled={disabled}
            onChange={(e) => onField("enabled", e.target.checked)}
          />
          <span>{draft.enabled ? "Enabled: offered to the recommender" : "Disabled: hidden from retrieval and suggestions"}</span>
        </label>
      </Field>
      <Field name="utterances" label={`${FIELD_LABELS.utterances} (${draft.utterances.length})`} error={errors.utterances} dirty={dirty?.has("utterances")} hint="At least 4, unique across the catalog: direct, indirect need, colloquial">
        <UtterancesEditor
          utterances={draft.utterances}
          errors={entryErrors("utterances")}
          disabled={disabled}
          onChange={(next) => onField("utterances", next)}
        />
      </Field>
      <Field name="situations" label={`Situations (${draft.situations.length})`} error={errors.situations} dirty={dirty?.has("situations")} hint="At least 2: a need described without naming the tool (“I'm at the cinema”), unique across the catalog">
        <UtterancesEditor
          field="situations"
          noun="Situation"
          utterances={draft.situations}
          errors={entryErrors("situations")}
          disabled={disabled}
          onChange={(next) => onField("situations", next)}
        />
      </Field>
      <div className={`field${errors.parameters ? " has-error" : ""}`} data-field="parameters">
        <span className="field-label">
          Parameters (JSON Schema)
          {dirty?.has("parameters") && <span className="dirty-dot" title="Changed, not saved" aria-label="changed" />}
        </span>
        <JsonSchemaEditor
          value={draft.parametersText}
          apiError={errors.parameters}
          disabled={disabled}
          onChange={(next) => onField("parametersText", next)}
        />
      </div>
    </div>
  );
}

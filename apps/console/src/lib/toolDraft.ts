// The tool editor's draft: conversion from a Tool, validation that must happen in the
// browser (JSON syntax, integer syntax), and the minimal UpdateToolInput.

import { errorMessage, fieldErrors } from "./graphql-errors";
import type { CreateToolInput, Tool, ToolActionType, UpdateToolInput } from "./queries";

export type { UpdateToolInput } from "./queries";

/** A JSON value (a tool's parameters schema, a revision's before/after). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The editable part of a tool, as the editor holds it. */
export interface ToolDraft {
  id: string;
  name: string;
  description: string;
  categoryId: string;
  canonicalQuery: string;
  utterances: string[];
  /** Situations a user describes without naming the tool (issue 12). */
  situations: string[];
  /** The JSON Schema as the user typed it; "" means no parameters (null). */
  parametersText: string;
  actionType: ToolActionType;
  /** Kept as text so a half-typed number is not lost; sent as an Int. */
  invocationCount: string;
  enabled: boolean;
}

export function parametersToText(parameters: Json | undefined): string {
  return parameters == null ? "" : JSON.stringify(parameters, null, 2);
}

export function toDraft(tool: Tool): ToolDraft {
  return {
    id: tool.id,
    name: tool.name,
    description: tool.description,
    categoryId: tool.categoryId ?? tool.category.id,
    canonicalQuery: tool.canonicalQuery,
    utterances: [...tool.utterances],
    situations: [...(tool.situations ?? [])],
    parametersText: parametersToText(tool.parameters as Json),
    actionType: tool.actionType,
    invocationCount: String(tool.invocationCount),
    enabled: tool.enabled,
  };
}

export function emptyDraft(categoryId = ""): ToolDraft {
  return {
    id: categoryId ? `${categoryId}.` : "",
    name: "",
    description: "",
    categoryId,
    canonicalQuery: "",
    utterances: ["", "", "", ""],
    situations: ["", ""],
    parametersText: "",
    actionType: "OPEN_SETTINGS",
    invocationCount: "",
    enabled: true,
  };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** The parameters textarea as JSON: "" is null, anything else must parse. */
export function parseParameters(text: string): ParseResult<Json> {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    let message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const { line, column } = lineColumn(text, Number(position[1]));
      message = `${message.replace(/\s*\(line \d+ column \d+\)/, "")} (line ${line}, column ${column})`;
    }
    return { ok: false, error: message };
  }
}

export function parseInvocationCount(text: string): ParseResult<number | null> {
  const t = text.trim();
  if (t === "") return { ok: true, value: null };
  if (!/^-?\d+$/.test(t)) return { ok: false, error: "Enter a whole number." };
  const n = Number(t);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2_147_483_647) return { ok: false, error: "Number is too large." };
  return { ok: true, value: n };
}

/** Problems the browser must catch before sending (the API validates everything else). */
export function localProblems(draft: ToolDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const params = parseParameters(draft.parametersText);
  if (!params.ok) problems.parameters = `Invalid JSON: ${params.error}`;
  const count = parseInvocationCount(draft.invocationCount);
  if (!count.ok) problems.invocationCount = count.error;
  return problems;
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Only the fields that differ from the tool as loaded (assumes localProblems is empty). */
export function changedInput(base: Tool, draft: ToolDraft): UpdateToolInput {
  const input: UpdateToolInput = {};
  if (draft.name !== base.name) input.name = draft.name;
  if (draft.description !== base.description) input.description = draft.description;
  if (draft.categoryId !== (base.categoryId ?? base.category.id)) input.categoryId = draft.categoryId;
  if (draft.canonicalQuery !== base.canonicalQuery) input.canonicalQuery = draft.canonicalQuery;
  if (JSON.stringify(draft.utterances) !== JSON.stringify(base.utterances)) input.utterances = [...draft.utterances];
  if (JSON.stringify(draft.situations) !== JSON.stringify(base.situations ?? [])) input.situations = [...draft.situations];
  const params = parseParameters(draft.parametersText);
  if (params.ok && !sameJson(params.value, base.parameters as Json)) input.parameters = params.value;
  if (draft.actionType !== base.actionType) input.actionType = draft.actionType;
  const count = parseInvocationCount(draft.invocationCount);
  if (count.ok && count.value !== null && count.value !== base.invocationCount) input.invocationCount = count.value;
  if (draft.enabled !== base.enabled) input.enabled = draft.enabled;
  return input;
}

export function createInput(draft: ToolDraft): CreateToolInput {
  const params = parseParameters(draft.parametersText);
  const count = parseInvocationCount(draft.invocationCount);
  const input: CreateToolInput = {
    id: draft.id.trim(),
    name: draft.name,
    description: draft.description,
    categoryId: draft.categoryId,
    canonicalQuery: draft.canonicalQuery,
    utterances: draft.utterances,
    situations: draft.situations,
    parameters: params.ok ? params.value : null,
    actionType: draft.actionType,
    enabled: draft.enabled,
  };
  if (count.ok && count.value !== null) input.invocationCount = count.value;
  return input;
}

/** Field name as the API reports it → the editor field that shows it. */
export function editorFieldFor(apiField: string): string {
  if (apiField === "category" || apiField === "categoryId") return "categoryId";
  if (apiField.startsWith("parameters")) return "parameters";
  const phrase = /^(utterances|situations)\[(\d+)\]/.exec(apiField);
  if (phrase) return `${phrase[1]}[${phrase[2]}]`;
  return apiField;
}

export const EDITOR_FIELDS = new Set([
  "id",
  "name",
  "description",
  "categoryId",
  "canonicalQuery",
  "utterances",
  "situations",
  "parameters",
  "actionType",
  "invocationCount",
  "enabled",
]);

/** What the console calls each tool field: in the form, in messages ("Category is required",
 * not "categoryId …") and in the revision history. */
export const FIELD_LABELS = {
  id: "ID",
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
} as const;

/** The label of an editor field ("categoryId" → "Category"); undefined for others. */
export function fieldLabel(field: string): string | undefined {
  return (FIELD_LABELS as Record<string, string | undefined>)[field];
}

const VERB = "(?:is|are|must|has|have|should|cannot|can't|needs|may)\\b";

/**
 * An API message in the form's words: input names it mentions become labels ("categoryId is
 * required" → "Category is required"), and a bare "is required" gets its field's label.
 */
export function withFieldLabels(message: string, field?: string): string {
  const named = message.replace(new RegExp(`\\b(${Object.keys(FIELD_LABELS).join("|")})\\b(?=\\s+${VERB})`, "g"), (word) => fieldLabel(word) ?? word);
  const label = field ? fieldLabel(field) : undefined;
  return label && new RegExp(`^${VERB}`).test(named) ? `${label} ${named}` : named;
}

/** Routes API field errors to editor fields; anything unknown lands under "". */
export function routeFieldErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [apiField, raw] of Object.entries(errors)) {
    let field = editorFieldFor(apiField);
    const message = withFieldLabels(raw, field);
    if (!EDITOR_FIELDS.has(field) && !/^(utterances|situations)\[/.test(field)) field = "";
    const text = field === "" && apiField ? `${apiField}: ${message}` : message;
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  }
  return out;
}

/**
 * Shows a rejected create or update: messages that name a field go next to it (with the rest
 * above the form); an error that names none goes above the form and leaves the fields' as they were.
 */
export function showSaveError(error: unknown, setFieldErrors: (errors: Record<string, string>) => void, setFormError: (message: string) => void): void {
  const fields = routeFieldErrors(fieldErrors(error));
  if (Object.keys(fields).length === 0) {
    setFormError(errorMessage(error));
    return;
  }
  const { "": general, ...rest } = fields;
  setFieldErrors(rest);
  setFormError(general ?? "The API rejected some fields; see the messages below.");
}

/** The API's field messages once `field` is edited: its own (for utterances and situations, every entry's) go. */
export function clearFieldError(errors: Record<string, string>, field: keyof ToolDraft): Record<string, string> {
  const key = field === "parametersText" ? "parameters" : field;
  const next = { ...errors };
  delete next[key];
  if (key === "utterances" || key === "situations") for (const k of Object.keys(next)) if (k.startsWith(`${key}[`)) delete next[k];
  return next;
}

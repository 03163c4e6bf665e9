/**
 * Structural validation of SysToolkit tool fields (catalog seed, imports, API create and
 * update, edit previews). Text rules come from ./text, parameter schemas from ./json-schema.
 */

import type { FieldProblem } from "../errors";
import { normalizeText } from "../text";
import { validateJsonSchema } from "./json-schema";
import { checkText, checkTextList, type TextLimits, type TextListLimits } from "./text";

/** `<category>.<verb>_<object>`: lowercase, digits and underscores, one dot. */
export const TOOL_ID_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
export const TOOL_ID_MAX_LENGTH = 80;

/**
 * Limits of a tool's text fields: length in characters (inclusive) and kind of text
 * (./text). `utterances` is the list: at most 50 per tool (the catalog's largest has 6;
 * each one is indexed and matched on every retrieval, so the list is kept small).
 */
export const TOOL_FIELD_LIMITS = Object.freeze({
  name: { min: 1, max: 80, kind: "line" } satisfies TextLimits,
  description: { min: 1, max: 600, kind: "multiline" } satisfies TextLimits,
  canonicalQuery: { min: 1, max: 60, kind: "line" } satisfies TextLimits,
  utterance: { min: 1, max: 200, kind: "line" } satisfies TextLimits,
  utterances: { minItems: 1, maxItems: 50, item: { min: 1, max: 200, kind: "line" } } satisfies TextListLimits,
  /** Situations (a user describing a need, not a command): utterances' rules, but optional and possibly empty. */
  situations: { minItems: 0, maxItems: 50, item: { min: 1, max: 200, kind: "line" } } satisfies TextListLimits,
});

/** A field path ("name", "utterances[2]", "parameters") and what is wrong with it. */
export type FieldError = FieldProblem;

/** The validated fields of a tool; values are unknown because they come from JSON. */
export interface ToolFieldsInput {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly description?: unknown;
  readonly canonicalQuery?: unknown;
  readonly utterances?: unknown;
  readonly situations?: unknown;
  readonly invocationCount?: unknown;
  readonly parameters?: unknown;
  readonly [other: string]: unknown;
}

export interface ValidateToolFieldsOptions {
  /** Only check the fields present (for a partial update). Default false: all but `parameters` are required. */
  readonly partial?: boolean;
}

/** Largest invocation count a tool can store (PostgreSQL integer). */
export const MAX_INVOCATION_COUNT = 2_147_483_647;

/**
 * A list of short texts that describe when a tool is used (utterances, situations):
 * the same checks for every such list, with duplicates compared after normalizeText.
 */
export function validateToolTextList(field: string, value: unknown, limits: TextListLimits, noun: string): FieldError[] {
  return checkTextList(field, value, limits, { key: normalizeText, noun });
}

/**
 * Validates a tool's fields and returns every problem found ([] when valid): id matches
 * TOOL_ID_PATTERN and is at most 80 characters; name, description and canonicalQuery
 * within TOOL_FIELD_LIMITS (non-blank, allowed characters); utterances a list of 1..50
 * texts, no two equal after normalizeText; situations, when present, 0..50 texts under the
 * same rules; invocationCount an integer 0..2^31-1;
 * parameters null (or absent) or an object schema (type "object") that passes
 * validateJsonSchema. Cross-tool rules (unique names, utterances across the catalog) are
 * the caller's.
 */
export function validateToolFields(input: ToolFieldsInput, options: ValidateToolFieldsOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const partial = options.partial === true;
  const check = (field: string): boolean => {
    if (input[field] !== undefined) return true;
    if (!partial && field !== "parameters") errors.push({ field, message: "is required" });
    return false;
  };
  const text = (field: "name" | "description" | "canonicalQuery") => {
    if (!check(field)) return;
    const problem = checkText(input[field], TOOL_FIELD_LIMITS[field]);
    if (problem !== null) errors.push({ field, message: problem });
  };

  if (check("id")) {
    const id = input.id;
    if (typeof id !== "string") errors.push({ field: "id", message: `must be a string, got ${id === null ? "null" : typeof id}` });
    else if (id.length > TOOL_ID_MAX_LENGTH) {
      errors.push({ field: "id", message: `must be at most ${TOOL_ID_MAX_LENGTH} characters, got ${id.length}` });
    } else if (!TOOL_ID_PATTERN.test(id)) {
      errors.push({ field: "id", message: `must look like "category.verb_object" (${TOOL_ID_PATTERN.source})` });
    }
  }
  text("name");
  text("description");
  text("canonicalQuery");
  if (check("utterances")) errors.push(...validateToolTextList("utterances", input.utterances, TOOL_FIELD_LIMITS.utterances, "utterance"));
  // Optional: a tool may be created without situations (the catalog gates require two).
  if (input.situations !== undefined && input.situations !== null) {
    errors.push(...validateToolTextList("situations", input.situations, TOOL_FIELD_LIMITS.situations, "situation"));
  }

  if (check("invocationCount")) {
    const count = input.invocationCount;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > MAX_INVOCATION_COUNT) {
      errors.push({ field: "invocationCount", message: `must be an integer from 0 to ${MAX_INVOCATION_COUNT}, got ${String(count)}` });
    }
  }

  const parameters = input.parameters;
  if (parameters !== undefined && parameters !== null) {
    if (typeof parameters !== "object" || Array.isArray(parameters) || (parameters as { type?: unknown }).type !== "object") {
      errors.push({ field: "parameters", message: 'must be null or a JSON Schema with type "object"' });
    } else {
      const problem = validateJsonSchema(parameters);
      if (problem !== null) errors.push({ field: "parameters", message: problem });
    }
  }
  return errors;
}

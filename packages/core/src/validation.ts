/**
 * Structural validation of SysToolkit tool fields (catalog seed, API create/update).
 * No runtime dependency: a small JSON Schema (draft-07 subset) shape check is
 * included for tool parameters.
 */

import { normalizeText } from "./text";

/** `<category>.<verb>_<object>`: lowercase, digits and underscores, one dot. */
export const TOOL_ID_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
export const TOOL_ID_MAX_LENGTH = 80;

/** Length limits, in characters (Unicode code points), inclusive. */
export const TOOL_FIELD_LIMITS = Object.freeze({
  name: { min: 1, max: 80 },
  description: { min: 1, max: 600 },
  canonicalQuery: { min: 1, max: 60 },
  utterance: { min: 1, max: 200 },
});

export interface FieldError {
  /** Field path, e.g. "name", "utterances[2]", "parameters". */
  readonly field: string;
  readonly message: string;
}

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

// ---------------------------------------------------------------------------
// JSON Schema (draft-07 subset)
// ---------------------------------------------------------------------------

const JSON_TYPES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);
/** Keywords this check understands; any other keyword is reported (it is most likely a typo). */
const SCHEMA_KEYWORDS = new Set([
  "type",
  "properties",
  "required",
  "enum",
  "minimum",
  "maximum",
  "items",
  "description",
  "default",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  // Annotations and simple constraints that tool schemas commonly carry.
  "$schema",
  "$comment",
  "title",
  "examples",
  "additionalProperties",
  "minItems",
  "maxItems",
  "uniqueItems",
  "multipleOf",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "const",
  "minProperties",
  "maxProperties",
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

function checkSchema(schema: unknown, path: string): string | null {
  if (!isPlainObject(schema)) return `${path}: a schema must be an object, got ${describe(schema)}`;
  for (const key of Object.keys(schema)) {
    if (!SCHEMA_KEYWORDS.has(key)) return `${path}: unsupported keyword "${key}"`;
  }

  const { type, properties, required, items } = schema;
  let types: string[] = [];
  if (type !== undefined) {
    types = Array.isArray(type) ? type : [type];
    if (types.length === 0) return `${path}.type: must not be empty`;
    for (const t of types) {
      if (typeof t !== "string" || !JSON_TYPES.has(t)) {
        return `${path}.type: ${JSON.stringify(t)} is not a JSON Schema type (${[...JSON_TYPES].join(", ")})`;
      }
    }
    if (new Set(types).size !== types.length) return `${path}.type: duplicate types`;
  }
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) return `${path}.enum: must be a non-empty array`;
  }
  if (type === undefined && schema.enum === undefined && schema.const === undefined) return `${path}: needs a "type", an "enum" or a "const"`;

  for (const key of ["description", "format", "pattern", "title", "$schema", "$comment"] as const) {
    if (schema[key] !== undefined && typeof schema[key] !== "string") return `${path}.${key}: must be a string`;
  }
  if (typeof schema.pattern === "string") {
    try {
      new RegExp(schema.pattern, "u");
    } catch {
      return `${path}.pattern: not a valid regular expression`;
    }
  }
  if (schema.uniqueItems !== undefined && typeof schema.uniqueItems !== "boolean") return `${path}.uniqueItems: must be a boolean`;
  if (schema.multipleOf !== undefined && (typeof schema.multipleOf !== "number" || !(schema.multipleOf > 0))) {
    return `${path}.multipleOf: must be a number greater than 0`;
  }
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (schema[key] !== undefined && (typeof schema[key] !== "number" || !Number.isFinite(schema[key]))) {
      return `${path}.${key}: must be a finite number`;
    }
  }
  for (const key of ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"] as const) {
    const v = schema[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)) {
      return `${path}.${key}: must be a non-negative integer`;
    }
  }
  if (typeof schema.minimum === "number" && typeof schema.maximum === "number" && schema.minimum > schema.maximum) {
    return `${path}: minimum is greater than maximum`;
  }
  if (typeof schema.minLength === "number" && typeof schema.maxLength === "number" && schema.minLength > schema.maxLength) {
    return `${path}: minLength is greater than maxLength`;
  }
  if (schema.examples !== undefined && !Array.isArray(schema.examples)) return `${path}.examples: must be an array`;

  if (properties !== undefined) {
    if (!isPlainObject(properties)) return `${path}.properties: must be an object of schemas`;
    for (const [name, child] of Object.entries(properties)) {
      const error = checkSchema(child, `${path}.properties.${name}`);
      if (error !== null) return error;
    }
  }
  if (required !== undefined) {
    if (!Array.isArray(required)) return `${path}.required: must be an array of property names`;
    const seen = new Set<string>();
    for (const name of required) {
      if (typeof name !== "string") return `${path}.required: must contain only strings`;
      if (seen.has(name)) return `${path}.required: "${name}" is listed twice`;
      seen.add(name);
      // Stricter than draft-07, which allows it: a required name must be a declared property.
      if (!isPlainObject(properties) || !(name in properties)) {
        return `${path}.required: "${name}" is not in properties`;
      }
    }
  }
  if (items !== undefined) {
    const error = checkSchema(items, `${path}.items`);
    if (error !== null) return error;
  }
  const additional = schema.additionalProperties;
  if (additional !== undefined && typeof additional !== "boolean") {
    const error = checkSchema(additional, `${path}.additionalProperties`);
    if (error !== null) return error;
  }
  return null;
}

/**
 * Structural check of a JSON Schema (draft-07 subset: type, properties, required,
 * enum, minimum, maximum, items, description, default, format, pattern, minLength,
 * maxLength, plus the annotations $schema, $comment, title, examples and the
 * constraints additionalProperties, minItems, maxItems, uniqueItems, multipleOf,
 * exclusiveMinimum, exclusiveMaximum, const, minProperties, maxProperties). Every schema needs a valid
 * "type" (a JSON type or a list of them) or a non-empty "enum"; unknown keywords are
 * rejected; "required" names must be declared in "properties". Returns the first
 * problem as "path: message" (path starting at "schema"), or null when the shape is fine.
 * It checks shape only; it does not validate data against the schema.
 */
export function validateJsonSchema(schema: unknown): string | null {
  return checkSchema(schema, "schema");
}

// ---------------------------------------------------------------------------
// Tool fields
// ---------------------------------------------------------------------------

const codePoints = (s: string): number => {
  let count = 0;
  for (const _ of s) count += 1;
  return count;
};

function checkText(
  errors: FieldError[],
  field: string,
  value: unknown,
  limits: { readonly min: number; readonly max: number },
): void {
  if (typeof value !== "string") {
    errors.push({ field, message: `must be a string, got ${describe(value)}` });
    return;
  }
  if (value.trim().length === 0) {
    errors.push({ field, message: "must not be empty or blank" });
    return;
  }
  const length = codePoints(value);
  if (length < limits.min || length > limits.max) {
    errors.push({ field, message: `must be ${limits.min}..${limits.max} characters, got ${length}` });
  }
}

/**
 * Validates a tool's fields and returns every problem found ([] when valid):
 * id matches TOOL_ID_PATTERN and is at most 80 characters; name 1..80, description
 * 1..600, canonicalQuery 1..60 characters (non-blank); utterances a non-empty array
 * of 1..200-character strings, no two equal after normalizeText; situations, when present, a
 * possibly empty array checked like utterances; invocationCount a
 * non-negative integer; parameters null (or absent) or an object schema
 * (type "object") that passes validateJsonSchema.
 * Cross-tool rules (unique names, utterances across the catalog) are the caller's.
 */
export function validateToolFields(input: ToolFieldsInput, options: ValidateToolFieldsOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const partial = options.partial === true;
  const check = (field: string): boolean => {
    if (input[field] !== undefined) return true;
    if (!partial && field !== "parameters") errors.push({ field, message: "is required" });
    return false;
  };

  if (check("id")) {
    const id = input.id;
    if (typeof id !== "string") errors.push({ field: "id", message: `must be a string, got ${describe(id)}` });
    else if (id.length > TOOL_ID_MAX_LENGTH) {
      errors.push({ field: "id", message: `must be at most ${TOOL_ID_MAX_LENGTH} characters, got ${id.length}` });
    } else if (!TOOL_ID_PATTERN.test(id)) {
      errors.push({ field: "id", message: `must look like "category.verb_object" (${TOOL_ID_PATTERN.source})` });
    }
  }
  if (check("name")) checkText(errors, "name", input.name, TOOL_FIELD_LIMITS.name);
  if (check("description")) checkText(errors, "description", input.description, TOOL_FIELD_LIMITS.description);
  if (check("canonicalQuery")) checkText(errors, "canonicalQuery", input.canonicalQuery, TOOL_FIELD_LIMITS.canonicalQuery);

  if (check("utterances")) {
    const utterances = input.utterances;
    if (!Array.isArray(utterances)) {
      errors.push({ field: "utterances", message: `must be an array of strings, got ${describe(utterances)}` });
    } else if (utterances.length === 0) {
      errors.push({ field: "utterances", message: "must contain at least one utterance" });
    } else {
      const firstIndex = new Map<string, number>();
      utterances.forEach((u: unknown, i) => {
        const field = `utterances[${i}]`;
        const before = errors.length;
        checkText(errors, field, u, TOOL_FIELD_LIMITS.utterance);
        if (errors.length !== before || typeof u !== "string") return;
        const key = normalizeText(u);
        const first = firstIndex.get(key);
        if (first !== undefined) {
          errors.push({ field, message: `duplicates utterances[${first}] after normalisation ("${key}")` });
        } else firstIndex.set(key, i);
      });
    }
  }

  // Situations (optional, possibly empty) go through exactly the utterances' checks and limits.
  const situations = input.situations;
  if (situations !== undefined && situations !== null && !(Array.isArray(situations) && situations.length === 0)) {
    for (const e of validateToolFields({ utterances: situations }, { partial: true })) {
      errors.push({ field: e.field.replace(/^utterances/u, "situations"), message: e.message.replace(/utterances\[/gu, "situations[") });
    }
  }

  if (check("invocationCount")) {
    const count = input.invocationCount;
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) {
      errors.push({ field: "invocationCount", message: `must be a non-negative integer, got ${String(count)}` });
    }
  }

  const parameters = input.parameters;
  if (parameters !== undefined && parameters !== null) {
    if (!isPlainObject(parameters) || parameters.type !== "object") {
      errors.push({ field: "parameters", message: 'must be null or a JSON Schema with type "object"' });
    } else {
      const problem = validateJsonSchema(parameters);
      if (problem !== null) errors.push({ field: "parameters", message: problem });
    }
  }
  return errors;
}

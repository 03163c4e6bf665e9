/**
 * Checking JSON Schemas (draft-07) that curators write for tool parameters. Three layers:
 * 1. size limits (JSON_SCHEMA_LIMITS) before anything else looks at the value;
 * 2. the project's rules: a subset of keywords, every schema declares a type, an enum or a
 *    const, required names are declared properties, min <= max, and every `pattern` is safe
 *    (see patternProblem);
 * 3. Ajv in strict mode: the draft-07 meta-schema (keyword values) and strict compilation
 *    (known formats, keywords that apply to the declared type). Ajv runs patterns on RE2
 *    (re2js), a linear-time engine, so checking data against a stored schema cannot
 *    backtrack either.
 */

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { RE2JS } from "re2js";
import safeRegex from "safe-regex2";
import { jsonPath, jsonProblem } from "./json";
import { codePointLength } from "./text";

/**
 * Size limits of a parameter schema. The catalog's largest is 5 levels deep with 31
 * values and 479 bytes; these leave room for real schemas and refuse pathological ones.
 */
export const JSON_SCHEMA_LIMITS = Object.freeze({
  /** Nesting of JSON objects/arrays (each nested property costs 2: "properties" and its name). */
  depth: 16,
  /** Values in all. */
  nodes: 1_000,
  /** Any string in the schema (descriptions, titles, enum values). */
  stringLength: 1_000,
  /** A `pattern`, in characters. */
  patternLength: 256,
});

const JSON_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"];
const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

/** Keywords this check understands; any other keyword is reported (it is most likely a typo). */
const SCHEMA_KEYWORDS = new Set([
  "type", "properties", "required", "enum", "minimum", "maximum", "items", "description", "default", "format",
  "pattern", "minLength", "maxLength",
  // Annotations and simple constraints that tool schemas commonly carry.
  "$schema", "$comment", "title", "examples", "additionalProperties", "minItems", "maxItems", "uniqueItems",
  "multipleOf", "exclusiveMinimum", "exclusiveMaximum", "const", "minProperties", "maxProperties",
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RE2 behind Ajv's RegExp interface. Ajv caches compiled patterns by toString(), so it must name the pattern. */
function re2(pattern: string): { test(s: string): boolean; toString(): string } {
  const compiled = RE2JS.compile(pattern);
  return { test: (s: string) => compiled.test(s), toString: () => `re2:${pattern}` };
}
re2.code = 're2js.RE2JS.compile'; // Ajv wants a name for standalone code; never generated here

let ajv: Ajv | null = null;
function strictAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({
    strict: true,
    strictRequired: true,
    allowUnionTypes: true, // type: ["number", "null"] is common and well defined
    allErrors: false,
    addUsedSchema: false, // compiled parameter schemas are not registered by $id
    validateSchema: false, // validateJsonSchema checks the meta-schema itself, before compiling
    // One code-generation pass less: compiling (a few hundred schemas when the catalog is
    // seeded) costs about half as much; validators are not on a hot path.
    code: { optimize: false, regExp: re2 as unknown as NonNullable<NonNullable<ConstructorParameters<typeof Ajv>[0]>["code"]>["regExp"] },
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Why a `pattern` may not be stored, or null: it must be a valid ECMAScript regular
 * expression (what JSON Schema specifies, with the u flag), at most 256 characters, run on
 * RE2 (no lookaround or backreferences: linear time in any RE2-class engine), and free of
 * nested repetition such as (a+)+ (safe-regex2's star-height test), which takes
 * exponential time in backtracking engines like JavaScript's own, where clients may run it.
 */
export function patternProblem(pattern: string): string | null {
  if (codePointLength(pattern) > JSON_SCHEMA_LIMITS.patternLength) return `is longer than ${JSON_SCHEMA_LIMITS.patternLength} characters`;
  try {
    new RegExp(pattern, "u");
  } catch {
    return "not a valid regular expression";
  }
  try {
    RE2JS.compile(pattern);
  } catch (err) {
    return `uses syntax a linear-time regular expression engine (RE2) cannot run: ${(err as Error).message}`;
  }
  if (!safeRegex(pattern)) {
    return "may take exponential time on some inputs (a repeated group that itself repeats, like (a+)+); write it without nested repetition";
  }
  return null;
}

/** The project's rules over one schema and its subschemas; "path: message" or null. */
function checkRules(schema: unknown, path: string): string | null {
  if (!isPlainObject(schema)) return `${path}: a schema must be an object, got ${schema === null ? "null" : Array.isArray(schema) ? "an array" : typeof schema}`;
  for (const key of Object.keys(schema)) {
    if (!SCHEMA_KEYWORDS.has(key)) return `${path}: unsupported keyword ${JSON.stringify(key)}`;
  }
  if (schema.type === undefined && schema.enum === undefined && schema.const === undefined) return `${path}: needs a "type", an "enum" or a "const"`;
  if (schema.$schema !== undefined && (typeof schema.$schema !== "string" || !DRAFT_07.test(schema.$schema))) {
    return `${path}.$schema: only draft-07 (http://json-schema.org/draft-07/schema#) is supported`;
  }
  if (typeof schema.pattern === "string") {
    const problem = patternProblem(schema.pattern);
    if (problem !== null) return `${path}.pattern: ${problem}`;
  }
  const pairs = [["minimum", "maximum"], ["minLength", "maxLength"], ["minItems", "maxItems"], ["minProperties", "maxProperties"]] as const;
  for (const [min, max] of pairs) {
    const lo = schema[min];
    const hi = schema[max];
    if (typeof lo === "number" && typeof hi === "number" && lo > hi) return `${path}: ${min} is greater than ${max}`;
  }
  const { properties, required, items, additionalProperties } = schema;
  if (isPlainObject(properties)) {
    for (const [name, child] of Object.entries(properties)) {
      const problem = checkRules(child, jsonPath(`${path}.properties`, name));
      if (problem !== null) return problem;
    }
  }
  if (Array.isArray(required)) {
    const seen = new Set<unknown>();
    for (const name of required) {
      if (seen.has(name)) return `${path}.required: ${JSON.stringify(name)} is listed twice`;
      seen.add(name);
      // Stricter than draft-07, which allows it: a required name must be a declared property.
      if (typeof name === "string" && !(isPlainObject(properties) && Object.hasOwn(properties, name))) {
        return `${path}.required: ${JSON.stringify(name)} is not in properties`;
      }
    }
  }
  if (items !== undefined) {
    const problem = checkRules(items, `${path}.items`);
    if (problem !== null) return problem;
  }
  if (additionalProperties !== undefined && typeof additionalProperties !== "boolean") {
    const problem = checkRules(additionalProperties, `${path}.additionalProperties`);
    if (problem !== null) return problem;
  }
  return null;
}

/** "/properties/level/type" -> "schema.properties.level.type" */
function pointerToPath(pointer: string): string {
  let path = "schema";
  for (const raw of pointer.split("/").slice(1)) {
    const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    path = /^\d+$/.test(step) ? `${path}[${step}]` : jsonPath(path, step);
  }
  return path;
}

function metaSchemaMessage(e: ErrorObject): string {
  const path = pointerToPath(e.instancePath);
  if (e.instancePath.endsWith("/type") && (e.keyword === "enum" || e.keyword === "anyOf" || e.keyword === "type")) {
    return `${path}: must be a JSON Schema type (${JSON_TYPES.join(", ")}) or a non-empty list of them`;
  }
  if (e.keyword === "enum") return `${path}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(", ")}`;
  return `${path}: ${e.message ?? "is not valid"}`;
}

/** Ajv's strict-mode compile errors name the place as `at "#/properties/a"`. */
function compileMessage(err: Error): string {
  const at = /\bat "#([^"]*)"/.exec(err.message) ?? /\bat path "#([^"]*)"/.exec(err.message);
  const message = err.message.replace(/^strict mode: /, "").replace(/\s*(ignored in schema )?at (path )?"#[^"]*"/, "").replace(/\s*\(strict\w+\)$/, "");
  return `${pointerToPath(at ? at[1]! : "")}: ${message}`;
}

/** Compiles a schema that passed validateJsonSchema (only such a schema: this does not check it again) into a validator of values (Ajv, RE2 patterns). */
export function compileJsonSchema(schema: Record<string, unknown>): ValidateFunction {
  const engine = strictAjv();
  try {
    return engine.compile(schema);
  } finally {
    engine.removeSchema(schema); // Ajv caches by schema object: keep a long-running process from growing
  }
}

/**
 * Checks a JSON Schema (draft-07 subset: type, properties, required, enum, minimum,
 * maximum, items, description, default, format, pattern, minLength, maxLength, plus the
 * annotations $schema, $comment, title, examples and the constraints additionalProperties,
 * minItems, maxItems, uniqueItems, multipleOf, exclusiveMinimum, exclusiveMaximum, const,
 * minProperties, maxProperties) within JSON_SCHEMA_LIMITS. Every schema needs a "type", an
 * "enum" or a "const"; unknown keywords are rejected; "required" names must be declared in
 * "properties"; patterns must pass patternProblem; keyword values must match the draft-07
 * meta-schema and the schema must compile in Ajv's strict mode. Returns the first problem
 * as "path: message" (path starting at "schema"), or null when the schema is fine.
 */
export function validateJsonSchema(schema: unknown): string | null {
  const size = jsonProblem(schema, {
    maxDepth: JSON_SCHEMA_LIMITS.depth,
    maxNodes: JSON_SCHEMA_LIMITS.nodes,
    maxStringLength: JSON_SCHEMA_LIMITS.stringLength,
  });
  if (size !== null) return `${size.path ? `schema.${size.path}`.replace(".[", "[") : "schema"}: ${size.message}`;
  const rule = checkRules(schema, "schema");
  if (rule !== null) return rule;
  const engine = strictAjv();
  if (!engine.validateSchema(schema as Record<string, unknown>)) return metaSchemaMessage(engine.errors![0]!);
  try {
    compileJsonSchema(schema as Record<string, unknown>);
  } catch (err) {
    return compileMessage(err as Error);
  }
  return null;
}

/**
 * Bounds on JSON values that clients send (tool parameter schemas, grounding, GraphQL
 * arguments): nesting depth, number of values, string length and characters. The walk is
 * iterative, so a value nested 100,000 levels deep is refused, not a stack overflow.
 */

import { codePointLength, textProblem, type TextKind } from "./text";

export interface JsonLimits {
  /** Deepest nesting of objects and arrays (a scalar at the top is depth 0). */
  readonly maxDepth: number;
  /** Most values in all (objects, arrays, scalars, object keys not counted). */
  readonly maxNodes: number;
  /** Longest string (keys included), in characters. */
  readonly maxStringLength: number;
  /** The kind of text every string must be (default "opaque": no NUL, no unpaired surrogates). */
  readonly stringKind?: TextKind;
}

export interface JsonProblem {
  /** Where, relative to the value: "" (the value itself), "properties.level", "enum[2]". */
  readonly path: string;
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `base` + one step: ".key" for identifier keys, `["odd key"]` otherwise, "[i]" for indexes. */
export function jsonPath(base: string, step: string | number): string {
  if (typeof step === "number") return `${base}[${step}]`;
  if (IDENTIFIER.test(step)) return base === "" ? step : `${base}.${step}`;
  return `${base}[${JSON.stringify(step)}]`;
}

/** The first way `value` exceeds `limits`, or null. */
export function jsonProblem(value: unknown, limits: JsonLimits): JsonProblem | null {
  const kind = limits.stringKind ?? "opaque";
  const checkString = (s: string, path: string, what: string): JsonProblem | null => {
    const characters = textProblem(s, kind);
    if (characters !== null) return { path, message: `${what} ${characters}` };
    if (s.length > limits.maxStringLength && codePointLength(s) > limits.maxStringLength) {
      return { path, message: `${what} is longer than ${limits.maxStringLength} characters` };
    }
    return null;
  };
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > limits.maxNodes) return { path: "", message: `has more than ${limits.maxNodes} values` };
    if (typeof v === "string") {
      const problem = checkString(v, path, "a string");
      if (problem) return problem;
      continue;
    }
    if (typeof v === "number" && !Number.isFinite(v)) return { path, message: "a number must be finite" };
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > limits.maxDepth) return { path, message: `is nested deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: jsonPath(path, i), depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const problem = checkString(key, jsonPath(path, key), "a key");
      if (problem) return problem;
      stack.push({ value: child, path: jsonPath(path, key), depth: depth + 1 });
    }
  }
  return null;
}

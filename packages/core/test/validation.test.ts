import { describe, expect, it } from "vitest";
import {
  compileJsonSchema, jsonProblem, MAX_INVOCATION_COUNT, textProblem, TOOL_FIELD_LIMITS, TOOL_ID_PATTERN, validateJsonSchema,
  validateToolFields, validateToolTextList,
} from "../src/index";

const valid = {
  id: "storage.clear_cache",
  name: "Clear device cache",
  description: "Deletes cached files that apps keep.",
  canonicalQuery: "Clear device cache",
  utterances: ["clear the cache on my phone", "my phone says storage is almost full"],
  invocationCount: 1200,
  parameters: null,
};
const fields = (input: Record<string, unknown>, partial = false) =>
  validateToolFields(input, { partial }).map((e) => e.field);

describe("TOOL_ID_PATTERN", () => {
  it("accepts category.verb_object and rejects the rest", () => {
    for (const id of ["storage.clear_cache", "net.wifi_on2", "a.b"]) expect(TOOL_ID_PATTERN.test(id)).toBe(true);
    for (const id of ["Storage.clear", "storage", "storage.", ".x", "a.b.c", "1a.b", "a.2b", "a-b.c", "a.b c"]) {
      expect(TOOL_ID_PATTERN.test(id)).toBe(false);
    }
  });
});

describe("validateToolFields", () => {
  it("accepts a valid tool", () => {
    expect(validateToolFields(valid)).toEqual([]);
    expect(validateToolFields({ ...valid, parameters: undefined })).toEqual([]);
  });

  it("checks the id format and length", () => {
    expect(fields({ ...valid, id: "Bad Id" })).toEqual(["id"]);
    expect(fields({ ...valid, id: `a.${"b".repeat(79)}` })).toEqual(["id"]);
    expect(fields({ ...valid, id: `a.${"b".repeat(78)}` })).toEqual([]);
  });

  it("checks text lengths and blanks", () => {
    expect(fields({ ...valid, name: "" })).toEqual(["name"]);
    expect(fields({ ...valid, name: "   " })).toEqual(["name"]);
    expect(fields({ ...valid, name: "x".repeat(81) })).toEqual(["name"]);
    expect(fields({ ...valid, name: "x".repeat(80) })).toEqual([]);
    expect(fields({ ...valid, description: "d".repeat(601) })).toEqual(["description"]);
    expect(fields({ ...valid, canonicalQuery: "q".repeat(61) })).toEqual(["canonicalQuery"]);
    expect(fields({ ...valid, name: 42 })).toEqual(["name"]);
    // length counts characters (code points), not UTF-16 units: 80 emoji are fine
    expect(fields({ ...valid, name: "😀".repeat(80) })).toEqual([]);
  });

  it("checks utterances: non-empty, lengths, duplicates after normalisation", () => {
    expect(fields({ ...valid, utterances: [] })).toEqual(["utterances"]);
    expect(fields({ ...valid, utterances: "one" })).toEqual(["utterances"]);
    expect(fields({ ...valid, utterances: ["ok", "u".repeat(201)] })).toEqual(["utterances[1]"]);
    const dup = validateToolFields({ ...valid, utterances: ["Clear the cache!", "turn on wifi", "clear   THE cache"] });
    expect(dup.map((e) => e.field)).toEqual(["utterances[2]"]);
    expect(dup[0]!.message).toContain("utterances[0]");
    expect(fields({ ...valid, utterances: ["fine", 3] })).toEqual(["utterances[1]"]);
  });

  it("checks situations exactly like utterances, but they may be absent or empty", () => {
    expect(fields({ ...valid, situations: undefined })).toEqual([]);
    expect(fields({ ...valid, situations: [] })).toEqual([]);
    expect(fields({ ...valid, situations: ["I'm at the cinema", "my battery won't last the day"] })).toEqual([]);
    expect(fields({ ...valid, situations: "at the cinema" })).toEqual(["situations"]);
    expect(fields({ ...valid, situations: ["ok", "s".repeat(201)] })).toEqual(["situations[1]"]);
    expect(fields({ ...valid, situations: ["   "] })).toEqual(["situations[0]"]);
    const dup = validateToolFields({ ...valid, situations: ["I'm at the cinema", "im at the CINEMA!"] });
    expect(dup.map((e) => e.field)).toEqual(["situations[1]"]);
    expect(dup[0]!.message).toContain("situations[0]");
    expect(fields({ situations: ["fine", 3] }, true)).toEqual(["situations[1]"]);
  });

  it("checks invocationCount", () => {
    for (const bad of [-1, 1.5, Number.NaN, "3"]) expect(fields({ ...valid, invocationCount: bad })).toEqual(["invocationCount"]);
    expect(fields({ ...valid, invocationCount: 0 })).toEqual([]);
  });

  it("checks parameters", () => {
    const schema = {
      type: "object",
      properties: {
        level: { type: "integer", minimum: 0, maximum: 100, description: "Brightness percent" },
        mode: { enum: ["auto", "manual"] },
        tags: { type: "array", items: { type: "string", maxLength: 20 } },
      },
      required: ["level"],
    };
    expect(fields({ ...valid, parameters: schema })).toEqual([]);
    expect(fields({ ...valid, parameters: { type: "string" } })).toEqual(["parameters"]);
    expect(fields({ ...valid, parameters: [] })).toEqual(["parameters"]);
    const bad = validateToolFields({ ...valid, parameters: { type: "object", properties: { level: { type: "int" } } } });
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toContain("schema.properties.level.type");
  });

  it("reports missing fields unless partial", () => {
    expect(fields({})).toEqual(["id", "name", "description", "canonicalQuery", "utterances", "invocationCount"]);
    expect(fields({ name: "New name" }, true)).toEqual([]);
    expect(fields({ name: "" }, true)).toEqual(["name"]);
  });

  it("reports several problems at once", () => {
    expect(fields({ ...valid, id: "x", name: "", invocationCount: -2 })).toEqual(["id", "name", "invocationCount"]);
  });
});

describe("validateJsonSchema", () => {
  it("accepts the supported draft-07 keywords", () => {
    expect(
      validateJsonSchema({
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        title: "Params",
        properties: {
          name: { type: "string", minLength: 1, maxLength: 10, pattern: "^[a-z]+$", format: "hostname", default: "a" },
          n: { type: ["number", "null"], minimum: -1, maximum: 1 },
          list: { type: "array", items: { enum: [1, 2] }, minItems: 0, maxItems: 3 },
        },
        required: ["name"],
        additionalProperties: false,
      }),
    ).toBeNull();
  });

  it.each([
    [null, "schema: a schema must be an object"],
    [{ properties: {} }, 'schema: needs a "type", an "enum" or a "const"'],
    [{ type: "float" }, "schema.type"],
    [{ type: [] }, "schema.type"],
    [{ enum: [] }, "schema.enum"],
    [{ type: "object", properties: [] }, "schema.properties"],
    [{ type: "object", properties: { a: { description: "no type" } } }, "schema.properties.a"],
    [{ type: "object", properties: { a: { type: "string" } }, required: ["b"] }, "schema.required"],
    [{ type: "object", properties: { a: { type: "string" } }, required: "a" }, "schema.required"],
    [{ type: "string", minLength: -1 }, "schema.minLength"],
    [{ type: "string", minLength: 5, maxLength: 2 }, "minLength is greater"],
    [{ type: "number", minimum: "0" }, "schema.minimum"],
    [{ type: "number", minimum: 3, maximum: 1 }, "minimum is greater"],
    [{ type: "string", pattern: "(" }, "schema.pattern"],
    [{ type: "array", items: { type: "nope" } }, "schema.items.type"],
    [{ type: "string", requried: true }, 'unsupported keyword "requried"'],
  ])("rejects %j", (schema, fragment) => {
    const error = validateJsonSchema(schema);
    expect(error).not.toBeNull();
    expect(error).toContain(fragment);
  });
});

describe("text rules (one place for every kind of text)", () => {
  it.each([
    ["a NUL byte", "Clear\u0000cache", /NUL/],
    ["a lone high surrogate", "Clear \ud800 cache", /unpaired surrogate \(U\+D800\)/],
    ["a lone low surrogate", "Clear \udc00", /unpaired surrogate/],
    ["a control character", "Clear\u0007cache", /control character U\+0007/],
    ["a C1 control character", "Clear\u0085cache", /control character U\+0085/],
    ["a right-to-left override", "Clear \u202Ehcac", /bidirectional control U\+202E/],
    ["an isolate", "Clear \u2066cache\u2069", /bidirectional control U\+2066/],
    ["a line break in a single-line field", "Clear\ncache", /single line/],
    ["a tab in a single-line field", "Clear\tcache", /single line/],
  ])("rejects %s in a tool name, naming the field and the position", (_what, name, message) => {
    const errors = validateToolFields({ ...valid, name });
    expect(errors.map((e) => e.field)).toEqual(["name"]);
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.message).toMatch(/character \d+/);
  });

  it("applies the same rules to each utterance and to the description, which may span lines", () => {
    expect(fields({ ...valid, utterances: ["fine", "bad\u0000one"] })).toEqual(["utterances[1]"]);
    expect(fields({ ...valid, utterances: ["fine", "\u202Eevil"] })).toEqual(["utterances[1]"]);
    expect(fields({ ...valid, description: "Line one.\nLine two.\tTabbed." })).toEqual([]);
    expect(fields({ ...valid, description: "bad\u0000" })).toEqual(["description"]);
    expect(fields({ ...valid, canonicalQuery: "Clear\u001bcache" })).toEqual(["canonicalQuery"]);
  });

  it("keeps ordinary text of any script: emoji with joiners, Arabic with directional marks", () => {
    expect(fields({ ...valid, name: "Family 👨‍👩‍👧 mode", utterances: ["شغّل الواي فاي\u200F", "wi-fi an, bitte"] })).toEqual([]);
    expect(textProblem("👍🏽", "line")).toBeNull();
  });

  it("lets opaque strings hold control characters but never NUL or unpaired surrogates", () => {
    expect(textProblem("tab\there\u202E", "opaque")).toBeNull();
    expect(textProblem("a\u0000", "opaque")).toMatch(/NUL/);
    expect(textProblem("a\udfff", "opaque")).toMatch(/surrogate/);
  });

  it(`limits a tool to ${TOOL_FIELD_LIMITS.utterances.maxItems} utterances`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `utterance number ${i}`);
    expect(fields({ ...valid, utterances: many(TOOL_FIELD_LIMITS.utterances.maxItems) })).toEqual([]);
    const errors = validateToolFields({ ...valid, utterances: many(10_000) });
    expect(errors).toEqual([{ field: "utterances", message: expect.stringMatching(/at most 50 utterances, got 10000/) }]);
  });

  it("checks any list of texts with the same function (situations use it too)", () => {
    const limits = { minItems: 0, maxItems: 3, item: { min: 1, max: 10, kind: "line" as const } };
    expect(validateToolTextList("situations", ["at night", "At night!"], limits, "situation")).toEqual([
      { field: "situations[1]", message: expect.stringMatching(/duplicates situations\[0\]/) },
    ]);
    expect(validateToolTextList("situations", ["ok", "x\u0000"], limits, "situation").map((e) => e.field)).toEqual(["situations[1]"]);
    expect(validateToolTextList("situations", ["a", "b", "c", "d"], limits, "situation")[0]!.message).toMatch(/at most 3 situations/);
  });

  it("rejects invocation counts a PostgreSQL integer cannot hold", () => {
    expect(fields({ ...valid, invocationCount: MAX_INVOCATION_COUNT })).toEqual([]);
    expect(fields({ ...valid, invocationCount: MAX_INVOCATION_COUNT + 1 })).toEqual(["invocationCount"]);
  });
});

describe("JSON values and schema limits", () => {
  const nested = (levels: number) => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < levels; i++) schema = { type: "object", properties: { a: schema } };
    return schema;
  };

  it("accepts a schema as deep as real ones and rejects one nested deeper than the limit, naming parameters", () => {
    expect(fields({ ...valid, parameters: nested(5) })).toEqual([]);
    const deep = validateToolFields({ ...valid, parameters: nested(70) });
    expect(deep).toEqual([{ field: "parameters", message: expect.stringMatching(/nested deeper than 16 levels/) }]);
  });

  it("refuses a value nested 100,000 levels deep without overflowing the stack", () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(jsonProblem(v, { maxDepth: 64, maxNodes: 1e6, maxStringLength: 100 })).toMatchObject({ message: "is nested deeper than 64 levels" });
    expect(validateJsonSchema({ type: "object", properties: { a: v } })).toMatch(/nested deeper/);
  });

  it("rejects schemas with too many values or too long strings", () => {
    const big = { type: "object", properties: { mode: { enum: Array.from({ length: 2_000 }, (_, i) => `m${i}`) } } };
    expect(validateJsonSchema(big)).toMatch(/more than 1000 values/);
    expect(validateJsonSchema({ type: "object", description: "d".repeat(1_001) })).toMatch(/schema.description: a string is longer than 1000/);
    expect(validateJsonSchema({ type: "object", title: "t\u0000" })).toMatch(/schema.title: a string contains a NUL/);
    expect(validateJsonSchema({ type: "object", properties: { "k\ud800": { type: "string" } } })).toMatch(/a key contains an unpaired surrogate/);
  });

  it.each([
    ["^(a+)+$", /exponential time/],
    ["(x+x+)+y", /exponential time/],
    ["^(?=a)b$", /RE2/],
    ["(a)\\1", /RE2/],
    ["(", /not a valid regular expression/],
    ["a".repeat(257), /longer than 256/],
  ])("rejects the pattern %j", (pattern, message) => {
    const errors = validateToolFields({ ...valid, parameters: { type: "object", properties: { v: { type: "string", pattern } } } });
    expect(errors).toEqual([{ field: "parameters", message: expect.stringMatching(message) }]);
    expect(errors[0]!.message).toContain("schema.properties.v.pattern");
  });

  it("accepts the catalog's patterns and runs them on RE2 when checking values", () => {
    const schema = { type: "object", properties: { time: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" } }, required: ["time"] };
    expect(validateJsonSchema(schema)).toBeNull();
    const check = compileJsonSchema(schema);
    const ok = check({ time: "23:59" });
    expect(ok).toBe(true);
    expect(check({ time: "24:00" })).toBe(false);
    // Each schema keeps its own pattern (Ajv caches compiled patterns by their text).
    const pin = compileJsonSchema({ type: "object", properties: { pin: { type: "string", pattern: "^[0-9]{4,8}$" } } });
    expect([pin({ pin: "1234" }), pin({ pin: "12" }), check({ time: "07:30" })]).toEqual([true, false, true]);
  });

  it("uses Ajv's strict mode: keywords must fit the declared type, formats must be known, draft-07 only", () => {
    expect(validateJsonSchema({ type: "number", minLength: 3 })).toMatch(/^schema: missing type "string" for keyword "minLength"/);
    expect(validateJsonSchema({ type: "object", properties: { a: { type: "string", format: "colour" } } })).toMatch(/schema.properties.a: unknown format "colour"/);
    expect(validateJsonSchema({ $schema: "http://json-schema.org/draft-04/schema#", type: "object" })).toMatch(/draft-07/);
    expect(validateJsonSchema({ type: "object", properties: { a: { type: "string", format: "date-time" } } })).toBeNull();
  });
});

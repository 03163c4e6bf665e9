import { describe, expect, it } from "vitest";
import { TOOL_ID_PATTERN, validateJsonSchema, validateToolFields } from "../src/index";

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

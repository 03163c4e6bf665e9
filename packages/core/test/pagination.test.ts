import { describe, expect, it } from "vitest";
import { connection, cursorCodec, offsetCursor, pageSize, slicePage, ValidationError } from "../src/index";

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ValidationError ? e.field : `not a ValidationError: ${String(e)}`;
  }
  return "no error";
};

describe("pageSize: one rule for `first`", () => {
  it("takes the default when absent and integers from 0 to max", () => {
    expect(pageSize(undefined, { default: 50, max: 200 })).toBe(50);
    expect(pageSize(null, { default: 50, max: 200 })).toBe(50);
    expect(pageSize(0, { default: 50, max: 200 })).toBe(0);
    expect(pageSize(200, { default: 50, max: 200 })).toBe(200);
  });
  it.each([201, -1, 1.5, Number.NaN])("rejects %s on the field first", (first) => {
    expect(fieldOf(() => pageSize(first, { default: 50, max: 200 }))).toBe("first");
  });
});

describe("cursorCodec: opaque cursors that refuse anything their list did not write", () => {
  const tools = cursorCodec<{ at: Date; id: string; n: number }>("tools", {
    write: (c) => ({ t: c.at.toISOString(), id: c.id, n: c.n }),
    read: (r) => ({ at: r.date("t"), id: r.text("id", 80), n: r.int("n") }),
  });

  it("round-trips a position and has no cursor for null or undefined", () => {
    const position = { at: new Date("2026-04-21T10:00:00.123Z"), id: "sound.clean_speaker", n: 7 };
    expect(tools.decode(tools.encode(position))).toEqual(position);
    expect(tools.decode(null)).toBeNull();
    expect(tools.decode(undefined)).toBeNull();
  });

  it.each([
    ["not base64url", "%%%"],
    ["empty", ""],
    ["base64 of plain text", b64("12")],
    ["JSON that is not an object", b64([1, 2])],
    ["another list's cursor", offsetCursor("datasets").encode(3)],
    ["a non-date where a date belongs", b64({ l: "tools", t: "yesterday", id: "a", n: 1 })],
    ["an impossible date", b64({ l: "tools", t: "2026-02-30T00:00:00Z", id: "a", n: 1 })],
    ["a number where text belongs", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: 5, n: 1 })],
    ["text with a NUL byte", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "a\u0000b", n: 1 })],
    ["text longer than the list allows", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "x".repeat(81), n: 1 })],
    ["a negative integer", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "a", n: -1 })],
    ["an integer past PostgreSQL's", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "a", n: 2 ** 31 })],
    ["a fraction", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "a", n: 1.5 })],
    ["a string where an integer belongs", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "a", n: "1" })],
    ["a missing value", b64({ l: "tools", t: "2026-01-01T00:00:00Z", id: "a" })],
    ["an overlong cursor", "A".repeat(5_000)],
  ])("rejects %s with BAD_USER_INPUT on after", (_what, after) => {
    expect(fieldOf(() => tools.decode(after))).toBe("after");
  });

  it("offset cursors hold a non-negative integer", () => {
    const c = offsetCursor("samples");
    expect(c.decode(c.encode(120))).toBe(120);
    expect(fieldOf(() => c.decode(b64({ l: "samples", o: -3 })))).toBe("after");
    expect(fieldOf(() => c.decode(b64({ l: "samples", o: 1e20 })))).toBe("after");
  });
});

describe("connection", () => {
  it("builds edges, pageInfo and totalCount from a page fetched with first + 1 rows", () => {
    const { nodes, hasNextPage } = slicePage(["a", "b", "c"], 2);
    const c = connection(nodes, (n) => `cursor-${n}`, { hasNextPage, totalCount: 9 });
    expect(c).toEqual({
      edges: [{ cursor: "cursor-a", node: "a" }, { cursor: "cursor-b", node: "b" }],
      pageInfo: { hasNextPage: true, endCursor: "cursor-b" },
      totalCount: 9,
    });
    expect(connection([], String, { hasNextPage: false, totalCount: 0 }).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

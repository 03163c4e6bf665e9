// How thrown errors become what clients see: by class, with no internals.
import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { CalibrationConfigError, CalibrationInputError, KtoInputError, NotFoundError, UnavailableError, ValidationError } from "@toolrec/core";
import { Prisma } from "@toolrec/db";
import { developmentMode, formatError, toGraphQLError } from "../src/errors.js";

describe("toGraphQLError maps by class", () => {
  it.each([
    [new CalibrationInputError("impressions[1]", "tool has no percentile"), "BAD_USER_INPUT", "impressions[1]"],
    [new CalibrationConfigError("alpha", "must be in [0, 1]"), "BAD_USER_INPUT", "alpha"],
    [new KtoInputError("beta", "must be > 0"), "BAD_USER_INPUT", "beta"],
    [new ValidationError("name", "is required"), "BAD_USER_INPUT", "name"],
    [new NotFoundError("tool", "x.y"), "NOT_FOUND", undefined],
    [new UnavailableError("the model hub cannot be reached"), "UNAVAILABLE", undefined],
  ])("%s", (err, code, field) => {
    expect(toGraphQLError(err)?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
  });

  it("maps Prisma's unique-constraint and busy-transaction errors to CONFLICT and UNAVAILABLE, without Prisma's text", () => {
    // Real Prisma error objects (the class the client throws), built as the client builds them.
    const known = (code: string, meta?: Record<string, unknown>) =>
      new Prisma.PrismaClientKnownRequestError("Invalid `prisma.tool.create()` invocation: Unique constraint failed on the fields: (`id`)", { code, clientVersion: "6.19.3", meta });
    const dup = toGraphQLError(known("P2002", { target: ["canonical_query"] }));
    expect(dup?.extensions).toMatchObject({ code: "CONFLICT", field: "canonical_query" });
    expect(dup?.message).not.toMatch(/prisma|invocation/i);
    expect(toGraphQLError(known("P2028"))?.extensions).toMatchObject({ code: "UNAVAILABLE", retryable: true });
    expect(toGraphQLError(known("P2034"))?.extensions).toMatchObject({ code: "UNAVAILABLE" });
    expect(toGraphQLError(known("P2025"))).toBeNull(); // anything else stays an internal error with a reference
  });

  it("does not treat an object with a field property as bad input", () => {
    expect(toGraphQLError(Object.assign(new Error("boom"), { field: "name" }))).toBeNull();
  });
});

describe("formatError", () => {
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ["tools"] });

  it("gives an unexpected error a reference instead of its text, and logs the text with the reference", () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...a) => void logged.push(a.map((x) => String(x)).join(" ")));
    try {
      const err = new Error('Invalid `prisma.$queryRaw()` invocation: SELECT t.id FROM tools t WHERE ... connect ECONNREFUSED 127.0.0.1:5432');
      const out = formatError({ message: err.message, path: ["tools"], extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["Error: ...", "    at x"] } }, wrap(err));
      expect(out.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", errorId: expect.any(String) });
      expect(out.message).not.toMatch(/prisma|SELECT|127\.0\.0\.1/);
      expect(logged.join("\n")).toContain(String(out.extensions!.errorId));
      expect(logged.join("\n")).toContain("ECONNREFUSED");
    } finally {
      spy.mockRestore();
    }
  });

  it("names the variable path of a bad variable as the field", () => {
    const out = formatError({ message: 'Variable "$f" got invalid value "2026-02-30" at "f.from"; "2026-02-30" is not a valid ISO-8601 date-time', extensions: { code: "BAD_USER_INPUT" } }, new GraphQLError("x"));
    expect(out.extensions).toEqual({ code: "BAD_USER_INPUT", field: "f.from" });
  });
});

describe("developmentMode", () => {
  it("is off unless TOOLREC_DEV=1 or NODE_ENV=development", () => {
    expect(developmentMode({})).toBe(false);
    expect(developmentMode({ NODE_ENV: "production" })).toBe(false);
    expect(developmentMode({ NODE_ENV: "test" })).toBe(false);
    expect(developmentMode({ NODE_ENV: "development" })).toBe(true);
    expect(developmentMode({ TOOLREC_DEV: "1" })).toBe(true);
  });
});

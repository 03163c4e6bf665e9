// The generated types (codegen.ts: resolver types in src/generated/graphql.ts, the console's
// typed documents in apps/console/src/gql/) are committed; this fails when the schema or a
// console document changed without `npm run codegen`, so typecheck never checks stale types.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { repoPath, repoRoot } from "@toolrec/config";
import { describe, expect, it } from "vitest";

describe("generated GraphQL types", () => {
  it("exist", () => {
    for (const file of ["apps/api/src/generated/graphql.ts", "apps/console/src/gql/graphql.ts", "apps/console/src/gql/gql.ts"]) {
      expect(fs.existsSync(repoPath(file)), file).toBe(true);
    }
  });

  it("match the schema and the console's documents (else run `npm run codegen`)", () => {
    const bin = repoPath("node_modules/@graphql-codegen/cli/esm/bin.js");
    const run = spawnSync(process.execPath, [bin, "--config", "codegen.ts", "--check"], { cwd: repoRoot, encoding: "utf8" });
    expect(run.status, `${run.stdout}\n${run.stderr}\nThe generated types are stale: run \`npm run codegen\` and commit the result.`).toBe(0);
  }, 120_000);
});

// The stable contract (shared/api/contract.graphql) must survive every schema change:
// each type, field, argument, enum value and type reference it names is still here, unchanged.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema as buildSdl, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType } from "graphql";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@toolrec/config";
import { buildSchema } from "../src/server.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures", "contract.graphql");

/**
 * A machine without the shared folder (a bare CI clone) says so explicitly with
 * TOOLREC_SHARED_CONTRACT=absent (.ci/run does, and prints it); the comparison is then reported
 * as skipped, never as passed. Anywhere else a missing shared contract fails the test.
 */
const SHARED_ABSENT = process.env.TOOLREC_SHARED_CONTRACT === "absent";

/**
 * The shared contract: TOOLREC_SHARED_CONTRACT, else shared/api/contract.graphql in the first
 * folder above the repository that has one (a checkout in /work/main or a worktree in
 * /work/wt/<branch> both find /work/shared). Null when there is none.
 */
function sharedContract(): string | null {
  if (process.env.TOOLREC_SHARED_CONTRACT && !SHARED_ABSENT) return process.env.TOOLREC_SHARED_CONTRACT;
  for (let dir = path.dirname(repoRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "api", "contract.graphql");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function describeType(t: GraphQLNamedType): string[] {
  const out: string[] = [];
  if (isObjectType(t) || isInterfaceType(t)) {
    for (const f of Object.values(t.getFields())) {
      out.push(`${t.name}.${f.name}: ${f.type}`);
      for (const a of f.args) out.push(`${t.name}.${f.name}(${a.name}: ${a.type})`);
    }
  } else if (isInputObjectType(t)) {
    for (const f of Object.values(t.getFields())) out.push(`${t.name}.${f.name}: ${f.type}${f.defaultValue !== undefined ? ` = ${JSON.stringify(f.defaultValue)}` : ""}`);
  } else if (isEnumType(t)) {
    for (const v of t.getValues()) out.push(`${t.name}.${v.name}`);
  } else {
    out.push(`${t.name}`);
  }
  return out;
}

describe("GraphQL contract", () => {
  const compare = SHARED_ABSENT ? it.skip : it;
  compare(`the repo's copy of the contract is the shared one${SHARED_ABSENT ? " (skipped: TOOLREC_SHARED_CONTRACT=absent, no shared folder on this machine)" : ""}`, () => {
    // Without the shared contract this cannot be checked, and that is a failure, not a pass
    // (issue 9 §9): set TOOLREC_SHARED_CONTRACT to its path when it lives elsewhere.
    const shared = sharedContract();
    expect(shared, "shared/api/contract.graphql not found above the repository (set TOOLREC_SHARED_CONTRACT)").not.toBeNull();
    expect(fs.readFileSync(fixture, "utf8")).toBe(fs.readFileSync(shared!, "utf8"));
  });

  it("keeps every name, type and argument of the contract", () => {
    const contract = buildSdl(fs.readFileSync(fixture, "utf8"));
    const ours = buildSchema();
    const missing: string[] = [];
    for (const t of Object.values(contract.getTypeMap())) {
      if (t.name.startsWith("__")) continue;
      const mine = ours.getType(t.name);
      if (!mine) {
        missing.push(`type ${t.name}`);
        continue;
      }
      const have = new Set(describeType(mine));
      for (const line of describeType(t)) if (!have.has(line)) missing.push(line);
    }
    expect(missing).toEqual([]);
  });
});

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
 * The shared contract: TOOLREC_SHARED_CONTRACT, else shared/api/contract.graphql in the first
 * folder above the repository that has one (a checkout in /work/main or a worktree in
 * /work/wt/<branch> both find /work/shared). Null when there is none.
 */
function sharedContract(): string | null {
  if (process.env.TOOLREC_SHARED_CONTRACT) return process.env.TOOLREC_SHARED_CONTRACT;
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
  it("the repo's copy of the contract is the shared one", () => {
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

// Fixtures other packages' tests build through the API (the worker's and the e2e suite's):
// a small calibrated preference dataset and keys with a role (over GraphQL), and the trainer's
// Python. Test databases come from @toolrec/db/test-support.
import { execFileSync } from "node:child_process";
import { simulateImpressions } from "@toolrec/core";

/** A GraphQL call that returns `data` or throws with the errors' messages. */
export type GqlCall = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A GqlCall over HTTP with a Bearer key. */
export function gqlCall(url: string, key: string): GqlCall {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) throw Object.assign(new Error(`GraphQL: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${res.status}`}`), { errors: body.errors });
    return body.data;
  };
}

/** A new API key with `role`, made with an admin's call. */
export async function createKey(admin: GqlCall, role: string, name = `${role.toLowerCase()} (test)`): Promise<{ key: string; id: string }> {
  const data = await admin<{ createApiKey: { key: string; apiKey: { id: string } } }>(
    `mutation($n: String!, $r: ApiRole!) { createApiKey(name: $n, role: $r) { key apiKey { id } } }`,
    { n: name, r: role },
  );
  return { key: data.createApiKey.key, id: data.createApiKey.apiKey.id };
}

/**
 * Ingests a small simulated click log (seeded, so every run gets the same one) and stores it
 * as a preference dataset under the paper's calibration defaults; returns the dataset.
 */
export async function createSmallDataset(admin: GqlCall, opts: { name?: string; impressions?: number; seed?: number } = {}) {
  const tools = await admin<{ tools: { edges: { node: { id: string; name: string; canonicalQuery: string; utterances: string[]; invocationCount: number; category: { id: string } } }[] } }>(
    `{ tools(first: 60, filter: { enabled: true }) { edges { node { id name canonicalQuery utterances invocationCount category { id } } } } }`,
  );
  const catalog = tools.tools.edges.map(({ node }) => ({ ...node, categoryId: node.category.id }));
  const end = new Date("2026-05-01T00:00:00Z");
  const log = simulateImpressions(catalog, { users: 12, impressions: opts.impressions ?? 64, seed: opts.seed ?? 7, end, days: 7 });
  await admin(`mutation($xs: [ImpressionInput!]!) { ingestImpressions(impressions: $xs) { accepted } }`, { xs: log });
  const data = await admin<{ createPreferenceDataset: { id: string } }>(
    `mutation($input: PreferenceDatasetInput!) { createPreferenceDataset(input: $input) { id } }`,
    { input: { name: opts.name ?? "training fixture" } },
  );
  return waitForDataset(admin, data.createPreferenceDataset.id, "id name sampleCount checksum");
}

/**
 * Waits for a dataset's background build (createPreferenceDataset answers BUILDING at once)
 * and returns `fields` of it once READY; a FAILED build throws with its reason.
 */
export async function waitForDataset<T = any>(call: GqlCall, id: string, fields = "id"): Promise<T> {
  for (;;) {
    const data = await call<{ preferenceDataset: { buildStatus: string; buildError: string | null } & T }>(
      `query($id: ID!) { preferenceDataset(id: $id) { buildStatus: status buildError: error ${fields} } }`, { id });
    const { buildStatus, buildError, ...d } = data.preferenceDataset;
    if (buildStatus === "READY") return d as T;
    if (buildStatus === "FAILED") throw new Error(`dataset ${id} failed: ${buildError}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The trainer's Python on this project's machines (Debian's, with python3-torch). */
export const TRAINER_PYTHON = "/usr/bin/python3";

/** Whether `python` can import torch (the training tests skip, with the reason, when not). */
export function pythonHasTorch(python = TRAINER_PYTHON): boolean {
  try {
    execFileSync(python, ["-c", "import torch"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

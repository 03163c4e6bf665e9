// How the CLI talks to a running API: its GraphQL endpoint and key (simulate --serve,
// experiment table2 --api). The key's own rate limit is waited out; any other GraphQL error
// becomes a project error naming its code, so the CLI prints it and exits 1.
import { ToolRecError, ValidationError } from "@toolrec/core";
import { dataDir, readCredentials } from "@toolrec/db";

/** The API's GraphQL endpoint: --url, else TOOLREC_API_URL, else `npm start`'s. */
export function resolveApiUrl(explicit: string | undefined): string {
  return explicit ?? process.env.TOOLREC_API_URL ?? "http://127.0.0.1:4000/graphql";
}

/** The API key: --key, else TOOLREC_API_KEY, else the admin key `npm start` wrote to the data folder. */
export function resolveApiKey(explicit: string | undefined): string {
  const key = explicit ?? process.env.TOOLREC_API_KEY ?? readCredentials(dataDir()).adminApiKey;
  if (!key) throw new ValidationError("key", "no API key: pass --key, set TOOLREC_API_KEY, or run `npm start` once (it writes the admin key to the data folder)");
  return key;
}

interface GqlError { message: string; extensions?: { code?: string; retryAfter?: number; field?: string } }

/** A GraphQL error the API answered (code: its extensions.code, e.g. BAD_USER_INPUT, CONFLICT). */
export class ApiError extends ToolRecError {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

export type GqlClient = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export function graphqlClient(url: string, key: string): GqlClient {
  return async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      } catch (err) {
        throw new ApiError("UNREACHABLE", `no API answers at ${url} (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}); start one with \`npm start\` or pass --url`);
      }
      const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
      const err = body.errors?.[0];
      // The key's own rate limit: wait as told and try again.
      if (err?.extensions?.code === "RATE_LIMITED" && attempt < 20) {
        await new Promise((r) => setTimeout(r, Math.ceil((err.extensions?.retryAfter ?? 1) * 1000)));
        continue;
      }
      if (err || !body.data) throw new ApiError(err?.extensions?.code ?? `HTTP ${res.status}`, err?.message ?? "no data");
      return body.data;
    }
  };
}

// 200: the API's largest page of tools (packages/core pagination limits).
const TOOLS = `query($after: String) { tools(first: 200, after: $after, filter: { enabled: true }) {
  edges { node { id name description canonicalQuery utterances invocationCount category { id } } } pageInfo { hasNextPage endCursor } } }`;

export interface ApiTool {
  id: string;
  name: string;
  description: string;
  canonicalQuery: string;
  utterances: string[];
  invocationCount: number;
  categoryId: string;
}

/** The API's enabled tools, in the API's order (most invoked first). */
export async function fetchEnabledTools(gql: GqlClient): Promise<ApiTool[]> {
  const tools: ApiTool[] = [];
  for (let after: string | null = null; ; ) {
    const page: { tools: { edges: { node: Omit<ApiTool, "categoryId"> & { category: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(TOOLS, { after });
    for (const { node } of page.tools.edges) {
      const { category, ...t } = node;
      tools.push({ ...t, categoryId: category.id });
    }
    if (!page.tools.pageInfo.hasNextPage) break;
    after = page.tools.pageInfo.endCursor;
  }
  return tools;
}

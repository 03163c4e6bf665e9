// Click pairs for retrieval's optional click stage (issue 12): every clicked, tool-invoking
// suggestion pairs the dialogue it was shown for with the tool it invokes. Served and ingested
// impressions alike; identical (dialogue, tool) pairs are counted once with their click count.
// The shape is structural (retrieval's ClickPair), so this package does not depend on
// @toolrec/retrieval.
import { Prisma, type PrismaClient } from "./generated/client.js";

export interface ClickPairRow {
  dialogue: {
    userQuery: string;
    assistantResponse: string | null;
    history: { role: "USER" | "ASSISTANT"; content: string }[];
  };
  toolId: string;
  count: number;
}

export interface ClickPairOptions {
  /** At most this many pairs, the most recently clicked first. Default 5000. */
  limit?: number;
  /** Only impressions of this source ("served" or "ingest"). Default both. */
  source?: string | null;
}

function turns(x: unknown): ClickPairRow["dialogue"]["history"] {
  if (!Array.isArray(x)) return [];
  const out: ClickPairRow["dialogue"]["history"] = [];
  for (const t of x as { role?: unknown; content?: unknown }[]) {
    const role = String(t?.role ?? "").toUpperCase();
    if ((role === "USER" || role === "ASSISTANT") && typeof t.content === "string") out.push({ role, content: t.content });
  }
  return out;
}

/** The (dialogue, clicked tool) pairs of the click log, only tools that still exist and are enabled. */
export async function loadClickPairs(db: PrismaClient, options: ClickPairOptions = {}): Promise<ClickPairRow[]> {
  const limit = Math.max(1, Math.min(100_000, Math.floor(options.limit ?? 5000)));
  const source = options.source ? Prisma.sql`AND i.source = ${options.source}` : Prisma.empty;
  const rows = await db.$queryRaw<{ user_query: string; assistant_response: string | null; history: unknown; tool_id: string; clicks: number }[]>`
    SELECT i.user_query, i.assistant_response, i.history, s.resolved_tool_id AS tool_id, count(*)::int AS clicks
    FROM impression_suggestions s
    JOIN impressions i ON i.id = s.impression_id
    JOIN tools t ON t.id = s.resolved_tool_id AND t.enabled
    WHERE s.clicked AND s.resolved_tool_id IS NOT NULL ${source}
    GROUP BY i.user_query, i.assistant_response, i.history, s.resolved_tool_id
    ORDER BY max(i."timestamp") DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    dialogue: { userQuery: r.user_query, assistantResponse: r.assistant_response, history: turns(r.history) },
    toolId: r.tool_id,
    count: r.clicks,
  }));
}

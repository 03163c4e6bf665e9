// The export a `toolrec/ranker` training run trains on: the dataset's JSONL rows (prompt,
// completion, label, weight: the same values as the plain export) each with a `ranker` object,
// recommender's rankerRow over the impression's stored dialogue, its recorded retrieved tools
// (rank and score) and its logged suggestions. The catalog supplies the tools' texts and
// categories; p is the dataset's own snapshot (toolPercentiles, what calibration used).
// Rows are written in sample order, a page at a time (bounded memory).
import type { DialogueTurn } from "@toolrec/core";
import { MAX_K, rankerRow, type GeneratorTool, type RankerToolInfo } from "@toolrec/recommender";
import type { PreferenceDataset, PrismaClient } from "./generated/client.js";
import { EXPORT_COLUMNS } from "./dataset-export.js";
import { jsonlLine, yieldToEventLoop } from "./preference.js";

const PAGE = 1000;

/** The columns of a ranker export (the plain export's plus `ranker`). */
export const RANKER_EXPORT_COLUMNS = [...EXPORT_COLUMNS, "ranker"] as const;

interface ImpressionRow {
  id: string;
  user_query: string;
  assistant_response: string | null;
  history: unknown;
  retrieved_tools: unknown;
  texts: string[];
  tool_ids: (string | null)[];
}

type RetrievedRef = { toolId: string; rank: number; score?: number };

/** JSONL chunks of the dataset's rows with their `ranker` object, in sample order. */
export async function* rankerDatasetJsonl(db: PrismaClient, dataset: PreferenceDataset): AsyncGenerator<string> {
  const percentiles = new Map(Object.entries((dataset.toolPercentiles ?? {}) as Record<string, number>));
  for (let from = 0; ; from += PAGE) {
    const samples = await db.preferenceSample.findMany({
      where: { datasetId: dataset.id, index: { gte: from, lt: from + PAGE } },
      orderBy: { index: "asc" },
      select: { impressionId: true, prompt: true, completion: true, desirable: true, weight: true },
    });
    if (samples.length === 0) return;
    const impressions = await db.$queryRaw<ImpressionRow[]>`
      SELECT i.id, i.user_query, i.assistant_response, i.history, i.retrieved_tools,
        array_agg(s.text ORDER BY s.position) AS texts, array_agg(s.resolved_tool_id ORDER BY s.position) AS tool_ids
      FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
      WHERE i.id = ANY(${samples.map((s) => s.impressionId)}) GROUP BY i.id`;
    const byId = new Map(impressions.map((r) => [r.id, r]));
    const refs = (r: ImpressionRow) => (Array.isArray(r.retrieved_tools) ? (r.retrieved_tools as RetrievedRef[]) : []);
    const toolIds = [...new Set(impressions.flatMap((r) => [...refs(r).map((t) => t.toolId), ...r.tool_ids.filter((t): t is string => t !== null)]))];
    const tools = new Map(
      (await db.tool.findMany({ where: { id: { in: toolIds } }, select: { id: true, name: true, canonicalQuery: true, description: true, utterances: true, categoryId: true } })).map((t) => [t.id, t]),
    );
    // A tool deleted since the impression was served has no category; p stays the dataset's.
    const info: RankerToolInfo = (id) => {
      const t = tools.get(id);
      const p = percentiles.get(id) ?? null;
      return t || p !== null ? { category: t?.categoryId ?? null, p } : undefined;
    };
    let chunk = "";
    for (const s of samples) {
      const imp = byId.get(s.impressionId);
      if (!imp) throw new Error(`impression ${s.impressionId} of dataset ${dataset.id} is gone; the ranker export needs its dialogue`);
      // The retrieved tools as the generator saw them, best first (a deleted tool is left out, as in the prompt).
      const generatorTools: GeneratorTool[] = [...refs(imp)]
        .sort((a, b) => a.rank - b.rank)
        .flatMap((r) => {
          const t = tools.get(r.toolId);
          return t ? [{ id: t.id, rank: r.rank, score: r.score ?? 0, name: t.name, canonicalQuery: t.canonicalQuery, description: t.description, utterances: t.utterances, frequencyPercentile: percentiles.get(t.id) ?? null }] : [];
        });
      const history = Array.isArray(imp.history) ? (imp.history as DialogueTurn[]) : [];
      const input = { dialogue: { userQuery: imp.user_query, assistantResponse: imp.assistant_response, history }, k: Math.min(MAX_K, Math.max(1, imp.texts.length)), tools: generatorTools };
      const list = imp.texts.map((text, i) => ({ text, toolId: imp.tool_ids[i] ?? null }));
      chunk += jsonlLine({ prompt: s.prompt, completion: s.completion, label: s.desirable, weight: s.weight }, rankerRow(input, list, info));
    }
    yield chunk;
    // Building pools is CPU work (about 0.4 ms a row): let requests through between pages.
    await yieldToEventLoop();
    if (samples.length < PAGE) return;
  }
}

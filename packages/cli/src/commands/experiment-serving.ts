// The CLI's side of offline experiments: the seed catalog (no database) and the API's default
// retrieval over it (BM25 over the enabled tools, the default pipeline), handed to the shared
// in-process serving path in @toolrec/recommender (offline-serving.ts), which the API uses too.
import { loadCatalog } from "@toolrec/db";
import { createServingContext as createContext, type ServingContext, type ServingTool } from "@toolrec/recommender";
import { createDefaultPipeline, runRetrieval } from "@toolrec/retrieval";

export { groundedArm, rankerArm, sampledGroundedArm, type ServingContext, type ServingTool } from "@toolrec/recommender";

/** The seed catalog's enabled tools (prisma/catalog, no database). */
export function catalogServingTools(): ServingTool[] {
  return loadCatalog().tools.filter((t) => (t as { enabled?: boolean }).enabled !== false).map((t) => ({ ...t, utterances: [...t.utterances] }));
}

/** The serving context over `tools` with the default retrieval pipeline. */
export function createServingContext(tools: readonly ServingTool[]): ServingContext {
  const pipeline = createDefaultPipeline(tools.map((t) => ({ id: t.id, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery, utterances: [...t.utterances], categoryId: t.categoryId })));
  return createContext(tools, async (dialogue, topN) => {
    const run = await runRetrieval(pipeline, { userQuery: dialogue.userQuery, assistantResponse: dialogue.assistantResponse, history: dialogue.history.map((t) => ({ ...t })) }, topN);
    return run.tools;
  });
}

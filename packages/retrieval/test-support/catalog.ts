// The seed catalog (prisma/catalog, read by @toolrec/db's loadCatalog) as retrieval
// documents, for tests, benchmarks and the evaluation scripts. Reads files only: no database.
import { loadCatalog } from "@toolrec/db/catalog";
import { toolDocument } from "../src/documents.js";
import type { ToolDocument } from "../src/types.js";

export function catalogDocuments(dir?: string): ToolDocument[] {
  return loadCatalog(dir).tools.map((t) => toolDocument(t));
}

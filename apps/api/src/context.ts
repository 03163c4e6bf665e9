import type { Db } from "@toolrec/db";
import type { KeyAuthenticator, Viewer } from "./auth.js";
import type { CatalogCache } from "./catalog-cache.js";
import type { JobRunner } from "./jobs.js";
import type { Loaders } from "./loaders.js";
import type { RetrievalService } from "./retrieval/service.js";
import type { TrainingService } from "./training/service.js";

export interface Context {
  db: Db;
  viewer: Viewer;
  loaders: Loaders;
  auth: KeyAuthenticator;
  catalog: CatalogCache;
  /** The shared retrieval index (issue #5). */
  retrieval: RetrievalService;
  /** Training-run leases and the artifact store (issue 11). */
  training: TrainingService;
  /** Background jobs off the request path (issue 8 §5): preference dataset builds. */
  jobs: JobRunner;
}

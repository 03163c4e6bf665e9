import type { Db } from "@toolrec/db";
import type { KeyAuthenticator, Viewer } from "./auth.js";
import type { CalibrationWindowCache } from "@toolrec/db";
import type { CatalogCache } from "./catalog-cache.js";
import type { JobRunner } from "./jobs.js";
import type { Loaders } from "./loaders.js";
import type { RetrievalService } from "./retrieval/service.js";
import type { TrainingService } from "./training/service.js";
import type { ServingService } from "./serving/service.js";
import type { RateLimiter } from "./rate-limit.js";

export interface Context {
  db: Db;
  viewer: Viewer;
  loaders: Loaders;
  auth: KeyAuthenticator;
  catalog: CatalogCache;
  /** Loaded impression windows for the calibration preview (per API process). */
  calibration: CalibrationWindowCache;
  /**
   * The one "catalog changed" signal (issue 9 code item 7): drops every cache that depends on
   * tools or categories (catalog facts, calibration windows, retrieval). `audited` calls it
   * after catalog mutations; other processes' changes arrive by LISTEN/NOTIFY (catalog-signal.ts).
   */
  catalogChanged(reason: string): void;
  /** The shared retrieval index (issue #5). */
  retrieval: RetrievalService;
  /** Training-run leases and the artifact store (issue 11). */
  training: TrainingService;
  /** Suggestion serving: model versions, experiments, the group-commit writer (issue 10). */
  serving: ServingService;
  rateLimiter: RateLimiter;
  /** Background jobs off the request path (issue 8 §5): preference dataset builds. */
  jobs: JobRunner;
}

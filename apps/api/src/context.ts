import type { Db } from "@toolrec/db";
import type { KeyAuthenticator, Viewer } from "./auth.js";
import type { Loaders } from "./loaders.js";
import type { RetrievalService } from "./retrieval/service.js";

export interface Context {
  db: Db;
  viewer: Viewer;
  loaders: Loaders;
  auth: KeyAuthenticator;
  /** The shared retrieval index (issue #5). */
  retrieval: RetrievalService;
}

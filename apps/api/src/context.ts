import type { Db } from "@toolrec/db";
import type { KeyAuthenticator, Viewer } from "./auth.js";
import type { Loaders } from "./loaders.js";

export interface Context {
  db: Db;
  viewer: Viewer;
  loaders: Loaders;
  auth: KeyAuthenticator;
}

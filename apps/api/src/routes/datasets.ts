// Dataset downloads over plain HTTP (issue #4), for the console and for trainers that
// want a file: GET /datasets/:id/export.jsonl | export.parquet | metadata.json, with the
// same Bearer key as GraphQL (ENGINEER or ADMIN). The files are those of
// `toolrec dataset export`; X-Checksum-SHA256 carries the data file's sha256.
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import express, { type NextFunction, type Request, type Response } from "express";
import { GraphQLError } from "graphql";
import { textProblem } from "@toolrec/core";
import { datasetJsonl, datasetParquet, exportFileName, exportMetadata, type Db, type PreferenceDataset } from "@toolrec/db";
import { CAN, requireRole, type KeyAuthenticator } from "../auth.js";

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });

async function authorize(req: Request, res: Response, auth: KeyAuthenticator): Promise<boolean> {
  try {
    requireRole(await auth.authenticate(req.headers.authorization), CAN.engineer);
    return true;
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err; // the error handler logs it and answers 500
    const code = String(err.extensions.code);
    fail(res, code === "UNAUTHENTICATED" ? 401 : 403, code, err.message);
    return false;
  }
}

async function dataset(db: Db, req: Request, res: Response): Promise<PreferenceDataset | null> {
  const id = String(req.params.id);
  const found = textProblem(id, "opaque") === null ? await db.preferenceDataset.findUnique({ where: { id } }) : null;
  if (!found) fail(res, 404, "NOT_FOUND", `preference dataset ${JSON.stringify(id)} not found`);
  else if (found.status !== "READY") {
    fail(res, 409, "DATASET_NOT_READY", `preference dataset ${JSON.stringify(id)} is ${found.status === "BUILDING" ? `still being built (${Math.round(found.progress * 100)}%)` : "a failed build"}`);
    return null;
  }
  return found;
}

/** A client that goes away mid-download is not an error; anything else goes to the error handler. */
function streamFailed(err: unknown, next: NextFunction) {
  if ((err as { code?: string }).code !== "ERR_STREAM_PREMATURE_CLOSE") next(err);
}

/** The files of a dataset export served over HTTP (also to workers, for their run's dataset). */
export const DATASET_FILES = ["export.jsonl", "export.parquet", "metadata.json"] as const;
export type DatasetFile = (typeof DATASET_FILES)[number];

/**
 * Sends one file of a dataset's export: the JSONL rows (streamed), the Parquet file, or the
 * metadata (of the JSONL file; `format=parquet` for the Parquet file's, which hashes that file).
 * X-Checksum-SHA256 carries the data file's sha256.
 */
export async function sendDatasetFile(db: Db, d: PreferenceDataset, file: DatasetFile, format: unknown, res: Response): Promise<void> {
  if (file === "export.jsonl") {
    res.set({
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(d.id, "jsonl")}"`,
      // The JSONL rows' sha256 is stored with the dataset, so it is known before streaming.
      "X-Checksum-SHA256": d.checksum,
    });
    // pipeline: back-pressure, and when the client disconnects the generator is closed
    // (its page queries stop) instead of waiting for a 'drain' that never comes.
    await pipeline(Readable.from(datasetJsonl(db, d.id)), res);
  } else if (file === "export.parquet") {
    const bytes = await datasetParquet(db, d.id);
    res.set({
      "Content-Type": "application/vnd.apache.parquet",
      "Content-Disposition": `attachment; filename="${exportFileName(d.id, "parquet")}"`,
      "X-Checksum-SHA256": crypto.createHash("sha256").update(bytes).digest("hex"),
    });
    res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } else if (format === "parquet") {
    const bytes = await datasetParquet(db, d.id);
    const checksum = crypto.createHash("sha256").update(bytes).digest("hex");
    res.json(exportMetadata(d, "parquet", exportFileName(d.id, "parquet"), checksum));
  } else {
    res.json(exportMetadata(d, "jsonl", exportFileName(d.id, "jsonl"), d.checksum));
  }
}

export function datasetRoutes(deps: { db: Db; auth: KeyAuthenticator }): express.Router {
  const router = express.Router();
  for (const file of DATASET_FILES) {
    router.get(`/datasets/:id/${file}`, async (req, res, next) => {
      try {
        if (!(await authorize(req, res, deps.auth))) return;
        const d = await dataset(deps.db, req, res);
        if (!d) return;
        await sendDatasetFile(deps.db, d, file, req.query.format, res);
      } catch (err) {
        streamFailed(err, next);
      }
    });
  }
  return router;
}

// Training-run files over plain HTTP beside /graphql (issue 11), with the same Bearer keys:
//   GET /training-runs/:id/artifacts/<path>  ENGINEER or ADMIN; a WORKER holding the run's lease
//                                            (X-Lease-Id) for the checkpoint it resumes from
//   PUT /training-runs/:id/artifacts/<path>  WORKER holding the lease; X-Checksum-SHA256 required,
//                                            the body streamed to a staging file and checked
//   GET /training-runs/:id/dataset/<file>    WORKER holding the lease: the run's dataset export
//                                            (export.jsonl, export.parquet, metadata.json)
// Errors are JSON {error, code, field?} with 400/401/403/404/409 (LEASE_LOST)/413.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import express, { type Request, type Response } from "express";
import { RANKER_BASE_MODEL, trainingArtifactKind } from "@toolrec/core";
import { recordArtifact, runHeldBy, type Db, type PreferenceDataset } from "@toolrec/db";
import { CAN, requireRole, requireWorker, type KeyAuthenticator, type Viewer } from "../auth.js";
import { toGraphQLError } from "../errors.js";
import { artifactKey } from "../training/artifact-store.js";
import type { TrainingService } from "../training/service.js";
import { rankerExportMetadata, rankerExportOfRun, type RankerExport } from "../training/ranker-dataset.js";
import { DATASET_FILES, sendDatasetFile, type DatasetFile } from "./datasets.js";

/** Largest artifact one upload takes (TOOLREC_ARTIFACT_MAX_BYTES, default 8 GiB). */
const maxBytes = () => Number(process.env.TOOLREC_ARTIFACT_MAX_BYTES ?? 8 * 1024 ** 3);

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, LEASE_LOST: 409, TOO_LARGE: 413 };

class HttpError extends Error {
  constructor(readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

function sendError(res: Response, err: unknown): void {
  const mapped = err instanceof HttpError ? null : toGraphQLError(err);
  const code = err instanceof HttpError ? err.code : String(mapped?.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  const field = err instanceof HttpError ? err.field : (mapped?.extensions?.field as string | undefined);
  if (!mapped && !(err instanceof HttpError)) console.error("[api] training-run route failed:", err);
  const message = mapped || err instanceof HttpError ? (err as Error).message : "internal error; see the API log";
  if (res.headersSent) return void res.destroy();
  res.status(STATUS[code] ?? 500).json({ error: message, code, ...(field ? { field } : {}) });
}

const artifactPath = (req: Request) => {
  const p = (req.params as { path?: string[] | string }).path;
  return Array.isArray(p) ? p.join("/") : String(p ?? "");
};

const CONTENT_TYPES: Record<string, string> = { ".json": "application/json", ".jsonl": "application/x-ndjson; charset=utf-8", ".log": "text/plain; charset=utf-8" };

export function trainingRunRoutes(deps: { db: Db; auth: KeyAuthenticator; training: TrainingService }): express.Router {
  const router = express.Router();
  const { db, auth, training } = deps;
  const viewerOf = (req: Request): Promise<Viewer> => auth.authenticate(req.headers.authorization);
  const leaseOf = (req: Request) => req.get("x-lease-id") ?? undefined;

  router.get("/training-runs/:id/artifacts/*path", async (req, res) => {
    try {
      const viewer = await viewerOf(req);
      const runId = String(req.params.id);
      if (viewer.role === "WORKER") await runHeldBy(db, runId, leaseOf(req));
      else requireRole(viewer, CAN.engineer);
      const p = artifactPath(req);
      const artifact = await db.trainingRunArtifact.findUnique({ where: { runId_path: { runId, path: p } } });
      if (!artifact) throw new HttpError("NOT_FOUND", `training run ${runId} has no artifact ${p}`);
      const object = await training.store.get(artifact.storageKey);
      if (!object) throw new HttpError("NOT_FOUND", `artifact ${p} of training run ${runId} is missing from the ${training.store.description}`);
      res.set({
        "Content-Type": CONTENT_TYPES[path.extname(p)] ?? "application/octet-stream",
        "Content-Length": String(object.bytes),
        "Content-Disposition": `attachment; filename="${path.basename(p)}"`,
        "X-Checksum-SHA256": artifact.sha256,
      });
      await pipeline(object.body, res);
    } catch (err) {
      sendError(res, err);
    }
  });

  router.put("/training-runs/:id/artifacts/*path", async (req, res) => {
    let staged: string | null = null;
    try {
      requireWorker(await viewerOf(req));
      const runId = String(req.params.id);
      const p = artifactPath(req);
      trainingArtifactKind(p);
      const leaseId = leaseOf(req);
      const run = await runHeldBy(db, runId, leaseId);
      const expected = (req.get("x-checksum-sha256") ?? "").toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(expected)) throw new HttpError("BAD_USER_INPUT", "send the file's sha256 (hex) in X-Checksum-SHA256", "x-checksum-sha256");
      const declared = Number(req.get("content-length") ?? Number.NaN);
      if (declared > maxBytes()) throw new HttpError("TOO_LARGE", `artifacts are at most ${maxBytes()} bytes (TOOLREC_ARTIFACT_MAX_BYTES)`);
      staged = path.join(training.store.stagingDir, `${runId}-${crypto.randomBytes(8).toString("hex")}`);
      const hash = crypto.createHash("sha256");
      let bytes = 0;
      const limit = maxBytes();
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            if (bytes > limit) throw new HttpError("TOO_LARGE", `artifacts are at most ${limit} bytes (TOOLREC_ARTIFACT_MAX_BYTES)`);
            hash.update(chunk);
            yield chunk;
          }
        },
        fs.createWriteStream(staged),
      );
      const sha256 = hash.digest("hex");
      if (sha256 !== expected) throw new HttpError("BAD_USER_INPUT", `the upload's sha256 is ${sha256}, not ${expected} (X-Checksum-SHA256): the file was damaged on the way; send it again`, "x-checksum-sha256");
      // One key per attempt: a worker that lost its lease mid-upload cannot overwrite the bytes
      // of the worker that holds the run now.
      const storageKey = artifactKey(runId, `attempt-${run.attempts}/${p}`);
      await training.store.putFile(storageKey, staged, { bytes, sha256 });
      staged = null;
      const artifact = await recordArtifact(db, runId, leaseId!, { path: p, bytes, sha256, storageKey });
      res.status(201).json({ path: artifact.path, kind: artifact.kind, bytes, sha256 });
    } catch (err) {
      sendError(res, err);
    } finally {
      if (staged) await fs.promises.rm(staged, { force: true });
    }
  });

  router.get("/training-runs/:id/dataset/:file", async (req, res) => {
    try {
      requireWorker(await viewerOf(req));
      const file = String(req.params.file) as DatasetFile;
      if (!DATASET_FILES.includes(file)) throw new HttpError("NOT_FOUND", `no dataset file ${file}; one of ${DATASET_FILES.join(", ")}`);
      const run = await runHeldBy(db, String(req.params.id), leaseOf(req));
      const dataset = await db.preferenceDataset.findUnique({ where: { id: run.datasetId } });
      if (!dataset) throw new HttpError("NOT_FOUND", `the run's dataset ${run.datasetId} was deleted`);
      if (run.baseModel === RANKER_BASE_MODEL) await sendRankerFile(dataset, file, await rankerExportOfRun(db, training.store, run.id, dataset), res);
      else await sendDatasetFile(db, dataset, file, req.query.format, res);
    } catch (err) {
      sendError(res, err);
    }
  });

  /** A toolrec/ranker run's export: JSONL with the ranker view per row, built once per run (ranker-dataset.ts). */
  async function sendRankerFile(dataset: PreferenceDataset, file: DatasetFile, exp: RankerExport, res: Response): Promise<void> {
    if (file === "export.parquet") throw new HttpError("BAD_USER_INPUT", "a toolrec/ranker run trains on the JSONL export (export.jsonl)", "file");
    if (file === "metadata.json") return void res.json(rankerExportMetadata(dataset, exp));
    const object = await training.store.get(exp.key);
    if (!object) throw new HttpError("NOT_FOUND", `the run's ranker export is missing from the ${training.store.description}`);
    res.set({
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Length": String(object.bytes),
      "Content-Disposition": `attachment; filename="${dataset.id}.jsonl"`,
      "X-Checksum-SHA256": exp.checksum,
    });
    await pipeline(object.body, res);
  }

  return router;
}

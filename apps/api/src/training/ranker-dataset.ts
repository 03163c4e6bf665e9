// The dataset export of a `toolrec/ranker` run: the run's dataset rows with their `ranker`
// object (@toolrec/db rankerDatasetJsonl). The ranker view reads the catalog (tools' texts and
// categories), which can change while a run waits or resumes, so it is built once per run, on
// its first claim, and kept in the artifact store beside the run's files: every attempt of the
// run, and the checksum the claim hands the worker, see the same bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { exportMetadata, rankerDatasetJsonl, RANKER_EXPORT_COLUMNS, type Db, type DatasetExportMetadata, type PreferenceDataset } from "@toolrec/db";
import { artifactKey, type ArtifactStore } from "./artifact-store.js";

export interface RankerExport {
  /** Where the JSONL file is in the store. */
  key: string;
  checksum: string;
  bytes: number;
}

const dataKey = (runId: string) => artifactKey(runId, "dataset/ranker-export.jsonl");
const infoKey = (runId: string) => artifactKey(runId, "dataset/ranker-export.info.json");

async function readJson<T>(store: ArtifactStore, key: string): Promise<T | null> {
  const object = await store.get(key);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const c of object.body) chunks.push(Buffer.from(c as Buffer));
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as T;
}

async function putStaged(store: ArtifactStore, key: string, write: (fd: number, hash: crypto.Hash) => Promise<number>): Promise<{ sha256: string; bytes: number }> {
  await fs.promises.mkdir(store.stagingDir, { recursive: true });
  const staged = path.join(store.stagingDir, `ranker-${crypto.randomBytes(8).toString("hex")}`);
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(staged, "w");
  let bytes: number;
  try {
    bytes = await write(fd, hash);
  } finally {
    fs.closeSync(fd);
  }
  const sha256 = hash.digest("hex");
  try {
    await store.putFile(key, staged, { bytes, sha256 });
  } finally {
    await fs.promises.rm(staged, { force: true });
  }
  return { sha256, bytes };
}

const building = new Map<string, Promise<RankerExport>>();

/** The run's ranker export, built and stored on first use (concurrent callers share one build). */
export function rankerExportOfRun(db: Db, store: ArtifactStore, runId: string, dataset: PreferenceDataset): Promise<RankerExport> {
  const held = building.get(runId);
  if (held) return held;
  const work = (async () => {
    const known = await readJson<RankerExport>(store, infoKey(runId));
    if (known) return known;
    const key = dataKey(runId);
    const { sha256, bytes } = await putStaged(store, key, async (fd, hash) => {
      let n = 0;
      for await (const chunk of rankerDatasetJsonl(db, dataset)) {
        const buf = Buffer.from(chunk, "utf8");
        hash.update(buf);
        fs.writeSync(fd, buf);
        n += buf.length;
      }
      return n;
    });
    const info: RankerExport = { key, checksum: sha256, bytes };
    const body = Buffer.from(JSON.stringify(info));
    await putStaged(store, infoKey(runId), async (fd, hash) => {
      hash.update(body);
      fs.writeSync(fd, body);
      return body.length;
    });
    return info;
  })().finally(() => building.delete(runId));
  building.set(runId, work);
  return work;
}

/** The metadata the trainer reads beside the ranker export (the plain export's, with the `ranker` column and this file's checksum). */
export function rankerExportMetadata(dataset: PreferenceDataset, exp: RankerExport): DatasetExportMetadata {
  return { ...exportMetadata(dataset, "jsonl", `${dataset.id}.jsonl`, exp.checksum), columns: RANKER_EXPORT_COLUMNS };
}

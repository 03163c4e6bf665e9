// Exports a stored preference dataset in the format TRL's KTOTrainer reads: columns
// `prompt`, `completion`, `label` (bool), plus `weight` (Eq. 9), as JSONL or Parquet,
// with a metadata JSON (config, counts, mu, s, sha256 of the data file, created time).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { NotFoundError, ValidationError } from "@toolrec/core";
import { PROMPT_TEMPLATE_VERSION } from "@toolrec/recommender";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { PreferenceDataset, PrismaClient } from "./generated/client.js";
import { jsonlLine, type KtoRow, type StoredDatasetConfig } from "./preference.js";

export type ExportFormat = "jsonl" | "parquet";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["jsonl", "parquet"];
export const EXPORT_COLUMNS = ["prompt", "completion", "label", "weight"] as const;

const PAGE = 2000;

export async function findDataset(db: PrismaClient, id: string): Promise<PreferenceDataset> {
  const dataset = await db.preferenceDataset.findUnique({ where: { id } });
  if (!dataset) throw new NotFoundError("preference dataset", id);
  return dataset;
}

/** The dataset's rows in sample order, a page at a time (bounded memory). */
export async function* datasetRows(db: PrismaClient, datasetId: string): AsyncGenerator<KtoRow> {
  for (let from = 0; ; from += PAGE) {
    const page = await db.preferenceSample.findMany({
      where: { datasetId, index: { gte: from, lt: from + PAGE } },
      orderBy: { index: "asc" },
      select: { prompt: true, completion: true, desirable: true, weight: true },
    });
    for (const s of page) yield { prompt: s.prompt, completion: s.completion, label: s.desirable, weight: s.weight };
    if (page.length < PAGE) return;
  }
}

/** JSONL chunks (one line per sample); their sha256 is the dataset's stored checksum. */
export async function* datasetJsonl(db: PrismaClient, datasetId: string): AsyncGenerator<string> {
  let chunk = "";
  for await (const row of datasetRows(db, datasetId)) {
    chunk += jsonlLine(row);
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** The whole dataset as one Parquet file (snappy, one row group per 100k rows). */
export async function datasetParquet(db: PrismaClient, datasetId: string): Promise<Uint8Array> {
  const prompt: string[] = [];
  const completion: string[] = [];
  const label: boolean[] = [];
  const weight: number[] = [];
  for await (const row of datasetRows(db, datasetId)) {
    prompt.push(row.prompt);
    completion.push(row.completion);
    label.push(row.label);
    weight.push(row.weight);
  }
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "prompt", data: prompt, type: "STRING", nullable: false },
      { name: "completion", data: completion, type: "STRING", nullable: false },
      { name: "label", data: label, type: "BOOLEAN", nullable: false },
      { name: "weight", data: weight, type: "DOUBLE", nullable: false },
    ],
    rowGroupSize: 100_000,
    createdBy: "toolrec dataset export",
  });
  return new Uint8Array(buffer);
}

export interface DatasetExportMetadata {
  datasetId: string;
  name: string;
  format: ExportFormat;
  /** The data file's name. */
  file: string;
  columns: readonly string[];
  rows: number;
  /** sha256 (hex) of the data file's bytes. */
  checksum: string;
  checksumAlgorithm: "sha256";
  createdAt: string;
  createdBy: string;
  exportedAt: string;
  window: { from: string | null; to: string | null };
  config: Omit<StoredDatasetConfig, "promptTemplate">;
  promptTemplate: string;
  counts: { samples: number; desirable: number; undesirable: number; masked: number; toolInvoking: number; users: number };
  mu: number;
  s: number;
  weightSum: number;
  effectiveSampleSize: number;
}

export function exportMetadata(d: PreferenceDataset, format: ExportFormat, file: string, checksum: string): DatasetExportMetadata {
  const { promptTemplate, ...config } = d.config as unknown as StoredDatasetConfig;
  return {
    datasetId: d.id,
    name: d.name,
    format,
    file,
    columns: EXPORT_COLUMNS,
    rows: d.sampleCount,
    checksum,
    checksumAlgorithm: "sha256",
    createdAt: d.createdAt.toISOString(),
    createdBy: d.createdBy,
    exportedAt: new Date().toISOString(),
    window: { from: d.windowFrom?.toISOString() ?? null, to: d.windowTo?.toISOString() ?? null },
    config,
    promptTemplate: promptTemplate ?? PROMPT_TEMPLATE_VERSION,
    counts: {
      samples: d.sampleCount,
      desirable: d.desirableCount,
      undesirable: d.undesirableCount,
      masked: d.maskedCount,
      toolInvoking: d.toolInvokingCount,
      users: d.userCount,
    },
    mu: d.mu,
    s: d.s,
    weightSum: d.weightSum,
    effectiveSampleSize: d.effectiveSampleSize,
  };
}

export const exportFileName = (datasetId: string, format: ExportFormat) => `${datasetId}.${format}`;
export const metadataFileName = (datasetId: string) => `${datasetId}.metadata.json`;

export function checkFormat(format: string): ExportFormat {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new ValidationError("format", `format must be ${EXPORT_FORMATS.join(" or ")}`);
  return format as ExportFormat;
}

/**
 * Writes `<id>.jsonl|parquet` and `<id>.metadata.json` into `outDir`. The JSONL file's
 * sha256 equals the dataset's stored checksum (checked; a mismatch is an error).
 */
export async function writeDatasetExport(
  db: PrismaClient,
  datasetId: string,
  opts: { format: ExportFormat; outDir: string },
): Promise<{ dataFile: string; metadataFile: string; metadata: DatasetExportMetadata }> {
  const dataset = await findDataset(db, datasetId);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const file = exportFileName(dataset.id, opts.format);
  const dataFile = path.join(opts.outDir, file);
  const hash = crypto.createHash("sha256");
  if (opts.format === "jsonl") {
    const fd = fs.openSync(`${dataFile}.partial`, "w");
    try {
      for await (const chunk of datasetJsonl(db, dataset.id)) {
        hash.update(chunk);
        fs.writeSync(fd, chunk);
      }
    } finally {
      fs.closeSync(fd);
    }
  } else {
    const bytes = await datasetParquet(db, dataset.id);
    hash.update(bytes);
    fs.writeFileSync(`${dataFile}.partial`, bytes);
  }
  const checksum = hash.digest("hex");
  if (opts.format === "jsonl" && checksum !== dataset.checksum) {
    fs.rmSync(`${dataFile}.partial`, { force: true });
    throw new Error(`dataset ${dataset.id}: the exported rows' sha256 ${checksum} differs from the stored checksum ${dataset.checksum}`);
  }
  fs.renameSync(`${dataFile}.partial`, dataFile);
  const metadata = exportMetadata(dataset, opts.format, file, checksum);
  const metadataFile = path.join(opts.outDir, metadataFileName(dataset.id));
  fs.writeFileSync(metadataFile, `${JSON.stringify(metadata, null, 2)}\n`);
  return { dataFile, metadataFile, metadata };
}

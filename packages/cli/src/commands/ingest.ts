// toolrec ingest FILE: click logs into the impressions table, batched and idempotent.
import os from "node:os";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { ValidationError } from "@toolrec/core";
import { ImpressionIngestor, openDatabase, writeAudit, type IngestReport } from "@toolrec/db";
import type { Command } from "../main.js";
import { CSV_IMPRESSION_COLUMNS, detectFormat, openInput, readCsv, readNdjson } from "./ingest-files.js";

export function formatIngestReport(report: IngestReport, maxErrors: number): string {
  const lines = [`accepted ${report.accepted}, duplicates ${report.duplicates}, rejected ${report.rejected}`];
  for (const e of report.errors.slice(0, maxErrors)) {
    lines.push(`  ${e.line !== undefined ? `line ${e.line}, ` : ""}index ${e.index}${e.id ? ` (${e.id})` : ""}: ${e.message}`);
  }
  if (report.errors.length > maxErrors) lines.push(`  ... and ${report.errors.length - maxErrors} more (--max-errors N, or --json for all)`);
  return lines.join("\n");
}

export const ingestCommand: Command = {
  name: "ingest",
  summary: "ingest a click log (NDJSON or CSV) into the impressions table",
  usage: `usage: toolrec ingest FILE [--format ndjson|csv] [--batch-size 500] [--max-errors 20] [--json]

FILE    NDJSON: one ImpressionInput per line (the GraphQL contract's shape):
          {"id":"imp-1","userId":"u1","timestamp":"2026-04-21T10:00:00Z",
           "dialogue":{"userQuery":"...","assistantResponse":"...","history":[{"role":"USER","content":"..."}]},
           "suggestions":[{"text":"Clean the speaker","toolId":"sound.clean_speaker","exposed":true,"clicked":true}, ...]}
        CSV (by the .csv extension or --format csv): one row per suggestion, columns
          ${CSV_IMPRESSION_COLUMNS.join(",")}
          consecutive rows with the same impression_id are one impression, in generated order;
          the impression's columns come from its first row (later rows may leave them empty);
          history is a JSON cell; exposed empty = true, clicked empty = false.
        "-" reads NDJSON from stdin.
Rows are validated one by one: a bad row is reported with its line, index and reason and the
good rows are kept, whatever bytes a row holds (a line that is not valid UTF-8, NUL, unpaired
surrogates, control characters: each is a bad row, not a failed batch). Impressions are written in batches (one transaction each, an impression
with its suggestions or not at all). An id already stored, or repeated in the file, is counted
as a duplicate and not written again, so re-ingesting a file changes nothing.
Limits: ids 128 characters, texts 2000 (assistant response 4000), K <= 20 suggestions,
history <= 50 turns. Timestamps: ISO-8601 date-time; without a zone, UTC.
Exit status: 0 when every row was accepted or a duplicate, 1 when any row was rejected.
Uses DATABASE_URL, else the embedded database under .data/ (joining a running server).`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: "string" }, "batch-size": { type: "string" }, "max-errors": { type: "string" }, json: { type: "boolean" } },
    });
    const file = positionals[0];
    if (!file) {
      console.error(this.usage);
      return 2;
    }
    const format = detectFormat(file, values.format);
    const batchSize = values["batch-size"] ? Number(values["batch-size"]) : 500;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new ValidationError("batch-size", "--batch-size must be an integer from 1 to 10000");
    const maxErrors = values["max-errors"] ? Number(values["max-errors"]) : 20;
    const { stream, size } = openInput(file);

    const bar = new cliProgress.SingleBar(
      {
        format: "ingest [{bar}] {percentage}% | {records} impressions | {accepted} new, {duplicates} duplicates, {rejected} rejected",
        hideCursor: true,
        stream: process.stderr,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const t0 = Date.now();
    const db = await openDatabase();
    let records = 0;
    let bytes = 0;
    const payload = { records: 0, accepted: 0, duplicates: 0, rejected: 0 };
    try {
      bar.start(size ?? 1, 0, payload);
      const ingestor = await ImpressionIngestor.open(db.prisma, {
        batchSize,
        onProgress: (p) => {
          Object.assign(payload, p, { records });
          bar.update(size === null ? 0 : bytes, payload);
        },
      });
      const source = format === "csv" ? readCsv(stream) : readNdjson(stream);
      for await (const rec of source) {
        records++;
        bytes += rec.bytes;
        if ("error" in rec) {
          ingestor.reject(rec, rec.id, rec.error);
          payload.rejected++;
        } else await ingestor.add(rec.raw, rec);
      }
      const report = await ingestor.finish();
      bar.update(size ?? 1, { ...payload, ...report, records });
      bar.stop();
      const seconds = (Date.now() - t0) / 1000;
      if (report.accepted > 0) {
        const actor = `cli:${os.userInfo().username}`;
        await writeAudit(db.prisma, { actor, action: "ingestImpressions", target: "impressions", details: { file, format, accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected } });
      }
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else {
        console.log(formatIngestReport(report, maxErrors));
        console.error(`${records} impressions in ${seconds.toFixed(1)}s (${Math.round(records / Math.max(seconds, 1e-3))}/s)`);
      }
      return report.rejected > 0 ? 1 : 0;
    } finally {
      bar.stop();
      await db.close();
    }
  },
};

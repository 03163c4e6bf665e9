// Reading click-log files record by record (bounded memory): NDJSON, one ImpressionInput
// per line; CSV, one row per suggestion (columns in CSV_IMPRESSION_COLUMNS).
import fs from "node:fs";
import readline from "node:readline";
import { parse as parseCsvStream } from "csv-parse";

/** One record of a log file: the raw impression, or why it could not be read. */
export type FileRecord =
  | { index: number; line: number; bytes: number; raw: unknown }
  | { index: number; line: number; bytes: number; error: string; id: string | null };

/**
 * CSV layout: one row per suggestion, in generated order. Consecutive rows with the same
 * impression_id form one impression; its user_id, timestamp, user_query,
 * assistant_response and history come from the group's first row (later rows may repeat
 * them or leave them empty; a different value rejects the impression). history is a JSON
 * cell ([{"role":"USER","content":"..."}]) or empty. exposed: true/false/1/0/yes/no, empty
 * = true; clicked: the same, empty = false. tool_id may be empty.
 */
export const CSV_IMPRESSION_COLUMNS = [
  "impression_id", "user_id", "timestamp", "user_query", "assistant_response", "history", "text", "tool_id", "exposed", "clicked",
] as const;

export async function* readNdjson(input: NodeJS.ReadableStream): AsyncGenerator<FileRecord> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  let index = 0;
  for await (const text of lines) {
    line++;
    const bytes = Buffer.byteLength(text) + 1;
    if (text.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      const id = /"id"\s*:\s*"([^"]{1,128})"/.exec(text)?.[1] ?? null;
      yield { index: index++, line, bytes, error: `not valid JSON (${(err as Error).message})`, id };
      continue;
    }
    yield { index: index++, line, bytes, raw };
  }
}

const TRUE = new Set(["true", "1", "yes", "y", "t"]);
const FALSE = new Set(["false", "0", "no", "n", "f"]);
function bool(cell: string | undefined, empty: boolean): unknown {
  const v = (cell ?? "").trim().toLowerCase();
  if (v === "") return empty;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return cell; // the validator rejects it with "must be true or false"
}

interface Group { line: number; bytes: number; rows: Record<string, string>[] }

function groupToImpression(g: Group): { raw: unknown } | { error: string; id: string | null } {
  const first = g.rows[0]!;
  const id = first.impression_id ?? "";
  for (const column of ["user_id", "timestamp", "user_query", "assistant_response", "history"] as const) {
    const value = first[column] ?? "";
    const other = g.rows.find((r) => (r[column] ?? "") !== "" && r[column] !== value);
    if (other) return { error: `${column}: rows of impression ${id} disagree (${JSON.stringify(value)} vs ${JSON.stringify(other[column])})`, id };
  }
  let history: unknown = undefined;
  if ((first.history ?? "").trim()) {
    try {
      history = JSON.parse(first.history!);
    } catch {
      return { error: "dialogue.history: not valid JSON", id };
    }
  }
  return {
    raw: {
      id,
      userId: first.user_id,
      timestamp: first.timestamp,
      dialogue: { userQuery: first.user_query, assistantResponse: first.assistant_response || null, history },
      suggestions: g.rows.map((r) => ({ text: r.text, toolId: r.tool_id || null, exposed: bool(r.exposed, true), clicked: bool(r.clicked, false) })),
    },
  };
}

export async function* readCsv(input: NodeJS.ReadableStream): AsyncGenerator<FileRecord> {
  const parser = input.pipe(parseCsvStream({ columns: true, skip_empty_lines: true, relax_column_count: true, info: true, bom: true }));
  let index = 0;
  let group: Group | null = null;
  let key: string | null = null;
  let lastBytes = 0;
  const emit = function* (g: Group): Generator<FileRecord> {
    const r = groupToImpression(g);
    yield "raw" in r ? { index: index++, line: g.line, bytes: g.bytes, raw: r.raw } : { index: index++, line: g.line, bytes: g.bytes, error: r.error, id: r.id };
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
    const id = record.impression_id ?? "";
    const bytes = info.bytes - lastBytes;
    lastBytes = info.bytes;
    if (group && id === key && id !== "") {
      group.rows.push(record);
      group.bytes += bytes;
      continue;
    }
    if (group) yield* emit(group);
    group = { line: info.lines, bytes, rows: [record] };
    key = id;
  }
  if (group) yield* emit(group);
}

export function detectFormat(file: string, format: string | undefined): "ndjson" | "csv" {
  if (format === "csv" || format === "ndjson") return format;
  if (format === "jsonl") return "ndjson";
  if (format) throw Object.assign(new Error("--format must be ndjson or csv"), { field: "format" });
  return /\.csv$/i.test(file) ? "csv" : "ndjson";
}

export function openInput(file: string): { stream: NodeJS.ReadableStream; size: number | null } {
  if (file === "-") return { stream: process.stdin, size: null };
  const size = fs.statSync(file).size;
  return { stream: fs.createReadStream(file), size };
}

// Reading click-log files record by record (bounded memory): NDJSON, one ImpressionInput
// per line; CSV, one row per suggestion (columns in CSV_IMPRESSION_COLUMNS). Any byte
// content is read: a line that is not valid UTF-8 is reported as a bad record with its
// line, never decoded into replacement characters and stored.
import fs from "node:fs";
import readline from "node:readline";
import { Transform, type TransformCallback } from "node:stream";
import { parse as parseCsvStream } from "csv-parse";
import { ValidationError } from "@toolrec/core";

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

/**
 * Passes bytes through unchanged and notes the (1-based) lines that are not valid UTF-8
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), with the first bad
 * byte's position in the line. Readers downstream ask about a line once they have read it.
 */
export class Utf8LineCheck extends Transform {
  /** line -> 1-based byte in that line where the first invalid sequence starts */
  readonly invalid = new Map<number, number>();
  private line = 1;
  private column = 0;
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;
  private sequenceStart = 0;

  private bad(column: number) {
    if (!this.invalid.has(this.line)) this.invalid.set(this.line, column);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    for (const b of chunk) {
      this.column++;
      if (this.need > 0) {
        if (b >= this.lo && b <= this.hi) {
          this.need--;
          this.lo = 0x80;
          this.hi = 0xbf;
          continue;
        }
        this.bad(this.sequenceStart);
        this.need = 0;
      }
      if (b === 0x0a) {
        this.line++;
        this.column = 0;
        continue;
      }
      if (b < 0x80) continue;
      this.sequenceStart = this.column;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lo = 0xa0; // no overlong forms
        if (b === 0xed) this.hi = 0x9f; // no surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lo = 0x90;
        if (b === 0xf4) this.hi = 0x8f; // nothing past U+10FFFF
      } else this.bad(this.column);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback) {
    if (this.need > 0) this.bad(this.sequenceStart);
    done();
  }

  /** Why lines first..last are unreadable, or null. */
  problem(first: number, last = first): string | null {
    for (let line = first; line <= last; line++) {
      const column = this.invalid.get(line);
      if (column !== undefined) return `line ${line} is not valid UTF-8 (byte ${column} of the line); re-encode the file as UTF-8`;
    }
    return null;
  }
}

export async function* readNdjson(input: NodeJS.ReadableStream): AsyncGenerator<FileRecord> {
  const check = new Utf8LineCheck();
  const lines = readline.createInterface({ input: input.pipe(check), crlfDelay: Infinity });
  let line = 0;
  let index = 0;
  for await (const text of lines) {
    line++;
    const bytes = Buffer.byteLength(text) + 1;
    if (text.trim() === "") continue;
    const encoding = check.problem(line);
    if (encoding !== null) {
      yield { index: index++, line, bytes, error: encoding, id: null };
      continue;
    }
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

/** Consecutive rows of one impression; `line` is where the first row ends (what reports name), firstLine..lastLine what it spans. */
interface Group { line: number; firstLine: number; lastLine: number; bytes: number; rows: Record<string, string>[] }

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
  const check = new Utf8LineCheck();
  const parser = input.pipe(check).pipe(parseCsvStream({ columns: true, skip_empty_lines: true, relax_column_count: true, info: true, bom: true }));
  let index = 0;
  let group: Group | null = null;
  let key: string | null = null;
  let lastBytes = 0;
  let lastLines = 1; // the header
  const emit = function* (g: Group): Generator<FileRecord> {
    const encoding = check.problem(g.firstLine, g.lastLine);
    if (encoding !== null) {
      yield { index: index++, line: g.line, bytes: g.bytes, error: encoding, id: g.rows[0]?.impression_id ?? null };
      return;
    }
    const r = groupToImpression(g);
    yield "raw" in r ? { index: index++, line: g.line, bytes: g.bytes, raw: r.raw } : { index: index++, line: g.line, bytes: g.bytes, error: r.error, id: r.id };
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number } }>) {
    const id = record.impression_id ?? "";
    const bytes = info.bytes - lastBytes;
    lastBytes = info.bytes;
    const firstLine = lastLines + 1; // a quoted cell may span lines: the record is lines firstLine..info.lines
    lastLines = info.lines;
    if (group && id === key && id !== "") {
      group.rows.push(record);
      group.bytes += bytes;
      group.lastLine = info.lines;
      continue;
    }
    if (group) yield* emit(group);
    group = { line: info.lines, firstLine, lastLine: info.lines, bytes, rows: [record] };
    key = id;
  }
  if (group) yield* emit(group);
}

export function detectFormat(file: string, format: string | undefined): "ndjson" | "csv" {
  if (format === "csv" || format === "ndjson") return format;
  if (format === "jsonl") return "ndjson";
  if (format) throw new ValidationError("format", "--format must be ndjson or csv");
  return /\.csv$/i.test(file) ? "csv" : "ndjson";
}

export function openInput(file: string): { stream: NodeJS.ReadableStream; size: number | null } {
  if (file === "-") return { stream: process.stdin, size: null };
  const size = fs.statSync(file).size;
  return { stream: fs.createReadStream(file), size };
}

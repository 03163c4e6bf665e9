// The trainer's JSON-lines protocol (apps/trainer/README.md, "Protocol") as the worker reads
// it, and what the worker makes of it: batched reports for the API and the run's outcome.
// Pure: no I/O.

export interface StartLine {
  type: "start";
  protocol: number;
  world_size: number;
  device: string;
  start_step: number;
  resumed_from: number | null;
  total_steps: number;
}
export interface MetricsLine { type: "metrics"; step: number; [key: string]: unknown }
export interface ProgressLine { type: "progress"; step: number; total_steps: number; progress: number; eta_s?: number | null }
export interface CheckpointLine { type: "checkpoint"; step: number; path: string; reason: string; files: string[] }
export interface DoneLine { type: "done"; status: string; step: number; total_steps: number; artifacts: { path: string; kind: string; bytes: number; sha256: string }[] }
export interface CancelledLine { type: "cancelled"; step: number; reason: string; checkpoint: string | null }
export interface ErrorLine { type: "error"; kind: "crash" | "invalid_input"; field: string | null; message: string }

export type TrainerLine = StartLine | MetricsLine | ProgressLine | CheckpointLine | DoneLine | CancelledLine | ErrorLine;
const TYPES = new Set(["start", "metrics", "progress", "checkpoint", "done", "cancelled", "error"]);

/** A stdout line as a protocol line, or null for anything else (a library that printed). */
export function parseTrainerLine(text: string): TrainerLine | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return null;
  try {
    const obj = JSON.parse(trimmed) as { type?: unknown };
    return typeof obj.type === "string" && TYPES.has(obj.type) ? (obj as TrainerLine) : null;
  } catch {
    return null;
  }
}

/** What the API's reportTrainingRun takes. */
export interface RunReport {
  progress?: number;
  step?: number;
  totalSteps?: number;
  metrics?: Record<string, unknown>[];
  logLines?: string[];
  checkpoint?: { step: number; path: string; files: string[] };
  resumedFromStep?: number;
}

/**
 * Collects what the trainer printed between two reports (the worker sends one a second):
 * every metrics line (without "type"), the latest progress, log lines, a checkpoint whose
 * files are uploaded.
 */
export class ReportBuffer {
  private report: RunReport = {};

  /** Takes a protocol line; returns true when it belongs in a report. */
  add(line: TrainerLine): boolean {
    const r = this.report;
    switch (line.type) {
      case "metrics": {
        const { type: _type, ...values } = line;
        (r.metrics ??= []).push(values);
        return true;
      }
      case "progress":
        r.step = line.step;
        r.totalSteps = line.total_steps;
        r.progress = Math.min(1, Math.max(0, line.progress));
        return true;
      case "start":
        r.totalSteps = line.total_steps;
        r.step = line.start_step;
        if (line.resumed_from != null) r.resumedFromStep = line.resumed_from;
        return true;
      default:
        return false;
    }
  }

  log(line: string): void {
    (this.report.logLines ??= []).push(line);
  }

  checkpointUploaded(c: { step: number; path: string; files: string[] }): void {
    this.report.checkpoint = c;
  }

  get empty(): boolean {
    return Object.keys(this.report).length === 0;
  }

  /** The report so far, emptying the buffer. */
  take(): RunReport {
    const out = this.report;
    this.report = {};
    return out;
  }

  /** Puts a report that could not be sent back in front of what came since. */
  restore(earlier: RunReport): void {
    const later = this.report;
    this.report = {
      ...earlier,
      ...later,
      metrics: [...(earlier.metrics ?? []), ...(later.metrics ?? [])],
      logLines: [...(earlier.logLines ?? []), ...(later.logLines ?? [])],
    };
    if (!this.report.metrics!.length) delete this.report.metrics;
    if (!this.report.logLines!.length) delete this.report.logLines;
  }
}

export type Outcome =
  | { status: "SUCCEEDED"; done: DoneLine }
  | { status: "CANCELLED"; checkpoint: string | null }
  | { status: "RELEASE"; reason: string }
  | { status: "FAILED"; error: string };

/**
 * The run's outcome from the trainer's last protocol line and how it exited (the last line
 * decides: under torchrun the exit code is non-zero whenever a rank's is). `cancelRequested`:
 * the API asked for the cancel; `stopping`: this worker is shutting down and gives the run back.
 */
export function outcomeOf(
  last: TrainerLine | null,
  exit: { code: number | null; signal: string | null },
  ctx: { cancelRequested: boolean; stopping: boolean; stderrTail: readonly string[] },
): Outcome {
  const tail = ctx.stderrTail.length ? `\n--- last lines of the trainer's stderr ---\n${ctx.stderrTail.join("\n")}` : "";
  if (last?.type === "done") return { status: "SUCCEEDED", done: last };
  if (last?.type === "cancelled") {
    if (ctx.cancelRequested) return { status: "CANCELLED", checkpoint: last.checkpoint };
    if (ctx.stopping) return { status: "RELEASE", reason: `the worker is shutting down; the trainer stopped at step ${last.step}` };
    return { status: "FAILED", error: `the trainer was stopped (${last.reason}) at step ${last.step} without a cancel request${tail}` };
  }
  if (ctx.stopping) return { status: "RELEASE", reason: "the worker is shutting down" };
  if (last?.type === "error") {
    const what = last.kind === "invalid_input" ? `invalid input${last.field ? ` (${last.field})` : ""}` : "the trainer crashed";
    return { status: "FAILED", error: `${what}: ${last.message}${tail}` };
  }
  const how = exit.signal ? `was killed by ${exit.signal}${exit.signal === "SIGKILL" ? " (out of memory?)" : ""}` : `exited with code ${exit.code} without a last protocol line`;
  return { status: "FAILED", error: `the trainer ${how}${tail}` };
}

/** A bounded list of the last lines (stderr, for a failure's reason). */
export class Tail {
  private lines: string[] = [];
  constructor(private readonly max: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  get(): string[] {
    return [...this.lines];
  }
}

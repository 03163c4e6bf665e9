/**
 * Validation of logged impressions (the contract's ImpressionInput) before ingestion:
 * one bad row is rejected with a reason and never stops the others. Pure: the caller
 * says which tool ids exist.
 */

import { isDesirable } from "./labels";
import { checkText } from "./validation/text";

/**
 * Size limits of one impression; lengths count Unicode code points. Ids are single-line
 * text, the dialogue and suggestions free text (validation/text.ts says which characters each kind allows).
 */
export const IMPRESSION_LIMITS = Object.freeze({
  /** Impression id and user id. */
  idLength: 128,
  /** User query, each suggestion's text, each earlier turn. */
  text: 2000,
  /** The assistant's response (it may be a step-by-step guide). */
  assistantResponse: 4000,
  /** K, the generated suggestions per impression. */
  suggestions: 20,
  /** Earlier turns C. */
  history: 50,
  /** Retrieved tools recorded with an impression (the API puts at most 20 in a prompt). */
  retrievedTools: 20,
});

export type TurnRole = "USER" | "ASSISTANT";
export interface DialogueTurn {
  readonly role: TurnRole;
  readonly content: string;
}

export interface LoggedSuggestion {
  readonly text: string;
  readonly toolId: string | null;
  readonly exposed: boolean;
  readonly clicked: boolean;
}

/** A tool the serving system retrieved for the impression's prompt: its rank (1 = best) and score. */
export interface RetrievedToolRef {
  readonly toolId: string;
  readonly rank: number;
  readonly score: number;
}

/** A validated impression, ready to store. */
export interface ImpressionRecord {
  readonly id: string;
  readonly userId: string;
  readonly timestamp: Date;
  readonly userQuery: string;
  readonly assistantResponse: string | null;
  readonly history: DialogueTurn[];
  readonly suggestions: LoggedSuggestion[];
  /** definitions.md, Labels: some exposed suggestion was clicked. */
  readonly desirable: boolean;
  /**
   * The tools retrieved for the prompt, when the log has them (served impressions record
   * theirs): a toolrec/ranker run's export reads their ranks and scores; null when not logged.
   */
  readonly retrievedTools: RetrievedToolRef[] | null;
}

export type ImpressionCheck =
  | { readonly ok: true; readonly value: ImpressionRecord }
  | { readonly ok: false; readonly id: string | null; readonly message: string };

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An ISO-8601 date-time: `YYYY-MM-DDTHH:MM[:SS[.fff]]` (a space may replace the T) with
 * `Z` or an offset; without a zone the time is read as UTC. With `allowDate`, a plain
 * `YYYY-MM-DD` is midnight UTC of that day. Calendar-checked (no February 30th), years
 * 1970..9999. A Date object is accepted as is. Returns null when malformed. The one
 * date-time grammar of the project: click logs and the API's DateTime scalar.
 */
export function parseTimestamp(value: unknown, options: { allowDate?: boolean } = {}): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  const m = TIMESTAMP.exec(trimmed) ?? (options.allowDate ? DATE_ONLY.exec(trimmed) : null);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const dayCheck = new Date(Date.UTC(year, month - 1, day));
  if (dayCheck.getUTCMonth() !== month - 1 || dayCheck.getUTCDate() !== day) return null;
  const ms = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return new Date(t);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Checks one raw impression (an ImpressionInput from GraphQL, a parsed NDJSON line or a
 * CSV group). Rejects: a missing or empty id, userId or userQuery; a malformed
 * timestamp; a suggestion clicked but not exposed; a toolId that is not an existing
 * tool (`toolExists`); empty suggestion texts; anything over IMPRESSION_LIMITS; no
 * suggestions. Every problem is reported, "; "-separated, each with its field path.
 */
export function validateImpression(raw: unknown, toolExists: (toolId: string) => boolean): ImpressionCheck {
  if (!isRecord(raw)) return { ok: false, id: null, message: "an impression must be a JSON object" };
  const problems: string[] = [];
  const problem = (field: string, message: string) => problems.push(`${field}: ${message}`);

  const requiredId = (field: "id" | "userId"): string => {
    const v = raw[field];
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v !== "string" || v.trim() === "") {
      problem(field, v === undefined || v === null ? "is required" : typeof v === "string" ? "must not be empty" : "must be a string");
      return "";
    }
    const bad = checkText(v, { min: 1, max: IMPRESSION_LIMITS.idLength, kind: "line" });
    if (bad !== null) problem(field, bad);
    return v;
  };
  const id = requiredId("id");
  const userId = requiredId("userId");

  const timestamp = parseTimestamp(raw.timestamp);
  if (timestamp === null) {
    problem(
      "timestamp",
      raw.timestamp === undefined || raw.timestamp === null
        ? "is required"
        : `${JSON.stringify(raw.timestamp)} is not an ISO-8601 date-time (YYYY-MM-DDTHH:MM:SS[.sss][Z|+HH:MM])`,
    );
  }

  const text = (field: string, v: unknown, limit: number, required: boolean): string | null => {
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      if (required) problem(field, v === undefined || v === null ? "is required" : "must not be empty");
      return null;
    }
    if (typeof v !== "string") {
      problem(field, "must be a string");
      return null;
    }
    const bad = checkText(v, { min: 1, max: limit, kind: "multiline" });
    if (bad !== null) problem(field, bad);
    return v;
  };

  const dialogue = raw.dialogue;
  let userQuery = "";
  let assistantResponse: string | null = null;
  const history: DialogueTurn[] = [];
  if (!isRecord(dialogue)) {
    problem("dialogue", dialogue === undefined || dialogue === null ? "is required" : "must be an object");
  } else {
    userQuery = text("dialogue.userQuery", dialogue.userQuery, IMPRESSION_LIMITS.text, true) ?? "";
    assistantResponse = text("dialogue.assistantResponse", dialogue.assistantResponse, IMPRESSION_LIMITS.assistantResponse, false);
    const turns = dialogue.history;
    if (turns !== undefined && turns !== null) {
      if (!Array.isArray(turns)) problem("dialogue.history", "must be a list of {role, content}");
      else if (turns.length > IMPRESSION_LIMITS.history) problem("dialogue.history", `has ${turns.length} turns; at most ${IMPRESSION_LIMITS.history}`);
      else {
        turns.forEach((turn, i) => {
          const field = `dialogue.history[${i}]`;
          if (!isRecord(turn)) return void problem(field, "must be an object {role, content}");
          const role = typeof turn.role === "string" ? turn.role.toUpperCase() : "";
          if (role !== "USER" && role !== "ASSISTANT") problem(`${field}.role`, "must be USER or ASSISTANT");
          const content = text(`${field}.content`, turn.content, IMPRESSION_LIMITS.text, true);
          if (content !== null && (role === "USER" || role === "ASSISTANT")) history.push({ role, content });
        });
      }
    }
  }

  const suggestions: LoggedSuggestion[] = [];
  const list = raw.suggestions;
  if (!Array.isArray(list)) problem("suggestions", list === undefined || list === null ? "is required" : "must be a list");
  else if (list.length === 0) problem("suggestions", "must not be empty");
  else if (list.length > IMPRESSION_LIMITS.suggestions) problem("suggestions", `has ${list.length} suggestions; at most ${IMPRESSION_LIMITS.suggestions} (K)`);
  else {
    list.forEach((s, i) => {
      const field = `suggestions[${i}]`;
      if (!isRecord(s)) return void problem(field, "must be an object {text, toolId, exposed, clicked}");
      const t = text(`${field}.text`, s.text, IMPRESSION_LIMITS.text, true);
      let toolId: string | null = null;
      if (s.toolId !== undefined && s.toolId !== null && s.toolId !== "") {
        if (typeof s.toolId !== "string") problem(`${field}.toolId`, "must be a string");
        else if (!toolExists(s.toolId)) problem(`${field}.toolId`, `unknown tool "${s.toolId}"`);
        else toolId = s.toolId;
      }
      let exposed = true;
      if (s.exposed !== undefined && s.exposed !== null) {
        if (typeof s.exposed !== "boolean") problem(`${field}.exposed`, "must be true or false");
        else exposed = s.exposed;
      }
      let clicked = false;
      if (typeof s.clicked !== "boolean") problem(`${field}.clicked`, s.clicked === undefined || s.clicked === null ? "is required" : "must be true or false");
      else clicked = s.clicked;
      if (clicked && !exposed) problem(`${field}`, "clicked but not exposed");
      if (t !== null) suggestions.push({ text: t, toolId, exposed, clicked });
    });
  }

  // Optional: [{toolId, rank, score}], distinct tools of the catalog, ranks integers >= 1.
  let retrievedTools: RetrievedToolRef[] | null = null;
  const refs = raw.retrievedTools;
  if (refs !== undefined && refs !== null) {
    if (!Array.isArray(refs)) problem("retrievedTools", "must be a list of {toolId, rank, score}");
    else if (refs.length > IMPRESSION_LIMITS.retrievedTools) problem("retrievedTools", `has ${refs.length} tools; at most ${IMPRESSION_LIMITS.retrievedTools}`);
    else {
      retrievedTools = [];
      const seen = new Set<string>();
      refs.forEach((r, i) => {
        const field = `retrievedTools[${i}]`;
        if (!isRecord(r)) return void problem(field, "must be an object {toolId, rank, score}");
        const { toolId, rank, score } = r;
        if (typeof toolId !== "string" || toolId === "") problem(`${field}.toolId`, "must be a tool id");
        else if (!toolExists(toolId)) problem(`${field}.toolId`, `unknown tool "${toolId}"`);
        else if (seen.has(toolId)) problem(`${field}.toolId`, `tool "${toolId}" is listed twice`);
        if (typeof rank !== "number" || !Number.isInteger(rank) || rank < 1 || rank > 1000) problem(`${field}.rank`, "must be an integer from 1 to 1000");
        if (score !== undefined && score !== null && (typeof score !== "number" || !Number.isFinite(score))) problem(`${field}.score`, "must be a finite number");
        if (typeof toolId === "string" && typeof rank === "number") {
          seen.add(toolId);
          retrievedTools!.push({ toolId, rank, score: typeof score === "number" ? score : 0 });
        }
      });
    }
  }

  const reportedId = id === "" ? null : id;
  if (problems.length > 0 || timestamp === null) return { ok: false, id: reportedId, message: problems.join("; ") };
  return {
    ok: true,
    value: { id, userId, timestamp, userQuery, assistantResponse, history, suggestions, desirable: isDesirable(suggestions), retrievedTools },
  };
}

// SysToolkit writes and reads: the only code that changes tools. Every change is validated,
// runs in one transaction and leaves a revision (before/after snapshot, actor, time).
import {
  checkText,
  ConflictError,
  jsonEqual,
  MAX_INVOCATION_COUNT,
  NotFoundError,
  ValidationError,
  normalizeText,
  validateToolFields,
  type FieldError,
} from "@toolrec/core";
import { Prisma, type PrismaClient, type Tool, type ToolActionType } from "./generated/client.js";
import { CATALOG_ACTION_TYPES } from "./catalog/load.js";

export const TOOL_ACTION_TYPES: readonly ToolActionType[] = CATALOG_ACTION_TYPES;

export interface GroundingEntry { source: string; id?: string; reason?: string }

/** A tool as written by curators, seeds and imports. */
export interface ToolInput {
  id: string;
  name: string;
  description: string;
  categoryId: string;
  canonicalQuery: string;
  utterances: string[];
  /** Situations a user describes (document expansion, issue 12); absent means none. */
  situations?: string[] | null;
  parameters?: unknown;
  actionType: ToolActionType;
  grounding?: GroundingEntry[] | null;
  popularity?: number | null;
  invocationCount?: number | null;
  enabled?: boolean | null;
}

export type ToolPatch = Partial<Omit<ToolInput, "id">>;

/** The fields a revision snapshots. */
export type ToolSnapshot = Omit<Tool, "createdAt" | "updatedAt" | "canonicalKey" | "searchVector">;

type Tx = Prisma.TransactionClient;

const SNAPSHOT_FIELDS = [
  "id", "name", "description", "categoryId", "canonicalQuery", "utterances", "situations", "parameters",
  "actionType", "grounding", "popularity", "invocationCount", "enabled", "version",
] as const;

export function snapshot(tool: Tool): ToolSnapshot {
  const out: Record<string, unknown> = {};
  for (const f of SNAPSHOT_FIELDS) out[f] = (tool as Record<string, unknown>)[f];
  return out as ToolSnapshot;
}

/** Field-level differences between two snapshots (for revision diffs). */
export function diffSnapshots(before: Partial<ToolSnapshot> | null, after: Partial<ToolSnapshot> | null): { field: string; before: unknown; after: unknown }[] {
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const f of SNAPSHOT_FIELDS) {
    if (f === "version") continue;
    // Revisions written before situations existed have no such key: the same as none.
    const missing = f === "situations" ? [] : null;
    const b = before?.[f] ?? missing;
    const a = after?.[f] ?? missing;
    if (!jsonEqual(b, a)) changes.push({ field: f, before: b, after: a });
  }
  return changes;
}

const GROUNDING_TEXT = { min: 1, max: 300, kind: "line" } as const;

function validateGrounding(g: unknown): FieldError[] {
  if (g === undefined || g === null) return [];
  if (!Array.isArray(g)) return [{ field: "grounding", message: "grounding must be a list of {source, id} or {source: \"oem\", reason}" }];
  if (g.length > 20) return [{ field: "grounding", message: `grounding must have at most 20 entries, got ${g.length}` }];
  const errors: FieldError[] = [];
  g.forEach((e, i) => {
    const entry = e as GroundingEntry;
    if (!entry || typeof entry.source !== "string" || !entry.source) return void errors.push({ field: `grounding[${i}]`, message: "each grounding entry needs a source" });
    if (entry.source === "oem" ? !entry.reason : !entry.id) {
      return void errors.push({ field: `grounding[${i}]`, message: entry.source === "oem" ? "an oem grounding needs a one-line reason" : "a grounding entry needs the identifier (id)" });
    }
    for (const key of ["source", "id", "reason"] as const) {
      const problem = entry[key] === undefined ? null : checkText(entry[key], GROUNDING_TEXT);
      if (problem !== null) errors.push({ field: `grounding[${i}].${key}`, message: problem });
    }
  });
  return errors;
}

/** Field checks that need no database. */
export function validateToolInput(input: Partial<ToolInput>, partial: boolean): FieldError[] {
  // invocationCount is optional on create and import (it starts at 0)
  const fields = !partial && input.invocationCount == null ? { ...input, invocationCount: 0 } : input;
  const errors = [...validateToolFields(fields as Record<string, unknown>, { partial })];
  if ((!partial || input.actionType !== undefined) && !TOOL_ACTION_TYPES.includes(input.actionType as ToolActionType)) {
    errors.push({ field: "actionType", message: `actionType must be one of ${TOOL_ACTION_TYPES.join(", ")}` });
  }
  if (!partial || input.categoryId !== undefined) {
    const problem = typeof input.categoryId !== "string" || !input.categoryId ? "categoryId is required" : checkText(input.categoryId, { min: 1, max: 80, kind: "line" });
    if (problem !== null) errors.push({ field: "categoryId", message: problem });
  }
  if (input.popularity != null && (!Number.isInteger(input.popularity) || input.popularity < 1 || input.popularity > 10)) {
    errors.push({ field: "popularity", message: "popularity must be an integer from 1 to 10" });
  }
  errors.push(...validateGrounding(input.grounding));
  return errors;
}

async function assertCategory(tx: Tx, categoryId: string | undefined) {
  if (categoryId === undefined) return;
  const found = await tx.category.findUnique({ where: { id: categoryId }, select: { id: true } });
  if (!found) throw new ValidationError("categoryId", `unknown category "${categoryId}"`);
}

async function assertCanonicalFree(tx: Tx, canonicalQuery: string | undefined, exceptId: string) {
  if (canonicalQuery === undefined) return;
  const holder = await tx.tool.findUnique({ where: { canonicalKey: normalizeText(canonicalQuery) }, select: { id: true } });
  if (holder && holder.id !== exceptId) {
    throw new ValidationError("canonicalQuery", `canonical query "${canonicalQuery}" is already used by ${holder.id}`);
  }
}

function toData(input: Partial<ToolInput>) {
  const data: Record<string, unknown> = {};
  for (const key of ["name", "description", "categoryId", "canonicalQuery", "utterances", "situations", "actionType", "popularity", "invocationCount", "enabled"] as const) {
    if (input[key] !== undefined && input[key] !== null) data[key] = input[key];
  }
  if (input.canonicalQuery !== undefined) data.canonicalKey = normalizeText(input.canonicalQuery);
  if (input.parameters !== undefined) data.parameters = input.parameters === null ? Prisma.DbNull : (input.parameters as Prisma.InputJsonValue);
  if (input.grounding !== undefined && input.grounding !== null) data.grounding = input.grounding as unknown as Prisma.InputJsonValue;
  if (input.popularity === null) data.popularity = null;
  return data;
}

function json(v: unknown): Prisma.InputJsonValue {
  return v as Prisma.InputJsonValue;
}

export async function createTool(db: PrismaClient, input: ToolInput, actor: string): Promise<Tool> {
  const errors = validateToolInput(input, false);
  if (errors.length) throw ValidationError.fromFieldErrors(errors);
  const checks = async (tx: Tx) => {
    if (await tx.tool.findUnique({ where: { id: input.id }, select: { id: true } })) {
      throw new ValidationError("id", `a tool with id "${input.id}" already exists`);
    }
    await assertCategory(tx, input.categoryId);
    await assertCanonicalFree(tx, input.canonicalQuery, input.id);
  };
  try {
    return await db.$transaction(async (tx) => {
      await checks(tx);
      const tool = await tx.tool.create({ data: { id: input.id, ...toData(input) } as Prisma.ToolUncheckedCreateInput });
      await tx.toolRevision.create({ data: { toolId: tool.id, version: tool.version, action: "CREATE", after: json(snapshot(tool)), actor } });
      return tool;
    });
  } catch (err) {
    // A concurrent create of the same id (or canonical query) committed between our checks
    // and our insert: the checks, run again, now name the field.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") await checks(db as unknown as Tx);
    throw err;
  }
}

/** Optimistic concurrency: applies the patch only if `version` is the stored version. */
export async function updateTool(db: PrismaClient, id: string, version: number, patch: ToolPatch, actor: string): Promise<Tool> {
  const errors = validateToolInput(patch, true);
  if (errors.length) throw ValidationError.fromFieldErrors(errors);
  return db.$transaction(async (tx) => {
    const before = await tx.tool.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("tool", id);
    if (before.version !== version) {
      throw new ConflictError(`tool ${id} is at version ${before.version}, not ${version}: someone else saved it first`, before.version);
    }
    await assertCategory(tx, patch.categoryId);
    await assertCanonicalFree(tx, patch.canonicalQuery, id);
    // The version guard in the WHERE clause keeps this safe against a concurrent writer too.
    const { count } = await tx.tool.updateMany({ where: { id, version }, data: { ...toData(patch), version: { increment: 1 } } });
    if (count !== 1) throw new ConflictError(`tool ${id} changed while saving; reload and retry`);
    const after = (await tx.tool.findUnique({ where: { id } }))!;
    await tx.toolRevision.create({
      data: { toolId: id, version: after.version, action: "UPDATE", before: json(snapshot(before)), after: json(snapshot(after)), actor },
    });
    return after;
  });
}

export async function deleteTool(db: PrismaClient, id: string, version: number, actor: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.tool.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("tool", id);
    if (before.version !== version) throw new ConflictError(`tool ${id} is at version ${before.version}, not ${version}`, before.version);
    await tx.tool.delete({ where: { id } });
    await tx.toolRevision.create({ data: { toolId: id, version: version + 1, action: "DELETE", before: json(snapshot(before)), actor } });
  });
}

export interface InvocationCountUpdate { toolId: string; invocationCount?: number | null; increment?: number | null }

/**
 * Sets or increments invocation counts in one transaction: all or nothing. Updates apply in
 * order and every count stays an integer from 0 to MAX_INVOCATION_COUNT (a PostgreSQL
 * integer): an increment past either end is a ValidationError on that update.
 */
export async function updateInvocationCounts(db: PrismaClient, updates: InvocationCountUpdate[]): Promise<number> {
  updates.forEach((u, i) => {
    const hasSet = u.invocationCount != null;
    const hasInc = u.increment != null;
    if (hasSet === hasInc) throw new ValidationError(`updates[${i}]`, "give exactly one of invocationCount or increment");
    const v = hasSet ? u.invocationCount! : u.increment!;
    const range = hasSet ? [0, MAX_INVOCATION_COUNT] : [-MAX_INVOCATION_COUNT, MAX_INVOCATION_COUNT];
    if (!Number.isInteger(v) || v < range[0]! || v > range[1]!) {
      throw new ValidationError(`updates[${i}].${hasSet ? "invocationCount" : "increment"}`, `must be an integer from ${range[0]} to ${range[1]}`);
    }
  });
  return db.$transaction(async (tx) => {
    for (const [i, u] of updates.entries()) {
      const inc = u.increment ?? 0;
      const { count } =
        u.invocationCount != null
          ? await tx.tool.updateMany({ where: { id: u.toolId }, data: { invocationCount: u.invocationCount } })
          : await tx.tool.updateMany({
              // Only where the result stays in 0..MAX: PostgreSQL would fail the statement otherwise.
              where: { id: u.toolId, invocationCount: inc >= 0 ? { lte: MAX_INVOCATION_COUNT - inc } : { gte: -inc } },
              data: { invocationCount: { increment: inc } },
            });
      if (count > 0) continue;
      const tool = await tx.tool.findUnique({ where: { id: u.toolId }, select: { invocationCount: true } });
      if (!tool) throw new ValidationError(`updates[${i}].toolId`, `unknown tool "${u.toolId}"`);
      throw new ValidationError(
        `updates[${i}].increment`,
        inc >= 0
          ? `${u.toolId}'s count ${tool.invocationCount} + ${inc} would pass ${MAX_INVOCATION_COUNT}`
          : `${u.toolId}'s count ${tool.invocationCount} - ${-inc} would be negative`,
      );
    }
    return updates.length;
  });
}

export interface ImportRowError { index: number; id: string | null; field: string | null; message: string }
export interface ImportReport { dryRun: boolean; created: number; updated: number; unchanged: number; skipped: number; errors: ImportRowError[] }

/**
 * Upserts tools by id. Every row is validated first; with any invalid row nothing is written
 * unless `skipInvalid`, in which case the valid rows are written and the rest reported.
 */
export async function importTools(
  db: PrismaClient,
  rows: ToolInput[],
  opts: { dryRun?: boolean; skipInvalid?: boolean; actor: string },
): Promise<ImportReport> {
  const report: ImportReport = { dryRun: !!opts.dryRun, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [] };
  const categories = new Set((await db.category.findMany({ select: { id: true } })).map((c) => c.id));
  const existing = new Map((await db.tool.findMany()).map((t) => [t.id, t]));
  const canonicalOwner = new Map([...existing.values()].map((t) => [t.canonicalKey, t.id]));
  const seenIds = new Set<string>();
  const valid: ToolInput[] = [];
  rows.forEach((row, index) => {
    const id = typeof row?.id === "string" ? row.id : null;
    const errors = validateToolInput(row ?? {}, false);
    if (row && typeof row.categoryId === "string" && !categories.has(row.categoryId)) errors.push({ field: "categoryId", message: `unknown category "${row.categoryId}"` });
    if (id && seenIds.has(id)) errors.push({ field: "id", message: `id "${id}" appears more than once in the file` });
    if (row && typeof row.canonicalQuery === "string") {
      const key = normalizeText(row.canonicalQuery);
      const owner = canonicalOwner.get(key);
      if (owner && owner !== id) errors.push({ field: "canonicalQuery", message: `canonical query "${row.canonicalQuery}" is already used by ${owner}` });
      else if (id) canonicalOwner.set(key, id);
    }
    if (id) seenIds.add(id);
    if (errors.length) for (const e of errors) report.errors.push({ index, id, field: e.field, message: e.message });
    else valid.push(row);
  });
  if (report.errors.length && !opts.skipInvalid) return report;
  report.skipped = rows.length - valid.length;

  const creates: ToolInput[] = [];
  const updates: { row: ToolInput; before: Tool }[] = [];
  for (const row of valid) {
    const before = existing.get(row.id);
    if (!before) creates.push(row);
    else {
      const incoming = { ...snapshot(before), ...normalizeRow(row), version: before.version };
      if (diffSnapshots(snapshot(before), incoming).length === 0) report.unchanged++;
      else updates.push({ row, before });
    }
  }
  report.created = creates.length;
  report.updated = updates.length;
  if (opts.dryRun) return report;

  await db.$transaction(
    async (tx) => {
      if (creates.length) {
        await tx.tool.createMany({ data: creates.map((r) => ({ id: r.id, ...toData(r) }) as Prisma.ToolCreateManyInput) });
        const created = await tx.tool.findMany({ where: { id: { in: creates.map((r) => r.id) } } });
        await tx.toolRevision.createMany({
          data: created.map((t) => ({ toolId: t.id, version: t.version, action: "CREATE" as const, after: json(snapshot(t)), actor: opts.actor })),
        });
      }
      for (const { row, before } of updates) {
        const after = await tx.tool.update({ where: { id: row.id }, data: { ...toData(row), version: { increment: 1 } } });
        await tx.toolRevision.create({
          data: { toolId: row.id, version: after.version, action: "UPDATE", before: json(snapshot(before)), after: json(snapshot(after)), actor: opts.actor },
        });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return report;
}

/** A row's values as they would be stored, for comparing with the stored tool. */
function normalizeRow(row: ToolInput): Partial<ToolSnapshot> {
  const out: Record<string, unknown> = {};
  for (const f of SNAPSHOT_FIELDS) {
    const v = (row as unknown as Record<string, unknown>)[f];
    if (v !== undefined) out[f] = v;
  }
  return out as Partial<ToolSnapshot>;
}

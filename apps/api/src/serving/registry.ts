// The serving registry's writes (issue 10): model versions (create, activate, roll back, from a
// training run) and experiments (start, stop). Each is one transaction; the partial unique
// indexes of the migration keep exactly one default and at most one running experiment even
// when two engineers act at once.
import crypto from "node:crypto";
import { ConflictError, NotFoundError, RANKER_BASE_MODEL, RANKER_WEIGHTS_ARTIFACT, ValidationError } from "@toolrec/core";
import { Prisma, registerModelVersion, type Db, type ModelVersion } from "@toolrec/db";
import { validateExperimentArms, validateModelVersionSettings, type RankerSettings } from "@toolrec/recommender";
import type { ArtifactStore } from "../training/artifact-store.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/u;
const NOTES_MAX = 4000;

export interface ModelVersionInput {
  name: string;
  settings: unknown;
  notes?: string | null;
  trainingRunId?: string | null;
  activate?: boolean | null;
}

function checkNotes(notes: string | null | undefined): string | null {
  if (notes === null || notes === undefined) return null;
  if (notes.length > NOTES_MAX) throw new ValidationError("notes", `notes are longer than ${NOTES_MAX} characters`);
  return notes;
}

const uniqueName = (name: string) => (err: unknown): never => {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new ValidationError("name", `a model version named "${name}" already exists`);
  throw err;
};

export async function createModelVersion(db: Db, input: ModelVersionInput, actor: string): Promise<ModelVersion> {
  const name = input.name.trim();
  if (!NAME.test(name)) throw new ValidationError("name", "name must be 1 to 63 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
  const settings = validateModelVersionSettings(input.settings, "settings");
  const notes = checkNotes(input.notes);
  let baseModel: string | null = null;
  if (input.trainingRunId) {
    const run = await db.trainingRun.findUnique({ where: { id: input.trainingRunId }, select: { baseModel: true } });
    if (!run) throw new ValidationError("trainingRunId", `no training run ${input.trainingRunId}`);
    baseModel = run.baseModel;
  }
  const created = await db.modelVersion
    .create({
      data: { id: `mv_${crypto.randomBytes(8).toString("hex")}`, name, kind: settings.kind, settings: settings as unknown as Prisma.InputJsonValue, notes, trainingRunId: input.trainingRunId ?? null, baseModel, createdBy: actor },
    })
    .catch(uniqueName(name));
  return input.activate ? activateModelVersion(db, created.id, actor) : created;
}

export interface FromRunInput {
  runId: string;
  name: string;
  baseUrl?: string | null;
  api?: string | null;
  apiKeyEnv?: string | null;
  temperature?: number | null;
  maxTokens?: number | null;
  timeoutMs?: number | null;
  notes?: string | null;
  activate?: boolean | null;
}

/** A ranker.json is ten numbers and a few names; anything much larger is not one. */
const RANKER_FILE_MAX_BYTES = 1 << 20;

/**
 * A `toolrec/ranker` run's weights as ranker settings, read once from its ranker.json artifact
 * and then stored inline in the version (settings.ts: the version is self-contained). Null when
 * the run is not a ranker run (or does not exist: the registration reports that). A run that
 * has not succeeded, has no ranker.json, or whose file is not valid weights is a ValidationError
 * on `runId`.
 */
export async function rankerSettingsOfRun(db: Db, store: ArtifactStore, runId: string): Promise<{ settings: RankerSettings; path: string } | null> {
  const run = await db.trainingRun.findUnique({ where: { id: runId }, select: { baseModel: true, status: true } });
  if (!run || run.baseModel !== RANKER_BASE_MODEL) return null;
  if (run.status !== "SUCCEEDED") throw new ValidationError("runId", `training run ${runId} is ${run.status}; only a succeeded run has weights to register`);
  const artifact = await db.trainingRunArtifact.findUnique({ where: { runId_path: { runId, path: RANKER_WEIGHTS_ARTIFACT } } });
  if (!artifact) throw new ValidationError("runId", `training run ${runId} has no ${RANKER_WEIGHTS_ARTIFACT} artifact`);
  if (artifact.bytes > RANKER_FILE_MAX_BYTES) throw new ValidationError("runId", `${RANKER_WEIGHTS_ARTIFACT} of run ${runId} is ${artifact.bytes} bytes: not a ranker weights file`);
  const object = await store.get(artifact.storageKey);
  if (!object) throw new ValidationError("runId", `${RANKER_WEIGHTS_ARTIFACT} of run ${runId} is missing from the ${store.description}`);
  const chunks: Buffer[] = [];
  for await (const c of object.body) chunks.push(Buffer.from(c as Buffer));
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ValidationError("runId", `${RANKER_WEIGHTS_ARTIFACT} of run ${runId} is not JSON`);
  }
  try {
    const settings = validateModelVersionSettings({ ...(doc as object), kind: "ranker" }, "settings") as RankerSettings;
    return { settings, path: store.locate(artifact.storageKey) };
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError("runId", `${RANKER_WEIGHTS_ARTIFACT} of run ${runId} is not usable ranker weights: ${err.message}`);
    throw err;
  }
}

const SERVER_FIELDS = ["baseUrl", "api", "apiKeyEnv", "temperature", "maxTokens", "timeoutMs"] as const;

/**
 * A succeeded run as a version: its adapter as an openai version (adapterPath is where the store
 * keeps it), or, when `ranker` is given (rankerSettingsOfRun), its weights as a ranker version.
 */
export async function createModelVersionFromRun(
  db: Db,
  input: FromRunInput,
  adapterPath: string,
  actor: string,
  defaultBaseUrl: string,
  ranker: { settings: RankerSettings; path: string } | null = null,
): Promise<ModelVersion> {
  const name = input.name.trim();
  if (ranker) {
    // A ranker is served inside the API: a model server's settings would be silently ignored.
    const given = SERVER_FIELDS.find((f) => input[f] !== null && input[f] !== undefined);
    if (given) throw new ValidationError(`input.${given}`, `${given} is a model server's setting; a toolrec/ranker run is served from its weights by the API itself`);
    const created = await registerModelVersion(db, input.runId, name, ranker.path, actor, { settings: ranker.settings as unknown as Record<string, unknown>, notes: checkNotes(input.notes) });
    return input.activate ? activateModelVersion(db, created.id, actor) : created;
  }
  const settings = validateModelVersionSettings(
    {
      kind: "openai",
      baseUrl: input.baseUrl ?? defaultBaseUrl,
      model: name,
      api: input.api ?? "completions",
      apiKeyEnv: input.apiKeyEnv ?? null,
      temperature: input.temperature ?? undefined,
      maxTokens: input.maxTokens ?? undefined,
      timeoutMs: input.timeoutMs ?? undefined,
    },
    "input",
  );
  const created = await registerModelVersion(db, input.runId, name, adapterPath, actor, { settings: settings as unknown as Record<string, unknown>, notes: checkNotes(input.notes) });
  return input.activate ? activateModelVersion(db, created.id, actor) : created;
}

export async function updateModelVersionNotes(db: Db, id: string, notes: string | null): Promise<ModelVersion> {
  const n = checkNotes(notes);
  try {
    return await db.modelVersion.update({ where: { id }, data: { notes: n } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025") throw new NotFoundError("model version", id);
    throw err;
  }
}

async function makeDefault(tx: Prisma.TransactionClient, id: string): Promise<ModelVersion> {
  await tx.modelVersion.updateMany({ where: { isDefault: true, NOT: { id } }, data: { isDefault: false } });
  return tx.modelVersion.update({ where: { id }, data: { isDefault: true, activatedAt: new Date() } });
}

/** Makes a version the default (a no-op when it is already). */
export async function activateModelVersion(db: Db, id: string, actor: string): Promise<ModelVersion> {
  return db.$transaction(async (tx) => {
    const v = await tx.modelVersion.findUnique({ where: { id } });
    if (!v) throw new NotFoundError("model version", id);
    validateModelVersionSettings(v.settings, "settings"); // never make a broken version the default
    if (v.isDefault) return v;
    await tx.modelVersionActivation.create({ data: { modelVersionId: id, activatedBy: actor } });
    return makeDefault(tx, id);
  });
}

/** The newest activation is undone: the version active before it is the default again. */
export async function rollbackModelVersion(db: Db): Promise<ModelVersion> {
  return db.$transaction(async (tx) => {
    const live = await tx.modelVersionActivation.findMany({ where: { rolledBackAt: null }, orderBy: { id: "desc" }, take: 50 });
    const current = live[0];
    const previous = live.find((a) => current && a.modelVersionId !== current.modelVersionId);
    if (!current || !previous) throw new NotFoundError("earlier default model version to roll back to", "(none)");
    await tx.modelVersionActivation.updateMany({ where: { id: { gte: previous.id + 1 }, rolledBackAt: null }, data: { rolledBackAt: new Date() } });
    return makeDefault(tx, previous.modelVersionId);
  });
}

export interface StartExperimentInput {
  name: string;
  arms: { modelVersionId: string; percent: number }[];
  controlModelVersionId?: string | null;
  notes?: string | null;
}

export async function startExperiment(db: Db, input: StartExperimentInput, actor: string) {
  const name = input.name.trim();
  if (name === "" || name.length > 200) throw new ValidationError("name", "name must be 1 to 200 characters");
  const arms = validateExperimentArms(input.arms, "arms");
  const notes = checkNotes(input.notes);
  const versions = await db.modelVersion.findMany({ where: { id: { in: arms.map((a) => a.modelVersionId) } } });
  arms.forEach((a, i) => {
    if (!versions.some((v) => v.id === a.modelVersionId)) throw new ValidationError(`arms[${i}].modelVersionId`, `no model version ${a.modelVersionId}`);
  });
  let control = input.controlModelVersionId ?? null;
  if (control !== null && !arms.some((a) => a.modelVersionId === control)) throw new ValidationError("controlModelVersionId", "the control must be one of the arms");
  control ??= versions.find((v) => v.isDefault)?.id ?? arms[0]!.modelVersionId;
  const id = `exp_${crypto.randomBytes(8).toString("hex")}`;
  try {
    return await db.experiment.create({
      data: {
        id, name, status: "RUNNING", controlModelVersionId: control, notes, createdBy: actor,
        arms: { create: arms.map((a, position) => ({ modelVersionId: a.modelVersionId, percent: a.percent, position })) },
      },
      include: { arms: { orderBy: { position: "asc" } } },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const running = await db.experiment.findFirst({ where: { status: "RUNNING" } });
      throw new ConflictError(`experiment ${running?.name ?? ""} (${running?.id ?? "?"}) is running; stop it first`);
    }
    throw err;
  }
}

export async function stopExperiment(db: Db, id: string, actor: string) {
  const exp = await db.experiment.findUnique({ where: { id } });
  if (!exp) throw new NotFoundError("experiment", id);
  if (exp.status !== "RUNNING") return db.experiment.findUniqueOrThrow({ where: { id }, include: { arms: { orderBy: { position: "asc" } } } });
  return db.experiment.update({ where: { id }, data: { status: "STOPPED", stoppedAt: new Date(), stoppedBy: actor }, include: { arms: { orderBy: { position: "asc" } } } });
}

import { DateTime, JSON as JSONScalar } from "./scalars.js";
import { toolkitResolvers } from "./toolkit.js";
import { keyResolvers } from "./keys.js";
import { auditResolvers } from "./audit.js";
import { servingResolvers } from "./serving.js";
import { impressionResolvers } from "./impressions.js";
import { preferenceResolvers } from "./preference.js";
import { retrievalResolvers } from "./retrieval.js";
import { calibrationDefaultsResolvers } from "./calibration-defaults.js";
import { trainingResolvers } from "./training.js";
import { offlineExperimentResolvers } from "./offline-experiments.js";

const parts = [toolkitResolvers, keyResolvers, auditResolvers, servingResolvers, impressionResolvers, preferenceResolvers, retrievalResolvers, calibrationDefaultsResolvers, trainingResolvers, offlineExperimentResolvers] as Record<string, Record<string, unknown>>[];

function merge(...maps: Record<string, Record<string, unknown>>[]) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const m of maps) for (const [type, fields] of Object.entries(m)) out[type] = { ...out[type], ...fields };
  return out;
}

export const resolvers = { DateTime, JSON: JSONScalar, ...merge(...parts) };

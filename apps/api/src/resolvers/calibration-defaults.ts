// The defaults of CalibrationConfigInput, from core (the paper's values), so clients show
// and reset to the numbers the API fills in rather than a copy of their own. ENGINEER/ADMIN.
import { DEFAULT_CALIBRATION_CONFIG } from "@toolrec/core";
import { CAN, requireRole } from "../auth.js";
import type { QueryResolvers } from "../generated/graphql.js";

// Typed by the generated resolver signatures (codegen.ts): the first resolver that uses them.
const calibrationDefaults: QueryResolvers["calibrationDefaults"] = (_parent, _args, ctx) => {
  requireRole(ctx.viewer, CAN.engineer);
  return { ...DEFAULT_CALIBRATION_CONFIG, s: DEFAULT_CALIBRATION_CONFIG.s ?? null };
};

export const calibrationDefaultsResolvers = { Query: { calibrationDefaults } };

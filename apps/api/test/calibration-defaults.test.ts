// calibrationDefaults: the config an omitted CalibrationConfigInput field takes, served so the
// console resets to the API's numbers instead of a copy (issue 9, item 4).
import { DEFAULT_CALIBRATION_CONFIG } from "@toolrec/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("embedded", { seed: false });
});
afterAll(async () => {
  await api?.close();
});

const QUERY = `{ calibrationDefaults { alpha gamma k mu muMode s userSide systemSide } }`;

describe("calibrationDefaults", () => {
  it("is core's default config, and what calibrationPreview fills in for an empty config", async () => {
    const res = await api.gql(QUERY);
    expect(res.errors).toBeUndefined();
    expect(res.data.calibrationDefaults).toEqual({ ...DEFAULT_CALIBRATION_CONFIG, s: null });
    const preview = await api.gql(`{ calibrationPreview(config: {}) { config { alpha gamma k mu muMode s userSide systemSide } } }`);
    expect(preview.data.calibrationPreview.config).toEqual(res.data.calibrationDefaults);
  });

  it("needs an ENGINEER or ADMIN key, like the rest of calibration", async () => {
    const created = await api.gql(`mutation { createApiKey(name: "curator for defaults", role: CURATOR) { key } }`);
    const res = await api.gql(QUERY, {}, created.data.createApiKey.key);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

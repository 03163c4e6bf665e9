import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // simulate --serve's test starts the API in process: graphql must load as Node loads it for
  // Apollo (the CJS build), or its types cross "realms" (see apps/api/vitest.config.ts).
  resolve: { alias: { graphql: require.resolve("graphql") } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 120000, hookTimeout: 120000 },
});

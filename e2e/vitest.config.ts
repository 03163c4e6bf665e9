import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// Browser end-to-end specs. The global setup starts the real API (fresh embedded
// PostgreSQL) and the built console on free ports; specs drive Debian chromium.
export default defineConfig({
  // Same as apps/api: Node (Apollo, graphql-tools) loads graphql's CJS build, so the API
  // started in the global setup must too, or graphql's instanceOf checks fail.
  resolve: { alias: { graphql: require.resolve("graphql") } },
  test: {
    name: "@toolrec/e2e",
    include: ["**/*.e2e.test.ts"],
    exclude: ["**/node_modules/**", "artifacts/**"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ["./support/global-setup.ts"],
  },
});

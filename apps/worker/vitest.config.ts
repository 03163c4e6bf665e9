import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // The end-to-end tests start the API in-process (Apollo loads graphql's CJS build; so must we).
  resolve: { alias: { graphql: require.resolve("graphql") } },
  test: {
    name: "@toolrec/worker",
    include: ["test/**/*.test.ts"],
    env: { TOOLREC_SEED_DEMO: "0" },
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // The trainer runs take the machine's 2 cores: one file at a time.
    fileParallelism: false,
  },
});

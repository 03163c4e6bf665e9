import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships CJS and ESM builds; Node (and so Apollo and graphql-tools) loads the CJS one,
  // so tests must too, or types cross "realms" (graphql's instanceOf check).
  resolve: { alias: { graphql: require.resolve("graphql") } },
  test: {
    include: ["test/**/*.test.ts"],
    // The demo click log (issue #4) is for `npm start`; tests build the data they assert on.
    env: { TOOLREC_SEED_DEMO: "0" },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Each file starts its own API and databases; two at once is what 2 cores take.
    maxWorkers: 2,
    minWorkers: 1,
  },
});

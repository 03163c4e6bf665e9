import { defineConfig } from "vitest/config";

// The repository's own scripts (npm start's supervisor) tested with dummy processes.
export default defineConfig({ test: { name: "scripts", include: ["test/**/*.test.ts"], testTimeout: 60_000 } });

import { defineConfig } from "vitest/config";

// Unit tests of the console's pure helpers (pages are covered by e2e/ in a real browser).
export default defineConfig({ test: { include: ["test/**/*.test.ts"] } });

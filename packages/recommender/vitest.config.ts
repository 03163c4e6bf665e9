import { defineConfig } from "vitest/config";
// Property tests and the 100k-user split are CPU-bound: on a loaded shared machine they can pass 5 s.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 30000 } });

import { defineConfig } from "vitest/config";

// One runner for the whole repo: every package/app with a vitest.config.ts is a project.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/api", "apps/console", "apps/worker", "e2e", "scripts"],
  },
});

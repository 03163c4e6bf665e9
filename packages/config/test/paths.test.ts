import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { catalogDir, dataDir, findRepoRoot, migrationsDir, modelsDir, repoRoot } from "../src/index.js";

describe("paths", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("finds the workspace root from any folder inside it", () => {
    expect(fs.existsSync(path.join(repoRoot, "turbo.json"))).toBe(true);
    expect(findRepoRoot(path.join(repoRoot, "packages", "config", "src"))).toBe(repoRoot);
    expect(fs.existsSync(path.join(catalogDir, "categories.json"))).toBe(true);
    expect(fs.existsSync(migrationsDir)).toBe(true);
  });

  it("refuses a folder outside any workspace", () => {
    expect(() => findRepoRoot(os.tmpdir())).toThrow(/no workspace root/);
  });

  it("follows TOOLREC_DATA_DIR and TOOLREC_MODELS_DIR, else folders in the repository", () => {
    delete process.env.TOOLREC_DATA_DIR;
    delete process.env.TOOLREC_MODELS_DIR;
    expect(dataDir()).toBe(path.join(repoRoot, ".data"));
    expect(modelsDir()).toBe(path.join(repoRoot, ".models"));
    process.env.TOOLREC_DATA_DIR = "/srv/toolrec";
    process.env.TOOLREC_MODELS_DIR = "relative-models";
    expect(dataDir()).toBe("/srv/toolrec");
    expect(modelsDir()).toBe(path.resolve("relative-models"));
  });
});

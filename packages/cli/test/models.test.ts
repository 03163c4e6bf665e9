// toolrec models list / fetch (issue #5): the local models folder and the offline message.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFixtureModel } from "@toolrec/retrieval/test-support";
import { cli } from "./run-cli.js";

let dir: string;


beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-cli-models-"));
  process.env.TOOLREC_MODELS_DIR = dir;
  // A hub address that refuses connections, so the offline path runs the same everywhere.
  process.env.HF_ENDPOINT = "http://127.0.0.1:9";
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("toolrec models", () => {
  it("lists an empty models folder with a hint, then the model folders it holds", async () => {
    const empty = await cli("models", "list");
    expect(empty.code).toBe(0);
    expect(empty.out).toContain(`No models in ${dir}`);
    expect(empty.out).toContain("toolrec models fetch HUB_ID");

    await writeFixtureModel(path.join(dir, "fixture-bert"), { kind: "bert", words: ["storage", "full", "phone"] });
    await writeFixtureModel(path.join(dir, "acme", "fixture-cross"), { kind: "cross-encoder", words: ["storage", "full"] });
    const listed = await cli("models", "list");
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`Models in ${dir}:`);
    expect(listed.out).toMatch(/acme\/fixture-cross {2}cross-encoder \(reranker; bert; fp32; /);
    expect(listed.out).toMatch(/fixture-bert {2}sentence-transformers \(embedder, mean pooling; bert; fp32; /);
  });

  it("fetch: says clearly that the hub cannot be reached and how to copy a model in, exit 1", async () => {
    const res = await cli("models", "fetch", "sentence-transformers/all-MiniLM-L6-v2");
    expect(res.code).toBe(1);
    expect(res.err).toContain("Cannot reach the model hub at 127.0.0.1:9 to fetch sentence-transformers/all-MiniLM-L6-v2");
    expect(res.err).toContain("To install it by hand");
    expect(res.err).toContain(path.join(dir, "sentence-transformers", "all-MiniLM-L6-v2", "config.json"));
    expect(fs.existsSync(path.join(dir, "sentence-transformers"))).toBe(false);
  });

  it("fetch: usage errors exit 2", async () => {
    expect((await cli("models", "fetch")).code).toBe(2);
    expect((await cli("models", "fetch", "not a hub id!")).code).toBe(2);
    expect((await cli("models", "fetch", "a/b", "--dtype", "fp64")).code).toBe(1);
    expect((await cli("models")).code).toBe(2);
  });
});

// The artifact stores behind one interface: the local folder (the default) and an S3-compatible
// bucket, here s3rver (a fake S3 server in Node that keeps objects on disk; it checks the access
// key but not Version 4 signatures, so the signer is checked against AWS's published example).
// Not tested against AWS S3, MinIO or R2.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import S3rver from "s3rver";
import { LocalArtifactStore, S3ArtifactStore, signV4, type ArtifactStore } from "../src/training/artifact-store.js";

let tmp: string;
let s3: S3rver;
let endpoint: string;
const BUCKET = "toolrec-artifacts";

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-store-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: path.join(tmp, "s3rver"), configureBuckets: [{ name: BUCKET, configs: [] }] });
  const address = (await s3.run()) as { port: number };
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const s3Store = () =>
  new S3ArtifactStore({ bucket: BUCKET, endpoint, region: "us-east-1", prefix: "toolrec/", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", stagingDir: path.join(tmp, "staging") });

async function stage(store: ArtifactStore, bytes: Buffer) {
  const file = path.join(store.stagingDir, crypto.randomBytes(6).toString("hex"));
  await fs.promises.writeFile(file, bytes);
  return { file, info: { bytes: bytes.length, sha256: crypto.createHash("sha256").update(bytes).digest("hex") } };
}

async function read(store: ArtifactStore, key: string) {
  const got = await store.get(key);
  if (!got) return null;
  const chunks: Buffer[] = [];
  for await (const c of got.body) chunks.push(c as Buffer);
  return { bytes: got.bytes, body: Buffer.concat(chunks) };
}

describe.each([
  ["a local folder", () => new LocalArtifactStore(path.join(tmp, "local"))],
  ["an S3-compatible bucket (s3rver)", () => s3Store()],
])("artifact store: %s", (_name, make) => {
  it("stores a staged file under its key, streams it back, replaces it, deletes it", async () => {
    const store = make();
    const bytes = crypto.randomBytes(300_000);
    const key = "run_abc/attempt-1/adapter/adapter_model.safetensors";
    const a = await stage(store, bytes);
    await store.putFile(key, a.file, a.info);
    expect(fs.existsSync(a.file)).toBe(false);
    const got = await read(store, key);
    expect(got?.bytes).toBe(bytes.length);
    expect(got?.body.equals(bytes)).toBe(true);
    const replacement = Buffer.from('{"r": 8}');
    const b = await stage(store, replacement);
    await store.putFile(key, b.file, b.info);
    expect((await read(store, key))?.body.toString()).toBe('{"r": 8}');
    expect(await store.get("run_abc/attempt-1/missing.json")).toBeNull();
    await store.delete([key]);
    expect(await store.get(key)).toBeNull();
    expect(store.locate("run_abc/attempt-1/adapter")).toMatch(/run_abc\/attempt-1\/adapter$/);
  });
});

describe("the S3 store's requests", () => {
  it("are signed as AWS's Signature Version 4 example for S3 (GET Object) says", () => {
    // docs.aws.amazon.com, "Signature Calculations for the Authorization Header", Example: GET Object.
    const headers = signV4({
      method: "GET",
      path: "/test.txt",
      host: "examplebucket.s3.amazonaws.com",
      region: "us-east-1",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      payloadSha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      headers: { Range: "bytes=0-9" },
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("name the access key (an unknown one is refused), and locate names the bucket", async () => {
    const bad = new S3ArtifactStore({ bucket: BUCKET, endpoint, accessKeyId: "NOT-A-KEY", secretAccessKey: "x", stagingDir: path.join(tmp, "staging") });
    const a = await stage(bad, Buffer.from("x"));
    await expect(bad.putFile("k/x.json", a.file, a.info)).rejects.toThrow(/HTTP 403 InvalidAccessKeyId/);
    expect(s3Store().locate("run_1/attempt-2/adapter")).toBe(`s3://${BUCKET}/toolrec/run_1/attempt-2/adapter`);
  });

  it("keep keys with characters to encode intact", async () => {
    const store = s3Store();
    const key = "run_x/attempt-1/logs/trainer log (1).log";
    const a = await stage(store, Buffer.from("hello"));
    await store.putFile(key, a.file, a.info);
    expect((await read(store, key))?.body.toString()).toBe("hello");
  });
});

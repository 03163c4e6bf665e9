// Where training-run artifacts live (issue 11): a local folder (default <dataDir>/artifacts)
// or an S3-compatible bucket. Uploads are first written to a staging folder on this machine
// while their sha256 is computed; only a verified file is handed to the store.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { Readable } from "node:stream";

export interface ArtifactStore {
  /** For logs: "local folder /x/.data/artifacts" or "S3 bucket b at http://...". */
  readonly description: string;
  /** A folder on this machine where uploads are written and hashed before they are stored. */
  readonly stagingDir: string;
  /** Moves a verified staged file into the store under `key` (replacing what was there). */
  putFile(key: string, file: string, info: { bytes: number; sha256: string }): Promise<void>;
  /** A stored object's bytes, or null when there is none. */
  get(key: string): Promise<{ body: Readable; bytes: number } | null>;
  delete(keys: readonly string[]): Promise<void>;
  /** Where a serving process finds the objects under `prefix`: an absolute folder, or an s3:// URL. */
  locate(prefix: string): string;
}

/** The key of a run's artifact: `<runId>/<path under the trainer's --out>`. */
export const artifactKey = (runId: string, artifactPath: string) => `${runId}/${artifactPath}`;

export class LocalArtifactStore implements ArtifactStore {
  readonly description: string;
  readonly stagingDir: string;
  constructor(readonly root: string) {
    this.description = `local folder ${root}`;
    // Inside the root, so the final rename never crosses file systems.
    this.stagingDir = path.join(root, ".staging");
    fs.mkdirSync(this.stagingDir, { recursive: true });
  }

  private file(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`artifact key "${key}" leaves the artifact folder`);
    return file;
  }

  async putFile(key: string, staged: string): Promise<void> {
    const file = this.file(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.rename(staged, file);
  }

  async get(key: string) {
    try {
      const stat = await fs.promises.stat(this.file(key));
      return { body: fs.createReadStream(this.file(key)), bytes: stat.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) await fs.promises.rm(this.file(key), { force: true });
  }

  locate(prefix: string): string {
    return this.file(prefix);
  }
}

export interface S3Config {
  bucket: string;
  /** e.g. http://127.0.0.1:9000 (MinIO); default https://s3.<region>.amazonaws.com. Path-style URLs. */
  endpoint?: string;
  region?: string;
  /** Prepended to every key, e.g. "toolrec/". */
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  stagingDir: string;
}

const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac("sha256", key).update(data).digest();
const sha256Hex = (data: string) => crypto.createHash("sha256").update(data).digest("hex");
/** RFC 3986 encoding of one path segment, as Signature Version 4 wants it. */
const encodeSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignV4Request {
  method: string;
  /** The URI-encoded path (no query string). */
  path: string;
  host: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  payloadSha256: string;
  /** Other headers to sign (e.g. range). */
  headers?: Record<string, string>;
  now?: Date;
}

/** AWS Signature Version 4 for S3 (service "s3"): the request's headers with Authorization. */
export function signV4(r: SignV4Request): Record<string, string> {
  const amzDate = (r.now ?? new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = { host: r.host, "x-amz-content-sha256": r.payloadSha256, "x-amz-date": amzDate };
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  if (r.sessionToken) headers["x-amz-security-token"] = r.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = [r.method, r.path, "", ...names.map((n) => `${n}:${headers[n]!.trim()}`), "", names.join(";"), r.payloadSha256].join("\n");
  const scope = `${date}/${r.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${r.secretAccessKey}`, date), r.region), "s3"), "aws4_request");
  const signature = crypto.createHmac("sha256", key).update(toSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope},SignedHeaders=${names.join(";")},Signature=${signature}`;
  return headers;
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...) over plain HTTP(S) with AWS Signature
 * Version 4, path-style URLs. No SDK: PUT, GET and DELETE of single objects are all it needs.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly description: string;
  readonly stagingDir: string;
  private readonly endpoint: URL;
  private readonly region: string;
  private readonly prefix: string;

  constructor(private readonly config: S3Config) {
    this.region = config.region || "us-east-1";
    this.endpoint = new URL(config.endpoint || `https://s3.${this.region}.amazonaws.com`);
    this.prefix = config.prefix ?? "";
    this.stagingDir = config.stagingDir;
    this.description = `S3 bucket ${config.bucket} at ${this.endpoint.origin}${this.prefix ? ` (prefix ${this.prefix})` : ""}`;
    fs.mkdirSync(this.stagingDir, { recursive: true });
  }

  private objectPath(key: string): string {
    const base = this.endpoint.pathname.replace(/\/$/, "");
    return `${base}/${encodeSegment(this.config.bucket)}/${`${this.prefix}${key}`.split("/").map(encodeSegment).join("/")}`;
  }

  private request(method: string, key: string, payloadSha256: string, extra: Record<string, string> = {}, body?: Readable): Promise<http.IncomingMessage> {
    const objectPath = this.objectPath(key);
    const c = this.config;
    const headers = { ...signV4({ method, path: objectPath, host: this.endpoint.host, region: this.region, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, payloadSha256 }), ...extra };
    const client = this.endpoint.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request({ method, protocol: this.endpoint.protocol, hostname: this.endpoint.hostname, port: this.endpoint.port || undefined, path: objectPath, headers }, resolve);
      req.once("error", reject);
      if (body) body.once("error", reject).pipe(req);
      else req.end();
    });
  }

  private async fail(res: http.IncomingMessage, what: string): Promise<never> {
    let text = "";
    for await (const chunk of res) text += chunk;
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`S3 ${what} answered HTTP ${res.statusCode}${code ? ` ${code}` : ""}`);
  }

  async putFile(key: string, file: string, info: { bytes: number; sha256: string }): Promise<void> {
    const res = await this.request("PUT", key, info.sha256, { "content-length": String(info.bytes), "content-type": "application/octet-stream" }, fs.createReadStream(file));
    if (res.statusCode !== 200) await this.fail(res, `PUT ${key}`);
    res.resume();
    await fs.promises.rm(file, { force: true });
  }

  async get(key: string) {
    const res = await this.request("GET", key, sha256Hex(""));
    if (res.statusCode === 404) {
      res.resume();
      return null;
    }
    if (res.statusCode !== 200) await this.fail(res, `GET ${key}`);
    return { body: res as Readable, bytes: Number(res.headers["content-length"] ?? 0) };
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const res = await this.request("DELETE", key, sha256Hex(""));
      if (res.statusCode !== 204 && res.statusCode !== 200 && res.statusCode !== 404) await this.fail(res, `DELETE ${key}`);
      res.resume();
    }
  }

  locate(prefix: string): string {
    return `s3://${this.config.bucket}/${this.prefix}${prefix}`;
  }
}

/**
 * The store the environment asks for: an S3 bucket when TOOLREC_ARTIFACTS_S3_BUCKET is set
 * (TOOLREC_ARTIFACTS_S3_ENDPOINT, _REGION, _PREFIX, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), else the folder TOOLREC_ARTIFACTS_DIR (default <dataDir>/artifacts).
 */
export function artifactStoreFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): ArtifactStore {
  const bucket = env.TOOLREC_ARTIFACTS_S3_BUCKET;
  if (bucket) {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new Error("TOOLREC_ARTIFACTS_S3_BUCKET is set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are needed too");
    return new S3ArtifactStore({
      bucket,
      endpoint: env.TOOLREC_ARTIFACTS_S3_ENDPOINT,
      region: env.TOOLREC_ARTIFACTS_S3_REGION ?? env.AWS_REGION,
      prefix: env.TOOLREC_ARTIFACTS_S3_PREFIX,
      accessKeyId,
      secretAccessKey,
      sessionToken: env.AWS_SESSION_TOKEN,
      stagingDir: path.join(dataDir, "artifacts-staging"),
    });
  }
  return new LocalArtifactStore(path.resolve(env.TOOLREC_ARTIFACTS_DIR || path.join(dataDir, "artifacts")));
}

// The worker's only way to the system: the API's GraphQL endpoint and its file routes, with
// the worker key. Never the database, so a GPU machine needs nothing but a URL and a key.
import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export class ApiError extends Error {
  constructor(message: string, readonly code: string, readonly field?: string, readonly status = 0) {
    super(message);
  }
  /** The lease is gone: stop working on the run. */
  get leaseLost(): boolean {
    return this.code === "LEASE_LOST";
  }
  /** Worth trying again (the API restarting, a network hiccup). */
  get transient(): boolean {
    return this.code === "NETWORK" || this.status >= 500;
  }
  /**
   * A claim that failed this way is tried again at the next poll: the API busy or limiting us,
   * or a run whose lease ran out while the API prepared it. A bad key or a worker the API
   * does not know stays fatal.
   */
  get claimRetryable(): boolean {
    return this.transient || this.leaseLost || ["CONFLICT", "UNAVAILABLE", "RATE_LIMITED"].includes(this.code);
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export class ApiClient {
  /** The API's origin and any path prefix: http://host:4000/graphql → http://host:4000 */
  readonly origin: string;

  constructor(readonly graphqlUrl: string, private readonly key: string) {
    this.origin = graphqlUrl.replace(/\/graphql\/?$/, "").replace(/\/$/, "");
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.key}`, ...extra };
  }

  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.graphqlUrl, {
        method: "POST",
        headers: this.headers({ "content-type": "application/json" }),
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new ApiError(`cannot reach the API at ${this.graphqlUrl}: ${(err as Error).message}`, "NETWORK");
    }
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ApiError(`the API answered HTTP ${res.status} without JSON`, "BAD_RESPONSE", undefined, res.status);
    }
    const e = body.errors?.[0];
    if (e) throw new ApiError(e.message, e.extensions?.code ?? "INTERNAL_SERVER_ERROR", e.extensions?.field, res.status);
    if (!body.data) throw new ApiError(`the API answered HTTP ${res.status} without data`, "BAD_RESPONSE", undefined, res.status);
    return body.data;
  }

  private async httpError(res: Response): Promise<ApiError> {
    let body: { error?: string; code?: string; field?: string } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // not JSON
    }
    return new ApiError(body.error ?? `HTTP ${res.status}`, body.code ?? (res.status >= 500 ? "INTERNAL_SERVER_ERROR" : `HTTP_${res.status}`), body.field, res.status);
  }

  /** GETs a path on the API origin into `file`; returns the bytes' sha256 and the server's X-Checksum-SHA256. */
  async download(pathname: string, file: string, headers: Record<string, string> = {}): Promise<{ sha256: string; declared: string | null; bytes: number }> {
    let res: Response;
    try {
      res = await fetch(`${this.origin}${pathname}`, { headers: this.headers(headers) });
    } catch (err) {
      throw new ApiError(`cannot reach the API at ${this.origin}: ${(err as Error).message}`, "NETWORK");
    }
    if (!res.ok || !res.body) throw await this.httpError(res);
    const hash = crypto.createHash("sha256");
    let bytes = 0;
    await pipeline(
      Readable.fromWeb(res.body as import("node:stream/web").ReadableStream<Uint8Array>),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(file),
    );
    return { sha256: hash.digest("hex"), declared: res.headers.get("x-checksum-sha256"), bytes };
  }

  async getJson<T>(pathname: string, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.origin}${pathname}`, { headers: this.headers(headers) });
    } catch (err) {
      throw new ApiError(`cannot reach the API at ${this.origin}: ${(err as Error).message}`, "NETWORK");
    }
    if (!res.ok) throw await this.httpError(res);
    return (await res.json()) as T;
  }

  /** PUTs a file (streamed) with its sha256, which the API checks. */
  async upload(pathname: string, file: string, headers: Record<string, string> = {}): Promise<{ sha256: string; bytes: number }> {
    const sha256 = await sha256File(file);
    const bytes = (await fs.promises.stat(file)).size;
    let res: Response;
    try {
      res = await fetch(`${this.origin}${pathname}`, {
        method: "PUT",
        headers: this.headers({ ...headers, "content-type": "application/octet-stream", "content-length": String(bytes), "x-checksum-sha256": sha256 }),
        body: Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream,
        duplex: "half",
      } as RequestInit);
    } catch (err) {
      throw new ApiError(`cannot reach the API at ${this.origin}: ${(err as Error).message}`, "NETWORK");
    }
    if (res.status !== 201) throw await this.httpError(res);
    await res.arrayBuffer();
    return { sha256, bytes };
  }
}

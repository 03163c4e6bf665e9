/**
 * The stand-in for vLLM in tests: a real HTTP server (node:http, loopback, a free port) that
 * speaks the part of the OpenAI protocol the `openai` generator uses — POST /v1/chat/completions,
 * POST /v1/completions, GET /v1/models — with no model behind it. It cannot run a language
 * model here, so by default it answers like one that follows the prompt: the tools' queries
 * listed in the prompt's "### Tools" section, then chat follow-ups, numbered, K lines. Tests
 * queue other answers (slow, malformed, failing, a dropped connection) with `reply()`.
 *
 * The same server works for the API's tests: point a model version's baseUrl at `url`.
 */

import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type StandInReply =
  /** 200 with an OpenAI-shaped answer whose content (chat) or text (completions) is `content`. */
  | { readonly content: string; readonly finishReason?: "stop" | "length"; readonly delayMs?: number }
  /** 200 with this JSON body as is (e.g. `{choices: []}`). */
  | { readonly json: unknown; readonly delayMs?: number }
  /** This status and body (e.g. 500, "internal error"). */
  | { readonly status: number; readonly body?: string; readonly delayMs?: number }
  /** 200 with a body that is not JSON. */
  | { readonly raw: string; readonly delayMs?: number }
  /** Close the connection without answering (the client sees a reset). */
  | { readonly reset: true };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
  readonly body: Record<string, unknown> | null;
}

export interface OpenAiStandIn {
  /** Base URL including /v1, for a model version's settings.baseUrl. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queue answers for the next requests, in order; afterwards the default answer. */
  reply(...replies: StandInReply[]): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Default 0 (a free port). */
  readonly port?: number;
  /** The model name it serves (GET /v1/models); any name is accepted in requests. Default "toolrec-standin". */
  readonly model?: string;
  /** Delay of the default answer (not of queued replies), e.g. 50 for a fixed-latency model in a benchmark. Default 0. */
  readonly delayMs?: number;
}

/** The prompt of a request (chat: the last user message; completions: prompt). */
function promptOf(body: Record<string, unknown> | null): string {
  if (!body) return "";
  if (typeof body.prompt === "string") return body.prompt;
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: string; content?: unknown }[]) : [];
  const last = [...messages].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}

/** What a prompt-following model would answer: the listed tools' queries, then chat follow-ups, K of them, numbered. */
export function standInAnswer(prompt: string): string {
  const k = Number(/suggest the (\d+) quer/u.exec(prompt)?.[1] ?? 6);
  const tools = [...prompt.matchAll(/^- "([^"]+)"/gmu)].map((m) => m[1]!);
  const chat = ["What else can I try?", "Tell me more", "Why does that happen?", "What should I do next?", "Can you explain that more simply?", "Can you give me an example?"];
  const lines = [...tools, ...chat, ...Array.from({ length: 12 }, (_, i) => `Another idea ${i + 1}`)].slice(0, k);
  return lines.map((l, i) => `${i + 1}. ${l}`).join("\n");
}

export async function startOpenAiStandIn(options: StandInOptions = {}): Promise<OpenAiStandIn> {
  const model = options.model ?? "toolrec-standin";
  const queue: StandInReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? "/").split("?")[0]!;
      requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization ?? null, body });

      const send = (status: number, payload: string, type = "application/json") => {
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(payload) });
        res.end(payload);
      };
      if (req.method === "GET" && path === "/v1/models") {
        return send(200, JSON.stringify({ object: "list", data: [{ id: model, object: "model", owned_by: "toolrec" }] }));
      }
      const chat = path === "/v1/chat/completions";
      if (req.method !== "POST" || !(chat || path === "/v1/completions")) {
        return send(404, JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: "not_found" } }));
      }
      if (!body) return send(400, JSON.stringify({ error: { message: "the body is not JSON", type: "invalid_request_error" } }));

      const reply: StandInReply = queue.shift() ?? { content: standInAnswer(promptOf(body)), delayMs: options.delayMs ?? 0 };
      if ("reset" in reply) {
        req.socket.destroy();
        return;
      }
      const answer = () => {
        if ("content" in reply) {
          const choice = chat
            ? { index: 0, message: { role: "assistant", content: reply.content }, finish_reason: reply.finishReason ?? "stop" }
            : { index: 0, text: reply.content, finish_reason: reply.finishReason ?? "stop" };
          send(200, JSON.stringify({ id: `cmpl-${requests.length}`, object: chat ? "chat.completion" : "text_completion", created: 0, model: body?.model ?? model, choices: [choice] }));
        } else if ("json" in reply) send(200, JSON.stringify(reply.json));
        else if ("status" in reply) send(reply.status, reply.body ?? "", "text/plain");
        else send(200, reply.raw, "text/plain");
      };
      const delay = reply.delayMs ?? 0;
      if (delay <= 0) return answer();
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, delay);
      timers.add(t);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    reply: (...replies) => void queue.push(...replies),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

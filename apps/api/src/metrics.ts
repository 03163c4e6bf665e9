// Prometheus metrics: GraphQL operations (by root field and outcome), errors (by code), plus
// Node's defaults. Every label takes values from a set the server decides, never from a
// client: an operation is labelled by the schema field it asks for ("tools",
// "createTool"), "multiple" when it asks for several, "other" when it never resolved; the
// client-chosen operation name is not a label (2,000 invented names would be 2,000 series).
//
// Access: on the API port /metrics needs an ADMIN or ENGINEER key (Authorization: Bearer,
// which Prometheus sends with `authorization: { credentials_file: ... }`). With
// TOOLREC_METRICS_PORT set, the same metrics are also served without a key on that port,
// bound to 127.0.0.1 only, for a scraper on the same machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import client from "prom-client";
import { Kind, type OperationDefinitionNode } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Request, Response } from "express";
import { CAN, requireRole, type KeyAuthenticator } from "./auth.js";
import { logInternalError, toGraphQLError } from "./errors.js";

/** The operation label: the one root field asked for, "multiple", or "other". */
export function operationLabel(operation: OperationDefinitionNode | undefined | null): string {
  if (!operation) return "other";
  const names = new Set<string>();
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD) return "multiple";
    if (sel.name.value !== "__typename") names.add(sel.name.value);
  }
  return names.size === 1 ? [...names][0]! : names.size === 0 ? "other" : "multiple";
}

/** Error codes are the server's, but keep the label well-formed whatever an error carries. */
const codeLabel = (code: unknown) => (typeof code === "string" && /^[A-Z][A-Z_]{0,39}$/.test(code) ? code : "OTHER");

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "toolrec_" });
  const operations = new client.Histogram({
    name: "toolrec_graphql_operation_duration_seconds",
    help: "GraphQL operation duration by root field (or multiple/other) and outcome",
    labelNames: ["operation", "outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new client.Counter({
    name: "toolrec_graphql_errors_total",
    help: "GraphQL errors by code",
    labelNames: ["code"],
    registers: [registry],
  });
  // Suggestion serving (issue 10): an OpenAI-compatible version that handed over to grounded,
  // and model answers no suggestion could be read from. Labels: the reason (a fixed set) only;
  // version names are operators' words, kept out of label values.
  const generatorFallbacks = new client.Counter({
    name: "toolrec_generator_fallbacks_total",
    help: "Suggestion requests where the model version's generator fell back to grounded, by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  const generatorParseFailures = new client.Counter({
    name: "toolrec_generator_parse_failures_total",
    help: "Model answers from which no usable suggestion could be parsed",
    registers: [registry],
  });
  const servedImpressions = new client.Counter({
    name: "toolrec_served_impressions_total",
    help: "Impressions served by suggestions and committed",
    registers: [registry],
  });
  const groupCommitBatch = new client.Histogram({
    name: "toolrec_impression_group_commit_size",
    help: "Impressions committed per group-commit transaction",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const end = operations.startTimer();
      return {
        async willSendResponse({ operation, errors: errs }) {
          end({ operation: operationLabel(operation), outcome: errs?.length ? "error" : "ok" });
        },
        async didEncounterErrors({ errors: errs }) {
          // Domain errors get their code in formatError; map them the same way here.
          for (const e of errs) errors.inc({ code: codeLabel(toGraphQLError(e.originalError)?.extensions.code ?? e.extensions?.code ?? "INTERNAL_SERVER_ERROR") });
        },
      };
    },
  };
  return { registry, plugin, generatorFallbacks, generatorParseFailures, servedImpressions, groupCommitBatch };
}

export type Metrics = ReturnType<typeof createMetrics>;

async function send(metrics: Metrics, res: Response | http.ServerResponse) {
  const body = await metrics.registry.metrics();
  res.statusCode = 200;
  res.setHeader("Content-Type", metrics.registry.contentType);
  res.end(body);
}

/** GET /metrics on the API port: an ADMIN or ENGINEER key is required. */
export function metricsRoute(metrics: Metrics, auth: KeyAuthenticator) {
  return async (req: Request, res: Response) => {
    try {
      requireRole(await auth.authenticate(req.headers.authorization), CAN.engineer);
    } catch (err) {
      const code = String((err as { extensions?: { code?: unknown } }).extensions?.code ?? "");
      if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") {
        res.status(code === "UNAUTHENTICATED" ? 401 : 403).json({ errors: [{ message: (err as Error).message, extensions: { code } }] });
        return;
      }
      const errorId = logInternalError(err, "GET /metrics");
      res.status(500).json({ errors: [{ message: `internal error (reference ${errorId})`, extensions: { code: "INTERNAL_SERVER_ERROR", errorId } }] });
      return;
    }
    await send(metrics, res);
  };
}

/** The keyless metrics listener on 127.0.0.1:port (TOOLREC_METRICS_PORT); answers only GET /metrics. */
export async function serveMetricsOnLoopback(metrics: Metrics, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url?.split("?")[0] === "/metrics") {
      send(metrics, res).catch((err) => {
        logInternalError(err, "metrics listener");
        res.statusCode = 500;
        res.end();
      });
      return;
    }
    res.statusCode = 404;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ errors: [{ message: "only GET /metrics is served here", extensions: { code: "NOT_FOUND" } }] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Prometheus metrics: HTTP requests and GraphQL operations (by name, outcome), plus Node's defaults.
import client from "prom-client";
import type { ApolloServerPlugin } from "@apollo/server";

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "toolrec_" });
  const operations = new client.Histogram({
    name: "toolrec_graphql_operation_duration_seconds",
    help: "GraphQL operation duration by operation name and outcome",
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
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const end = operations.startTimer();
      return {
        async willSendResponse({ operationName, errors: errs }) {
          end({ operation: operationName ?? "anonymous", outcome: errs?.length ? "error" : "ok" });
        },
        async didEncounterErrors({ errors: errs }) {
          for (const e of errs) errors.inc({ code: String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR") });
        },
      };
    },
  };
  return { registry, plugin };
}

// `npm run serve -w @toolrec/api`: serves the API on PORT (default 4000).
import "./production-env.js"; // first: before graphql and express load
import { startApi } from "./server.js";

const api = await startApi();
console.log(`[api] GraphQL ready at ${api.url}  (health: ${api.origin}/health, metrics: ${api.origin}/metrics with an ADMIN or ENGINEER key${api.metricsUrl ? `, or ${api.metricsUrl} without one` : ""})`);
console.log(`[api] admin API key: ${api.adminKeySource === "TOOLREC_ADMIN_API_KEY" ? "from TOOLREC_ADMIN_API_KEY" : `in ${api.adminKeySource}`}`);
const stop = async () => {
  await api.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

// Builds and starts the API: database (embedded PostgreSQL or DATABASE_URL), migrations, seed,
// admin key, Apollo Server on /graphql, /health and /metrics.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { CalibrationWindowCache, dataDir as defaultDataDir, openDatabase, seedCatalog, seedDemoImpressions, type Database } from "@toolrec/db";
import { ensureAdminKey, KeyAuthenticator } from "./auth.js";
import type { Context } from "./context.js";
import { developmentMode, formatError } from "./errors.js";
import { httpErrorHandler, MAX_BODY, notFound } from "./http-errors.js";
import { inputGuardPlugin } from "./input-guard.js";
import { limitsPlugin } from "./limits.js";
import { CatalogCache } from "./catalog-cache.js";
import { CatalogSignal } from "./catalog-signal.js";
import { JobRunner } from "./jobs.js";
import { createLoaders } from "./loaders.js";
import { createMetrics, metricsRoute, serveMetricsOnLoopback } from "./metrics.js";
import { RetrievalService, type RetrievalServiceOptions } from "./retrieval/service.js";
import { resolvers } from "./resolvers/index.js";
import { datasetRoutes } from "./routes/datasets.js";
import { trainingRunRoutes } from "./routes/training-runs.js";
import { TrainingService, type TrainingOptions } from "./training/service.js";
import { ServingService, type ServingOptions } from "./serving/service.js";
import { RateLimiter } from "./rate-limit.js";
import { loadTypeDefs } from "./schema/index.js";

export interface StartApiOptions {
  /** 0 = any free port. Default PORT or 4000. */
  port?: number;
  host?: string;
  /** Local state folder (embedded database, credentials). Default TOOLREC_DATA_DIR or <repo>/.data. */
  dataDir?: string;
  /** A PostgreSQL URL; null forces the embedded database even when DATABASE_URL is set. */
  databaseUrl?: string | null;
  /** Seed the catalog into an empty database (default true). */
  seed?: boolean;
  /** Also serve /metrics without a key on 127.0.0.1:<port> (0 = any free port). Default TOOLREC_METRICS_PORT; unset = off. */
  metricsPort?: number | null;
  log?: (line: string) => void;
  /** Training-run leases and artifacts (issue 11); defaults from the environment. */
  training?: TrainingOptions;
  /** Suggestion serving (issue 10); defaults from the environment. */
  serving?: ServingOptions;
  /** Retrieval settings beyond the environment's (the bench runs the earlier BM25 engine through it). */
  retrieval?: Pick<RetrievalServiceOptions, "lexical">;
}

export interface RunningApi {
  url: string;
  origin: string;
  adminApiKey: string;
  adminKeySource: string;
  database: Database;
  /** The keyless loopback metrics URL, when TOOLREC_METRICS_PORT (or metricsPort) is set. */
  metricsUrl: string | null;
  /** Background jobs (dataset builds); `jobs.idle()` waits for those running. */
  jobs: JobRunner;
  /** The "catalog changed" signal the caches subscribe to (issue 9 code item 7). */
  catalogSignal: CatalogSignal;
  close(): Promise<void>;
}

export function buildSchema() {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
}

export async function startApi(opts: StartApiOptions = {}): Promise<RunningApi> {
  const log = opts.log ?? ((line: string) => console.log(`[api] ${line}`));
  const dataDir = opts.dataDir ?? defaultDataDir();
  const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir, log });
  const where = database.url.replace(/\/\/[^@]*@/, "//"); // never the password
  log(`database: ${database.kind === "postgres" ? `PostgreSQL (DATABASE_URL) at ${where}` : `embedded PostgreSQL (${database.kind === "embedded" ? "started here" : "joined"}) at ${where}`}`);
  let loopbackMetrics: Awaited<ReturnType<typeof serveMetricsOnLoopback>> | null = null;
  let training: TrainingService | null = null;
  let serving: ServingService | null = null;
  let jobs: JobRunner | null = null;
  const catalogSignal = new CatalogSignal((line) => log(`catalog signal: ${line}`));
  try {
    if (opts.seed !== false) {
      const seeded = await seedCatalog(database.prisma);
      if (seeded.tools) log(`seeded ${seeded.tools.created} tools in ${seeded.categories} categories`);
      if (seeded.situationsBackfilled) log(`gave ${seeded.situationsBackfilled} tools the catalog's situations (database from before situations)`);
      await seedDemoImpressions(database.prisma, { log }); // issue #4: a demo click log + dataset on an empty database (TOOLREC_SEED_DEMO=0 skips)
    }
    const admin = await ensureAdminKey(database.prisma, dataDir);
    const auth = new KeyAuthenticator(database.prisma);
    const catalog = new CatalogCache(database.prisma);
    const metrics = createMetrics();
    jobs = new JobRunner(database.prisma, (line) => log(`jobs: ${line}`));
    const calibration = new CalibrationWindowCache();
    const retrieval = await RetrievalService.start(database.prisma, { ...opts.retrieval, log: (line) => log(`retrieval: ${line}`) });
    serving = new ServingService(database.prisma, retrieval, {
      databaseUrl: database.url,
      ...opts.serving,
      onGeneratorEvent: (e) => {
        if (e.type === "fallback") metrics.generatorFallbacks.inc({ reason: e.reason });
        else if (e.type === "parse_failure") metrics.generatorParseFailures.inc();
      },
      onCommit: (size) => {
        metrics.servedImpressions.inc(size);
        metrics.groupCommitBatch.observe(size);
      },
    });
    const rateLimiter = new RateLimiter();
    log(`serving: ${serving.defaultPromptTools} tools in the prompt (TOOLREC_PROMPT_TOOLS), group commit`);
    // The one "catalog changed" signal: every cache over tools/categories subscribes (issue 9 code item 7).
    catalogSignal.subscribe(() => catalog.invalidate());
    catalogSignal.subscribe(() => calibration.clear());
    catalogSignal.subscribe(() => retrieval.markStale());
    try {
      await catalogSignal.listen(database.url);
    } catch (err) {
      log(`catalog signal: LISTEN failed (${err instanceof Error ? err.message : String(err)}); changes from other processes show after the caches' TTLs`);
    }
    training = new TrainingService(database.prisma, dataDir, opts.training, (line) => log(`training: ${line}`));
    log(`training runs: leases of ${training.leaseSeconds}s, artifacts in the ${training.store.description}`);

    const app = express();
    const httpServer = http.createServer(app);
    const apollo = new ApolloServer<Context>({
      schema: buildSchema(),
      formatError,
      // Production unless asked (TOOLREC_DEV=1 or NODE_ENV=development): no stack traces.
      includeStacktraceInErrorResponses: developmentMode(),
      introspection: true,
      // main.ts stops the whole API on SIGINT/SIGTERM (database last); Apollo's own handlers
      // would re-raise the signal once Apollo alone has stopped, killing the process mid-close.
      stopOnTerminationSignals: false,
      // No cache hints in the schema: Apollo's default cache-control plugin would only wrap every
      // field resolver (a measurable share of a `suggestions` request) to compute a policy of "none".
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled(), inputGuardPlugin, limitsPlugin, metrics.plugin],
    });
    await apollo.start();

    app.disable("x-powered-by");
    let healthy = true;
    app.get("/health", async (_req, res) => {
      try {
        await database.prisma.$queryRaw`SELECT 1`;
        healthy = true;
        res.json({ status: "ok", database: database.kind });
      } catch (err) {
        // The reason goes to the log (once per outage), never to the caller: it names hosts and ports.
        if (healthy) console.error("[api] health check failed:", err);
        healthy = false;
        res.status(503).json({ status: "unavailable" });
      }
    });
    app.get("/metrics", metricsRoute(metrics, auth));
    app.use(datasetRoutes({ db: database.prisma, auth })); // GET /datasets/:id/export.jsonl|.parquet, metadata.json (issue #4)
    app.use(trainingRunRoutes({ db: database.prisma, auth, training })); // artifacts and the run's dataset (issue 11)
    app.use(
      "/graphql",
      express.json({ limit: MAX_BODY }),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const viewer = await auth.authenticate(req.headers.authorization);
          rateLimiter.take(viewer);
          return {
          db: database.prisma,
          viewer,
          loaders: createLoaders(database.prisma, catalog),
          catalog,
          calibration,
          catalogChanged: (reason: string) => catalogSignal.changed(reason),
          auth,
          retrieval,
          training: training!,
          serving: serving!,
          rateLimiter,
          jobs: jobs!,
          };
        },
      }),
    );
    app.use(notFound);
    app.use(httpErrorHandler);

    const metricsPortSetting = opts.metricsPort !== undefined ? opts.metricsPort : process.env.TOOLREC_METRICS_PORT ? Number(process.env.TOOLREC_METRICS_PORT) : null;
    loopbackMetrics = metricsPortSetting === null ? null : await serveMetricsOnLoopback(metrics, metricsPortSetting);

    const port = opts.port ?? Number(process.env.PORT ?? 4000);
    const host = opts.host ?? process.env.HOST ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(port, host, resolve);
    });
    const address = httpServer.address() as AddressInfo;
    const origin = `http://${host}:${address.port}`;
    return {
      url: `${origin}/graphql`,
      origin,
      adminApiKey: admin.key,
      adminKeySource: admin.source,
      database,
      metricsUrl: loopbackMetrics?.url ?? null,
      jobs,
      catalogSignal,
      async close() {
        await loopbackMetrics?.close();
        await apollo.stop();
        await serving?.close();
        await jobs!.close();
        await catalogSignal.close();
        training?.close();
        await retrieval.close();
        await database.close();
      },
    };
  } catch (err) {
    await loopbackMetrics?.close();
    await jobs?.close();
    await catalogSignal.close();
    training?.close();
    await database.close();
    throw err;
  }
}

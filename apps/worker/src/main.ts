// `npm run worker -- [options]` and `toolrec worker [options]`: one training worker.
import { resolveConfig, USAGE } from "./config.js";
import { startWorker } from "./worker.js";

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
let config;
try {
  config = resolveConfig(argv);
} catch (err) {
  console.error(`worker: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const worker = startWorker(config);
let signals = 0;
const onSignal = (signal: string) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  console.log(`[worker] ${signal}: giving the run in progress back (with a checkpoint) and stopping; again to quit at once`);
  worker.stop();
};
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));
try {
  await worker.done;
  process.exit(0);
} catch (err) {
  console.error(`[worker] ${(err as Error).message}`);
  process.exit(1);
}

export { resolveConfig, readKeyFile, writeKeyFile, USAGE, type WorkerConfig } from "./config.js";
export { startWorker, WORKER_VERSION, type WorkerHandle } from "./worker.js";
export { probeCapabilities, parseNvidiaSmi, type Capabilities } from "./capabilities.js";
export { trainerLaunch } from "./launch.js";
export { parseTrainerLine, outcomeOf, ReportBuffer, type TrainerLine } from "./protocol.js";

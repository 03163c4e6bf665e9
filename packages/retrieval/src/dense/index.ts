export * from "./models.js";
export * from "./hub.js";
export * from "./embedder.js";
export * from "./store.js";
export {
  configureOfflineRuntime,
  InferenceQueue,
  type LoadOptions,
  type LoadedModel,
} from "./runtime.js";

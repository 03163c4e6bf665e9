export * from "./models.js";
export * from "./embedder.js";
export * from "./store.js";
export * from "./fixture.js";
export {
  configureOfflineRuntime,
  InferenceQueue,
  type LoadOptions,
  type LoadedModel,
} from "./runtime.js";
export { encodeOnnxModel, OnnxType, type OnnxGraph, type OnnxNode, type OnnxValueInfo, type OnnxInitializer } from "./onnx-writer.js";
export { runDenseBench, formatDenseBench, summarize as summarizeLatencies, type DenseBenchResult, type DenseBenchOptions, type LatencySummary } from "./bench.js";
export { writeSyntheticEncoder, MINILM_L6_SHAPE, type EncoderShape } from "./synthetic.js";

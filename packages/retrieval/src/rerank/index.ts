export * from "./scoring.js";
export * from "./reranker.js";
export * from "./stage.js";
export * from "./text.js";

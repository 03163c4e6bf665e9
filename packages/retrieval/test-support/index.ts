// Test support of @toolrec/retrieval (not part of the public index): the catalog as documents,
// fixture ONNX models (hashed bags of trigrams written by the project, no downloaded weights),
// the ONNX writer they use, and a synthetic MiniLM-shaped encoder for the dense benchmark.
export * from "./catalog.js";
export * from "./dense-fixture.js";
export * from "./onnx-writer.js";
export * from "./synthetic-encoder.js";

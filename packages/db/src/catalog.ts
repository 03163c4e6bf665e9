/**
 * The SysToolkit catalog seed (prisma/catalog): loading (catalog/load.ts), text similarity
 * (catalog/similarity.ts) and the quality gates, one named function each (catalog/gates.ts).
 */
export * from "./catalog/load.js";
export * from "./catalog/similarity.js";
export * from "./catalog/gates.js";

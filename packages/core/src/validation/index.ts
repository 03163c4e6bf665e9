// The core validation module: the one place where limits and allowed characters of
// everything clients send are decided (text kinds, text lists, JSON values, JSON Schemas,
// tool fields). Callers elsewhere pick limits from here and report what it finds.
export * from "./text";
export * from "./json";
export * from "./json-schema";
export * from "./tool";

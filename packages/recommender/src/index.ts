export * from "./prompt";
export * from "./parse";
export * from "./generator";
export * from "./grounded/index";
export * from "./settings";
export * from "./openai";
export * from "./factory";
export * from "./experiments";

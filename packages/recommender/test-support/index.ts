export * from "./openai-server";
export * from "./catalog";
export * from "./dialogues";

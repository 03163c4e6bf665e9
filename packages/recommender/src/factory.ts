/** A model version's generator from its stored settings (settings.ts). */

import type { GeneratorEventHook, SuggestionGenerator } from "./generator";
import { createGroundedGenerator } from "./grounded/index";
import { createOpenAiGenerator } from "./openai";
import { createRankerGenerator, RANKER_WEIGHTS_FORMAT, type RankerToolInfo } from "./ranker/index";
import type { ModelVersionSettings } from "./settings";

export interface CreateGeneratorOptions {
  /** The model version's name: `generator` reads "openai:<label>" (default: the model name). */
  readonly label?: string;
  /** Fallbacks, parse failures, retries and short answers (for /metrics). */
  readonly onEvent?: GeneratorEventHook;
  /** Where an OpenAI version's apiKeyEnv is looked up; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A ranker version's view of the catalog: each tool's category and p (read per call, so it may follow catalog changes). */
  readonly toolInfo?: RankerToolInfo;
}

/** Build once per model version and reuse: generators hold no per-request state. */
export function createGenerator(settings: ModelVersionSettings, options: CreateGeneratorOptions = {}): SuggestionGenerator {
  switch (settings.kind) {
    case "grounded":
      return createGroundedGenerator();
    case "openai":
      return createOpenAiGenerator({ settings, label: options.label, onEvent: options.onEvent, env: options.env });
    case "ranker":
      return createRankerGenerator({ weights: { format: RANKER_WEIGHTS_FORMAT, features: settings.features, weights: settings.weights }, toolInfo: options.toolInfo, label: options.label });
  }
}

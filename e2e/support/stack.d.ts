// Values the global setup hands to the specs (vitest's provide/inject).
declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the console, e.g. http://127.0.0.1:41234 */
    consoleUrl: string;
    /** GraphQL endpoint of the API, e.g. http://127.0.0.1:41233/graphql */
    apiUrl: string;
    /** The admin key of the fresh API database. */
    adminApiKey: string;
  }
}
export {};

// GraphQL Code Generator: TypeScript types from the API's SDL (apps/api/src/schema/*.graphql).
// `npm run codegen` writes both outputs; they are committed, and apps/api/test/codegen.test.ts
// fails when they are older than the schema or the console's documents.
//
// - apps/console/src/gql/: typed documents for every `graphql(...)` call in the console
//   (client preset, documents as strings: the console posts them to /api/graphql itself).
// - apps/api/src/generated/graphql.ts: the schema's types and resolver signatures for the API.
import type { CodegenConfig } from "@graphql-codegen/cli";

const scalars = {
  DateTime: { input: "string", output: "string" },
  JSON: { input: "unknown", output: "unknown" },
};

const config: CodegenConfig = {
  schema: "apps/api/src/schema/*.graphql",
  // Extensionless imports between the generated files: Next.js's bundler does not map .js to .ts.
  importExtension: "",
  generates: {
    "apps/console/src/gql/": {
      documents: ["apps/console/src/**/*.{ts,tsx}", "!apps/console/src/gql/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars,
      },
    },
    "apps/api/src/generated/graphql.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: "../context.js#Context",
        // The API returns Dates for DateTime and any JSON value for JSON.
        scalars: { DateTime: { input: "Date", output: "Date | string" }, JSON: { input: "unknown", output: "unknown" } },
      },
    },
  },
  hooks: {},
};

export default config;

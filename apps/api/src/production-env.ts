// Imported first by the API's entry points (main.ts, the serving benchmark), before graphql and
// express load: an unset NODE_ENV means production (as the README says), and graphql-js and
// express read it once, at load. Outside production graphql-js checks every `instanceof` it
// makes for a second copy of itself, a few percent of a `suggestions` request.
// Development mode (stack traces in errors) stays TOOLREC_DEV=1 or NODE_ENV=development.
process.env.NODE_ENV ??= "production";
export {};

// HTTP-level failures (a body that is not JSON, too large, an unknown path, an error in a
// plain route) answered as GraphQL-shaped JSON with a code, never Express's HTML page with
// a stack trace.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { internalErrorMessage, logInternalError } from "./errors.js";

/** The largest request body the API reads (an ingestImpressions batch of 10,000 fits). */
export const MAX_BODY = "20mb";

const json = (message: string, code: string, extra: Record<string, unknown> = {}) => ({ errors: [{ message, extensions: { code, ...extra } }] });

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(json(`no route ${req.method} ${req.path}`, "NOT_FOUND"));
};

export const httpErrorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err); // Express then closes the connection
  const e = err as { type?: string; status?: number; expose?: boolean };
  if (e.type === "entity.parse.failed") {
    res.status(400).json(json("the request body must be a JSON object ({\"query\": ..., \"variables\": {...}})", "BAD_REQUEST"));
  } else if (e.type === "entity.too.large") {
    res.status(413).json(json(`the request body is larger than ${MAX_BODY.toUpperCase().replace("MB", " MB")}`, "PAYLOAD_TOO_LARGE"));
  } else if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.expose !== false) {
    res.status(e.status).json(json(e.type ? `the request could not be read (${e.type})` : "the request could not be read", "BAD_REQUEST"));
  } else {
    const errorId = logInternalError(err, `${req.method} ${req.path}`);
    res.status(500).json(json(internalErrorMessage(errorId), "INTERNAL_SERVER_ERROR", { errorId }));
  }
};

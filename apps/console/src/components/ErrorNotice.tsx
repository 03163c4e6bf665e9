import { errorMessage } from "@/lib/graphql-errors";

/** A request that failed: "Could not <action>: <the API's message>", with Retry when it can be tried again. */
export function ErrorNotice({ action, error, onRetry }: { action: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="notice error error-notice" role="alert">
      <span>
        Could not {action}: {errorMessage(error)}
      </span>
      {onRetry && (
        <button type="button" className="btn small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

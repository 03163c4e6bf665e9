import { errorMessage } from "@/lib/graphql-errors";

/** A request that failed: "Could not <action>: <the API's message>". */
export function ErrorNotice({ action, error }: { action: string; error: unknown }) {
  return (
    <div className="notice error" role="alert">
      Could not {action}: {errorMessage(error)}
    </div>
  );
}

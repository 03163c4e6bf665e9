"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { FieldError } from "@/components/FieldError";
import { useViewer } from "@/components/ViewerContext";
import { formatDateTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { API_KEYS_QUERY, CREATE_API_KEY_MUTATION, REVOKE_API_KEY_MUTATION } from "@/lib/queries";
import { API_ROLES } from "@/lib/schemaEnums";
import type { ApiKey, ApiRole } from "@/lib/queries";

const ROLE_HELP: Record<ApiRole, string> = {
  ADMIN: "everything, including keys",
  CURATOR: "tools and categories",
  ENGINEER: "logs, datasets, training runs; reads tools",
  SERVICE: "suggestions, clicks, retrieval preview; reads tools",
  WORKER: "a training worker: claims runs, reports, uploads artifacts",
};

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <button type="button" className="btn small" onClick={() => void copy()}>
      {state === "copied" ? "Copied ✓" : state === "failed" ? "Select and copy manually" : "Copy"}
    </button>
  );
}

export function KeysView() {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<ApiRole>("CURATOR");
  const [created, setCreated] = useState<{ key: string; apiKey: ApiKey } | null>(null);
  const [createErrors, setCreateErrors] = useState<Record<string, string>>({});
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const keys = useQuery({
    queryKey: ["apiKeys"],
    queryFn: () => gql(API_KEYS_QUERY),
    enabled: viewer.role === "ADMIN",
  });

  const create = useMutation({
    mutationFn: (vars: { name: string; role: ApiRole }) =>
      gql(CREATE_API_KEY_MUTATION, vars),
    onMutate: () => setCreateErrors({}),
    onSuccess: ({ createApiKey }) => {
      setCreated(createApiKey);
      setName("");
      void queryClient.invalidateQueries({ queryKey: ["apiKeys"] });
    },
    onError: (error) => {
      const fields = fieldErrors(error);
      setCreateErrors(Object.keys(fields).length > 0 ? fields : { "": errorMessage(error) });
    },
  });

  const revoke = useMutation({
    mutationFn: (id: string) => gql(REVOKE_API_KEY_MUTATION, { id }),
    onSuccess: () => {
      setConfirmRevoke(null);
      void queryClient.invalidateQueries({ queryKey: ["apiKeys"] });
    },
  });

  if (viewer.role !== "ADMIN") {
    return (
      <>
        <div className="page-head">
          <h1>API keys</h1>
        </div>
        <div className="notice warn" role="alert">
          Only admins manage API keys. You are signed in as {viewer.name} ({viewer.role}).
        </div>
      </>
    );
  }

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: name.trim(), role });
  }

  const list = (keys.data?.apiKeys ?? []).filter((k) => showRevoked || !k.revokedAt);
  const revokedCount = (keys.data?.apiKeys ?? []).filter((k) => k.revokedAt).length;

  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
        <span className="muted">Keys are stored hashed; a new key is shown once.</span>
      </div>

      <form className="card toolbar-form" onSubmit={onCreate} aria-label="Create API key">
        <div className="field">
          <label className="field-label" htmlFor="key-name">
            Name
          </label>
          <input
            id="key-name"
            value={name}
            placeholder="e.g. assistant-prod, alice (curator)"
            onChange={(e) => setName(e.target.value)}
            aria-invalid={createErrors.name ? true : undefined}
          />
          <FieldError id="err-key-name" message={createErrors.name} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="key-role">
            Role
          </label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as ApiRole)}>
            {API_ROLES.map((r) => (
              <option key={r} value={r}>
                {r} — {ROLE_HELP[r]}
              </option>
            ))}
          </select>
          <FieldError id="err-key-role" message={createErrors.role} />
        </div>
        <button type="submit" className="btn primary" disabled={create.isPending || name.trim() === ""}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
        {createErrors[""] && <p className="field-error">{createErrors[""]}</p>}
      </form>

      {created && (
        <div className="notice ok created-key" role="status" data-testid="created-key">
          <p>
            <strong>
              New {created.apiKey.role} key “{created.apiKey.name}”.
            </strong>{" "}
            Copy it now: it will not be shown again.
          </p>
          <div className="row">
            <input className="mono key-value" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} aria-label="New API key" />
            <CopyButton text={created.key} />
            <button type="button" className="btn small ghost" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}

      {keys.isError && <ErrorNotice action="load keys" error={keys.error} onRetry={() => void keys.refetch()} />}
      {revoke.isError && <ErrorNotice action="revoke" error={revoke.error} />}

      <div className="table-wrap">
        <table className="data" data-testid="api-keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Prefix</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((k) => (
              <tr key={k.id} className={k.revokedAt ? "disabled-row" : undefined}>
                <td className="strong">
                  {k.name}
                  {k.id === viewer.id && <span className="muted small"> (you)</span>}
                </td>
                <td>
                  <span className={`role role-${k.role.toLowerCase()}`}>{k.role}</span>
                </td>
                <td className="mono small">{k.prefix}…</td>
                <td className="small">{formatDateTime(k.createdAt)}</td>
                <td className="small">{formatDateTime(k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge off" title={formatDateTime(k.revokedAt)}>
                      revoked
                    </span>
                  ) : (
                    <span className="badge ok">active</span>
                  )}
                </td>
                <td className="actions">
                  {!k.revokedAt &&
                    (confirmRevoke === k.id ? (
                      <span className="row">
                        <span className="small">
                          {k.id === viewer.id ? "Revoke your own key? You will be signed out." : "Revoke?"}
                        </span>
                        <button type="button" className="btn small danger" disabled={revoke.isPending} onClick={() => revoke.mutate(k.id)}>
                          Yes, revoke
                        </button>
                        <button type="button" className="btn small ghost" onClick={() => setConfirmRevoke(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="btn small" onClick={() => setConfirmRevoke(k.id)}>
                        Revoke…
                      </button>
                    ))}
                </td>
              </tr>
            ))}
            {keys.data && list.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  No keys.
                </td>
              </tr>
            )}
            {keys.isPending && (
              <tr>
                <td colSpan={7} className="empty">
                  Loading keys…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {revokedCount > 0 && (
        <label className="inline small">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> Show {revokedCount}{" "}
          revoked
        </label>
      )}
    </>
  );
}

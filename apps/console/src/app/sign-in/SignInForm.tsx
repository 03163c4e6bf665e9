"use client";

import { useState, type FormEvent } from "react";

export function SignInForm({ next }: { next: string }) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ apiKey }),
        credentials: "same-origin",
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      if (!response.ok) {
        setError(body.error ?? `Sign-in failed (HTTP ${response.status}).`);
        setPending(false);
        return;
      }
      // A full navigation, so the server layout reads the new cookie; replacing the sign-in
      // entry, so Back from the console does not return to the sign-in form.
      window.location.replace(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack">
      <label className="field">
        <span className="field-label">API key</span>
        <input
          name="apiKey"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          placeholder="trk_…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "signin-error" : undefined}
        />
      </label>
      {error && (
        <p id="signin-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={pending || apiKey.trim() === ""}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

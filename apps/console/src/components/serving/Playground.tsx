"use client";

// The Playground: one `suggestions` request as an assistant service would send it (with
// `playground: true`, so the impression is logged as a Playground one and kept out of the A/B
// report and the preference datasets). Shows the N exposed suggestions with tool badges, the K−N
// generated but not exposed, the retrieved tools, the exact Eq. 1 prompt, the raw model output,
// the generator (and fallback) and where the time went. Inputs live in the URL.

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { FormEvent } from "react";
import { DialogueEditor } from "@/components/dialogue/DialogueEditor";
import { decodeDialogueParam, encodeDialogueParam, SAMPLE_DIALOGUES, toDialogueInput } from "@/components/dialogue/dialogue";
import { ErrorNotice } from "@/components/ErrorNotice";
import { FieldError } from "@/components/FieldError";
import { useViewer } from "@/components/ViewerContext";
import type { SuggestionInput } from "@/gql/graphql";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { useUrlParamState, useUrlState } from "@/lib/urlState";
import { canManageModels, MODEL_VERSION_OPTIONS_QUERY, PLAYGROUND_SUGGESTIONS_QUERY, SUGGESTION_LIMITS, type SuggestionResultView } from "./queries";
import { SuggestionList } from "./SuggestionList";
import styles from "./serving.module.css";

const FIRST_EXAMPLE = SAMPLE_DIALOGUES[0]!.dialogue;

/** A number box's text as sent: empty means "the server's default" (left out). */
function intOrUndefined(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  // Sent as typed (0, 13, N > K): the API's BAD_USER_INPUT names the field.
  return Number.isFinite(n) ? n : undefined;
}

const textParam = (fallback: string) =>
  [(raw: string | null) => raw ?? fallback, (v: string) => (v === fallback ? null : v)] as const;

function usePlaygroundUrlState() {
  const url = useUrlState();
  const [dialogue, setDialogue] = useUrlParamState(url, "dialogue", (raw) => decodeDialogueParam(raw, FIRST_EXAMPLE), (d) => encodeDialogueParam(d, FIRST_EXAMPLE), 350);
  const [version, setVersion] = useUrlParamState(url, "version", ...textParam(""), 0);
  const [k, setK] = useUrlParamState(url, "k", ...textParam(String(SUGGESTION_LIMITS.k)), 300);
  const [n, setN] = useUrlParamState(url, "n", ...textParam(String(SUGGESTION_LIMITS.n)), 300);
  const [tools, setTools] = useUrlParamState(url, "tools", ...textParam(""), 300);
  const [userId, setUserId] = useUrlParamState(url, "user", ...textParam(""), 300);
  return { dialogue, setDialogue, version, setVersion, k, setK, n, setN, tools, setTools, userId, setUserId };
}

function ms(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`;
}

function Timings({ t }: { t: SuggestionResultView["timings"] }) {
  // The three parts the request spends its time in; the rest (parsing, resolving) is the gap to total.
  const parts = [
    { label: "retrieval", value: t.retrievalMs, className: styles.timeRetrieval },
    { label: "generation", value: t.generationMs, className: styles.timeGeneration },
    { label: "logging", value: t.loggingMs, className: styles.timeLogging },
  ];
  const total = Math.max(t.totalMs, parts.reduce((a, p) => a + p.value, 0), 1e-9);
  return (
    <div className={styles.timings} data-testid="timings">
      <div className={styles.timeBar} role="img" aria-label={`Retrieval ${ms(t.retrievalMs)}, generation ${ms(t.generationMs)}, logging ${ms(t.loggingMs)} of ${ms(t.totalMs)}`}>
        {parts.map((p) => (
          <span key={p.label} className={p.className} style={{ width: `${(p.value / total) * 100}%` }} />
        ))}
      </div>
      <div className={styles.timeLegend}>
        {parts.map((p) => (
          <span key={p.label}>
            <span className={`${styles.swatch} ${p.className}`} />
            {p.label} <strong>{ms(p.value)}</strong>
          </span>
        ))}
        <span>
          total <strong>{ms(t.totalMs)}</strong>
        </span>
        {t.modelMs !== null && (
          <span className="muted">
            model server {ms(t.modelMs)} in {t.attempts} attempt{t.attempts === 1 ? "" : "s"}
          </span>
        )}
      </div>
    </div>
  );
}

function Result({ r }: { r: SuggestionResultView }) {
  return (
    <div className="stack" data-testid="playground-result">
      <section className="card" aria-label="Generator">
        <div className="row">
          <span>
            Generator <code data-testid="generator">{r.generator}</code>
          </span>
          <span className="muted">·</span>
          <span>
            model version <strong data-testid="result-version">{r.modelVersion.name}</strong> ({r.modelVersion.kind.toLowerCase()})
          </span>
          {r.experiment && (
            <span className="muted">
              · arm of experiment <strong>{r.experiment.name}</strong>
            </span>
          )}
          <div className="spacer" />
          <Link className="small" href={`/case-studies/${encodeURIComponent(r.impressionId)}`} title="The logged impression (source playground)">
            Impression {r.impressionId}
          </Link>
        </div>
        {r.fallback && (
          <div className="notice warn" role="status" data-testid="fallback" style={{ marginTop: "0.6rem" }}>
            <strong>Fallback:</strong> <code>{r.fallback.from}</code> failed ({r.fallback.reason}), so the grounded generator answered. <span className="small">{r.fallback.detail}</span>
          </div>
        )}
        <div style={{ marginTop: "0.6rem" }}>
          <Timings t={r.timings} />
        </div>
      </section>

      <section className="card" aria-label="Exposed suggestions">
        <h2>
          Exposed · {r.suggestions.length} of K = {r.k}
        </h2>
        <SuggestionList suggestions={r.suggestions} label="Exposed suggestions" />
      </section>

      <section className="card" aria-label="Not exposed">
        <h2>Not exposed · {r.notExposed.length}</h2>
        {r.notExposed.length === 0 ? (
          <p className="muted small">N = K: every candidate was exposed.</p>
        ) : (
          <>
            <p className="field-hint" style={{ marginBottom: "0.4rem" }}>
              Generated in the same pass and logged with the impression, but not shown (positions N..K−1).
            </p>
            <SuggestionList suggestions={r.notExposed} label="Not exposed suggestions" />
          </>
        )}
      </section>

      <section className="card" aria-label="Retrieved tools">
        <h2>Retrieved tools · {r.tools.length}</h2>
        <p className="field-hint" style={{ marginBottom: "0.4rem" }}>
          The top {r.promptTools} are in the prompt.
        </p>
        <table className="data" data-testid="retrieved-tools">
          <thead>
            <tr>
              <th className="num">Rank</th>
              <th>Tool</th>
              <th>Category</th>
              <th className="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {r.tools.map((t) => (
              <tr key={t.tool.id} data-tool-id={t.tool.id}>
                <td className="num">{t.rank}</td>
                <td>
                  <Link href={`/tools/${encodeURIComponent(t.tool.id)}`}>{t.tool.name}</Link>
                  <div className="small muted">{t.tool.canonicalQuery}</div>
                </td>
                <td className="small">{t.tool.category.name}</td>
                <td className="num">{t.score.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-label="Prompt">
        <h2>
          Prompt <span className="muted small">template {r.promptTemplateVersion}</span>
        </h2>
        {r.modelVersion.kind === "GROUNDED" && <p className="field-hint">The grounded generator reads no prompt: this is what a model would have been given (Eq. 1).</p>}
        <pre className={styles.pre} data-testid="prompt">
          {r.prompt}
        </pre>
      </section>

      <section className="card" aria-label="Raw model output">
        <h2>Raw model output</h2>
        {r.rawOutput === null ? (
          <p className="muted small" data-testid="raw-output">
            No model answered{r.fallback ? " (see the fallback above)" : " (the grounded generator needs none)"}.
          </p>
        ) : (
          <pre className={styles.pre} data-testid="raw-output">
            {r.rawOutput}
          </pre>
        )}
      </section>
    </div>
  );
}

export function Playground() {
  const viewer = useViewer();
  const allowed = canManageModels(viewer.role);
  const s = usePlaygroundUrlState();
  const versions = useQuery({ queryKey: ["modelVersionOptions"], queryFn: () => gql(MODEL_VERSION_OPTIONS_QUERY), enabled: allowed, staleTime: 10_000 });

  const generate = useMutation({
    mutationFn: () => {
      const input: SuggestionInput = { dialogue: toDialogueInput(s.dialogue), playground: true };
      const k = intOrUndefined(s.k);
      const n = intOrUndefined(s.n);
      const tools = intOrUndefined(s.tools);
      if (k !== undefined) input.k = k;
      if (n !== undefined) input.n = n;
      if (tools !== undefined) input.promptTools = tools;
      if (s.version) input.modelVersionId = s.version;
      if (s.userId.trim()) input.userId = s.userId.trim();
      return gql(PLAYGROUND_SUGGESTIONS_QUERY, { input });
    },
  });

  if (!allowed) {
    return (
      <>
        <div className="page-head">
          <h1>Playground</h1>
        </div>
        <div className="notice warn" role="alert">
          The Playground is for ENGINEER and ADMIN keys; yours is {viewer.role}.
        </div>
      </>
    );
  }

  const errors = fieldErrors(generate.error);
  const dialogueField = Object.keys(errors).find((f) => f.startsWith("dialogue"));
  const dialogueError = dialogueField ? { field: dialogueField, message: errors[dialogueField]! } : null;
  const known = new Set(["k", "n", "promptTools", "modelVersionId", "userId", ...(dialogueField ? [dialogueField] : [])]);
  const otherError = generate.error && !Object.keys(errors).some((f) => known.has(f)) ? generate.error : null;
  const invalid = (field: string) => (errors[field] ? true : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    generate.mutate();
  };
  const defaultVersion = versions.data?.modelVersions.find((v) => v.isDefault);

  return (
    <>
      <div className="page-head">
        <h1>Playground</h1>
        <span className="muted">One suggestions request as an assistant service sends it: what the model was given, what it wrote, what was shown.</span>
      </div>
      <div className={styles.layout}>
        <form className="stack" onSubmit={submit} aria-label="Suggestions request">
          <DialogueEditor value={s.dialogue} onChange={s.setDialogue} error={dialogueError} />
          <section className="card" aria-label="Generation">
            <div className="field">
              <label className="field-label" htmlFor="pg-version">
                Model version
              </label>
              <select id="pg-version" value={s.version} onChange={(e) => s.setVersion(e.target.value)} aria-invalid={invalid("modelVersionId")}>
                <option value="">Default{defaultVersion ? ` (${defaultVersion.name})` : ""}, or the user&apos;s experiment arm</option>
                {versions.data?.modelVersions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name} · {v.kind.toLowerCase()}
                    {v.isDefault ? " · default" : ""}
                  </option>
                ))}
              </select>
              <FieldError id="err-pg-version" message={errors.modelVersionId} />
              {versions.isError && <ErrorNotice action="load the model versions" error={versions.error} />}
            </div>
            <div className={styles.controls}>
              <div className="field">
                <label className="field-label" htmlFor="pg-k" title="Candidates generated in one pass (1..12)">
                  K (generated)
                </label>
                <input id="pg-k" className="num" type="number" min={1} max={SUGGESTION_LIMITS.maxK} value={s.k} onChange={(e) => s.setK(e.target.value)} aria-invalid={invalid("k")} aria-describedby="err-pg-k" />
                <FieldError id="err-pg-k" message={errors.k} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor="pg-n" title="Exposed to the user (1..K)">
                  N (exposed)
                </label>
                <input id="pg-n" className="num" type="number" min={1} max={SUGGESTION_LIMITS.maxK} value={s.n} onChange={(e) => s.setN(e.target.value)} aria-invalid={invalid("n")} aria-describedby="err-pg-n" />
                <FieldError id="err-pg-n" message={errors.n} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor="pg-tools" title="Retrieved tools put in the prompt (empty: the server setting)">
                  Tools in prompt
                </label>
                <input id="pg-tools" className="num" type="number" min={1} max={20} placeholder="server" value={s.tools} onChange={(e) => s.setTools(e.target.value)} aria-invalid={invalid("promptTools")} />
                <FieldError id="err-pg-tools" message={errors.promptTools} />
              </div>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="pg-user">
                User id
              </label>
              <input id="pg-user" value={s.userId} onChange={(e) => s.setUserId(e.target.value)} aria-invalid={invalid("userId")} />
              <p className="field-hint">Optional: with no version chosen, a running experiment serves this user&apos;s arm.</p>
              <FieldError id="err-pg-user" message={errors.userId} />
            </div>
            <div className="row">
              <button type="submit" className="btn primary" disabled={generate.isPending}>
                {generate.isPending ? "Generating…" : "Generate suggestions"}
              </button>
              <span className="field-hint">Logged as a Playground impression: not in the A/B report nor in datasets.</span>
            </div>
          </section>
        </form>

        <div className="stack">
          {otherError && (
            <div className="notice error" role="alert">
              Could not generate suggestions: {errorMessage(otherError)}
            </div>
          )}
          {Object.keys(errors).length > 0 && !otherError && (
            <div className="notice warn" role="alert" data-testid="input-errors">
              {Object.entries(errors).map(([field, message]) => (
                <div key={field}>
                  <code>{field || "input"}</code>: {message}
                </div>
              ))}
            </div>
          )}
          {generate.data ? (
            <Result r={generate.data.suggestions} />
          ) : (
            !generate.error && <div className="notice info">Edit the dialogue, pick a version, K and N, and press “Generate suggestions”.</div>
          )}
        </div>
      </div>
    </>
  );
}

"use client";

// Creating a model version: by hand (GROUNDED, OPENAI with its server settings, or RANKER with its weights), or from a
// succeeded training run's adapter (an OPENAI version whose model is the adapter's name). The
// API's BAD_USER_INPUT messages land next to the field they name (settings.baseUrl, name, ...).

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FieldError } from "@/components/FieldError";
import type { GeneratorKind } from "@/gql/graphql";
import { formatDateTime } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { CREATE_MODEL_VERSION_FROM_RUN_MUTATION, CREATE_MODEL_VERSION_MUTATION, SUCCEEDED_RUNS_QUERY } from "./queries";
import styles from "./serving.module.css";

interface OpenAiFields {
  baseUrl: string;
  model: string;
  api: "chat" | "completions";
  apiKeyEnv: string;
  temperature: string;
  maxTokens: string;
  timeoutMs: string;
}

// The API's defaults (packages/recommender settings.ts OPENAI_DEFAULTS), shown as placeholders.
const OPENAI_PLACEHOLDERS = { baseUrl: "http://127.0.0.1:8000/v1", temperature: "0.7", maxTokens: "256", timeoutMs: "1500" };

/** Number boxes: empty = the API's default (left out); anything else is sent for the API to check. */
function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A ranker's weights as typed: a JSON list (one number per feature), an object {feature: weight},
 * or a ranker.json the trainer wrote. Anything else is sent as it is for the API to name the problem.
 */
function rankerSettingsOf(text: string): Record<string, unknown> {
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // left as text: the API answers on settings.weights
  }
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && "format" in parsed) return { ...(parsed as object), kind: "ranker" };
  return { kind: "ranker", weights: parsed };
}

function settingsOf(kind: GeneratorKind, o: OpenAiFields, rankerWeights = ""): Record<string, unknown> {
  if (kind === "GROUNDED") return { kind: "grounded" };
  if (kind === "RANKER") return rankerSettingsOf(rankerWeights);
  const s: Record<string, unknown> = { kind: "openai", baseUrl: o.baseUrl.trim(), model: o.model.trim(), api: o.api };
  if (o.apiKeyEnv.trim()) s.apiKeyEnv = o.apiKeyEnv.trim();
  for (const key of ["temperature", "maxTokens", "timeoutMs"] as const) {
    const v = numberOrUndefined(o[key]);
    if (v !== undefined) s[key] = v;
  }
  return s;
}

function OpenAiSettingsFields({ value, onChange, errors, prefix, needModel = true }: { value: OpenAiFields; onChange: (v: OpenAiFields) => void; errors: Record<string, string>; prefix: string; needModel?: boolean }) {
  const set = (patch: Partial<OpenAiFields>) => onChange({ ...value, ...patch });
  // Errors arrive as settings.<name> (createModelVersion) or <name> (from a run).
  const err = (name: string) => errors[`settings.${name}`] ?? errors[name];
  const box = (name: keyof OpenAiFields, label: string, hint?: string, type = "text") => (
    <div className="field">
      <label className="field-label" htmlFor={`${prefix}-${name}`}>
        {label}
      </label>
      <input
        id={`${prefix}-${name}`}
        type={type}
        className={type === "number" ? "num" : undefined}
        step={type === "number" ? "any" : undefined}
        value={value[name]}
        placeholder={(OPENAI_PLACEHOLDERS as Record<string, string>)[name]}
        onChange={(e) => set({ [name]: e.target.value })}
        aria-invalid={err(name) ? true : undefined}
      />
      {hint && <p className="field-hint">{hint}</p>}
      <FieldError id={`err-${prefix}-${name}`} message={err(name)} />
    </div>
  );
  return (
    <>
      <div className="form-row">
        {box("baseUrl", "Base URL", "Up to and including /v1: vLLM, SGLang, llama.cpp, Ollama, transformers serve.")}
        {needModel ? box("model", "Model", "The served model, or for vLLM the LoRA adapter's name from --lora-modules.") : <div />}
      </div>
      <div className="form-row">
        <div className="field">
          <label className="field-label" htmlFor={`${prefix}-api`}>
            API
          </label>
          <select id={`${prefix}-api`} value={value.api} onChange={(e) => set({ api: e.target.value as OpenAiFields["api"] })} aria-invalid={err("api") ? true : undefined}>
            <option value="chat">chat (/chat/completions, the server&apos;s chat template)</option>
            <option value="completions">completions (the raw prompt, as the trainer saw it)</option>
          </select>
          <FieldError id={`err-${prefix}-api`} message={err("api")} />
        </div>
        {box("apiKeyEnv", "API key variable", "The environment variable on the API's machine holding the key (never the key itself). Empty: none.")}
      </div>
      <div className="form-row three">
        {box("temperature", "Temperature", undefined, "number")}
        {box("maxTokens", "Max tokens", undefined, "number")}
        {box("timeoutMs", "Deadline (ms)", "Past it, the grounded generator answers.", "number")}
      </div>
    </>
  );
}

const EMPTY_OPENAI: OpenAiFields = { baseUrl: "", model: "", api: "chat", apiKeyEnv: "", temperature: "", maxTokens: "", timeoutMs: "" };

function ManualForm({ onCreated }: { onCreated: (id: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<GeneratorKind>("OPENAI");
  const [openai, setOpenai] = useState<OpenAiFields>(EMPTY_OPENAI);
  const [weights, setWeights] = useState("");
  const [notes, setNotes] = useState("");
  const [activate, setActivate] = useState(false);
  const create = useMutation({
    mutationFn: () => gql(CREATE_MODEL_VERSION_MUTATION, { input: { name: name.trim(), settings: settingsOf(kind, openai, weights), notes: notes.trim() || null, activate } }),
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: ["models"] });
      void queryClient.invalidateQueries({ queryKey: ["modelVersionOptions"] });
      setName("");
      setNotes("");
      setActivate(false);
      onCreated(data.createModelVersion.id);
    },
  });
  const errors = fieldErrors(create.error);
  const shown = new Set(["name", "notes", "settings", ...Object.keys(errors).filter((f) => f.startsWith("settings."))]);
  const other = create.error && !Object.keys(errors).some((f) => shown.has(f)) ? errorMessage(create.error) : null;
  return (
    <form
      aria-label="Create model version"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label className="field-label" htmlFor="mv-new-name">
            Name
          </label>
          <input id="mv-new-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. kto-run-12" aria-invalid={errors.name ? true : undefined} />
          <FieldError id="err-mv-new-name" message={errors.name} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="mv-new-kind">
            Generator
          </label>
          <select id="mv-new-kind" value={kind} onChange={(e) => setKind(e.target.value as GeneratorKind)}>
            <option value="OPENAI">OpenAI-compatible server</option>
            <option value="GROUNDED">Grounded (no model)</option>
            <option value="RANKER">Ranker (toolrec/ranker weights)</option>
          </select>
          <FieldError id="err-mv-new-settings" message={errors.settings ?? errors["settings.kind"]} />
        </div>
      </div>
      {kind === "OPENAI" && <OpenAiSettingsFields value={openai} onChange={setOpenai} errors={errors} prefix="mv-new" />}
      {kind === "RANKER" && (
        <div className="field">
          <label className="field-label" htmlFor="mv-new-weights">
            Weights (a ranker.json, a list of one number per feature, or {"{feature: weight}"})
          </label>
          <textarea
            id="mv-new-weights"
            rows={3}
            value={weights}
            onChange={(e) => setWeights(e.target.value)}
            placeholder='{"grounded": 8, "tool": 1}'
            aria-invalid={errors["settings.weights"] || errors["settings.features"] ? true : undefined}
          />
          <FieldError id="err-mv-new-weights" message={errors["settings.weights"] ?? errors["settings.features"]} />
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor="mv-new-notes">
          Notes
        </label>
        <textarea id="mv-new-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} aria-invalid={errors.notes ? true : undefined} />
        <FieldError id="err-mv-new-notes" message={errors.notes} />
      </div>
      <div className="form-actions">
        <label className="switch">
          <input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} /> Make it the default at once
        </label>
        <button type="submit" className="btn primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? "Creating…" : "Create version"}
        </button>
        {other && (
          <span className="field-error" role="alert">
            {other}
          </span>
        )}
      </div>
    </form>
  );
}

function FromRunForm({ onCreated, initialRunId }: { onCreated: (id: string) => void; initialRunId: string | null }) {
  const queryClient = useQueryClient();
  const runs = useQuery({ queryKey: ["succeededRuns"], queryFn: () => gql(SUCCEEDED_RUNS_QUERY), staleTime: 10_000 });
  const [runId, setRunId] = useState(initialRunId ?? "");
  const [name, setName] = useState("");
  const [openai, setOpenai] = useState<OpenAiFields>({ ...EMPTY_OPENAI, api: "completions" });
  const [notes, setNotes] = useState("");
  const [activate, setActivate] = useState(false);
  const list = runs.data?.trainingRuns.edges.map((e) => e.node) ?? [];
  // A toolrec/ranker run is served from its weights by the API: no model server settings.
  const ranker = list.find((r) => r.id === runId)?.baseModel === "toolrec/ranker";
  const create = useMutation({
    mutationFn: () => {
      const s = settingsOf("OPENAI", openai);
      if (ranker) return gql(CREATE_MODEL_VERSION_FROM_RUN_MUTATION, { input: { runId, name: name.trim(), notes: notes.trim() || null, activate } });
      return gql(CREATE_MODEL_VERSION_FROM_RUN_MUTATION, {
        input: {
          runId,
          name: name.trim(),
          baseUrl: openai.baseUrl.trim() || null,
          api: openai.api,
          apiKeyEnv: openai.apiKeyEnv.trim() || null,
          temperature: (s.temperature as number | undefined) ?? null,
          maxTokens: (s.maxTokens as number | undefined) ?? null,
          timeoutMs: (s.timeoutMs as number | undefined) ?? null,
          notes: notes.trim() || null,
          activate,
        },
      });
    },
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: ["models"] });
      void queryClient.invalidateQueries({ queryKey: ["modelVersionOptions"] });
      onCreated(data.createModelVersionFromTrainingRun.id);
    },
  });
  const errors = fieldErrors(create.error);
  const other = create.error && Object.keys(errors).filter((f) => f !== "").length === 0 ? errorMessage(create.error) : null;
  if (runs.isSuccess && list.length === 0) return <p className="muted">No succeeded training runs yet: queue one on the Runs page.</p>;
  return (
    <form
      aria-label="Create model version from a training run"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label className="field-label" htmlFor="mv-run">
            Training run
          </label>
          <select id="mv-run" value={runId} onChange={(e) => setRunId(e.target.value)} aria-invalid={errors.runId ? true : undefined}>
            <option value="">Choose a succeeded run…</option>
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} · {r.baseModel} · {r.dataset?.name ?? "dataset deleted"} · {formatDateTime(r.finishedAt)}
              </option>
            ))}
          </select>
          <FieldError id="err-mv-run" message={errors.runId} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="mv-run-name">
            Name (also the adapter&apos;s served name)
          </label>
          <input id="mv-run-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} />
          <FieldError id="err-mv-run-name" message={errors.name} />
        </div>
      </div>
      {ranker ? (
        <p className="muted">A toolrec/ranker run: the API serves its ranker.json weights itself (generator RANKER), so there are no server settings.</p>
      ) : (
        <OpenAiSettingsFields value={openai} onChange={setOpenai} errors={errors} prefix="mv-run" needModel={false} />
      )}
      <div className="field">
        <label className="field-label" htmlFor="mv-run-notes">
          Notes
        </label>
        <textarea id="mv-run-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <FieldError id="err-mv-run-notes" message={errors.notes} />
      </div>
      <div className="form-actions">
        <label className="switch">
          <input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} /> Make it the default at once
        </label>
        <button type="submit" className="btn primary" disabled={create.isPending || !runId || !name.trim()}>
          {create.isPending ? "Creating…" : "Create version from run"}
        </button>
        {other && (
          <span className="field-error" role="alert">
            {other}
          </span>
        )}
      </div>
    </form>
  );
}

/** Both ways to create a version; `fromRun` (a run id from the Run page's link) opens the second. */
export function CreateVersionCard({ onCreated, fromRun }: { onCreated: (id: string) => void; fromRun: string | null }) {
  const [tab, setTab] = useState<"manual" | "run">(fromRun ? "run" : "manual");
  return (
    <section className="card" aria-label="New model version">
      <h2>New model version</h2>
      <div className={styles.tabs} role="tablist">
        <button type="button" role="tab" aria-selected={tab === "manual"} className={`btn small ${tab === "manual" ? "primary" : ""}`} onClick={() => setTab("manual")}>
          Settings by hand
        </button>
        <button type="button" role="tab" aria-selected={tab === "run"} className={`btn small ${tab === "run" ? "primary" : ""}`} onClick={() => setTab("run")}>
          From a training run
        </button>
      </div>
      {tab === "manual" ? <ManualForm onCreated={onCreated} /> : <FromRunForm onCreated={onCreated} initialRunId={fromRun} />}
    </section>
  );
}

"use client";

// The Offline experiments page (issue 13): simulated A/B tests of model versions. A form starts
// one (arms from the registry, a control, impressions, seed, K and the simulated user model);
// the API runs it in the background and the page polls its progress; stored experiments are
// listed, and the selected one's table (the paper's Table 1 metrics with 95% intervals and the
// difference against control) and a chart of CTR and tool-invoking CTR per arm with interval
// whiskers are shown. The selected experiment is in the URL (?experiment=). ENGINEER and ADMIN.

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { FieldError } from "@/components/FieldError";
import { ProgressBar } from "@/components/ProgressBar";
import { useViewer } from "@/components/ViewerContext";
import { Rate } from "@/components/serving/AbReportCard";
import { canManageModels } from "@/components/serving/queries";
import { formatDateTime, formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { useUrlState } from "@/lib/urlState";
import { IntervalChart, type IntervalPoint } from "./IntervalChart";
import {
  DELETE_OFFLINE_EXPERIMENT_MUTATION,
  OFFLINE_EXPERIMENT_QUERY,
  OFFLINE_EXPERIMENTS_QUERY,
  START_OFFLINE_EXPERIMENT_MUTATION,
  type OfflineExperimentSummaryView,
  type OfflineExperimentView,
  type OfflineRowView,
} from "./queries";
import styles from "./offline.module.css";

const POLL_MS = 1000;

/** The user model's parameters as the form shows them (defaults: packages/core DEFAULT_EXPERIMENT_USER_MODEL). */
const USER_MODEL_FIELDS = [
  { key: "toolPreference", label: "Tool preference", hint: "How much more a relevant tool-invoking suggestion is clicked than a general one; 1 = no preference", value: "3", step: "0.1" },
  { key: "zipfExponent", label: "Activity spread", hint: "Zipf exponent of users' activity; 0 = every user equally active", value: "1", step: "0.1" },
  { key: "users", label: "Users", hint: "Users in the population", value: "400", step: "1" },
  { key: "clickRateMedian", label: "Median click propensity", hint: "Median per-user click propensity", value: "0.03", step: "0.005" },
  { key: "clickRateSigma", label: "Propensity spread", hint: "Log-normal sigma of the propensity across users", value: "1", step: "0.1" },
] as const;
type UserModelKey = (typeof USER_MODEL_FIELDS)[number]["key"];

const num = (s: string) => (s.trim() === "" ? null : Number(s));

function StartForm({ versions, onStarted }: { versions: { id: string; name: string; kind: string; isDefault: boolean }[]; onStarted: (id: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [arms, setArms] = useState<string[]>(() => {
    const def = versions.find((v) => v.isDefault) ?? versions[0];
    const other = versions.find((v) => v.id !== def?.id);
    return [def?.id, other?.id].filter((x): x is string => !!x);
  });
  const [control, setControl] = useState<string | null>(null);
  const [impressions, setImpressions] = useState("5000");
  const [seed, setSeed] = useState("1");
  const [k, setK] = useState("5");
  const [userModel, setUserModel] = useState<Record<UserModelKey, string>>(() => Object.fromEntries(USER_MODEL_FIELDS.map((f) => [f.key, f.value])) as Record<UserModelKey, string>);
  const controlId = control && arms.includes(control) ? control : (arms[0] ?? null);
  const start = useMutation({
    mutationFn: () =>
      gql(START_OFFLINE_EXPERIMENT_MUTATION, {
        input: {
          name: name.trim(),
          arms,
          controlModelVersionId: controlId,
          impressions: num(impressions),
          seed: num(seed),
          k: num(k),
          userModel: Object.fromEntries(USER_MODEL_FIELDS.map((f) => [f.key, num(userModel[f.key])])),
        },
      }),
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: ["offlineExperiments"] });
      onStarted(data.startOfflineExperiment.id);
    },
  });
  const errors = fieldErrors(start.error);
  const known = (f: string) => f === "name" || f === "impressions" || f === "seed" || f === "k" || f === "controlModelVersionId" || f.startsWith("arms") || f.startsWith("userModel.");
  const other = start.error && !Object.keys(errors).some(known) ? errorMessage(start.error) : null;
  const armErrors = Object.entries(errors).filter(([f]) => f.startsWith("arms"));
  const toggle = (id: string) => setArms(arms.includes(id) ? arms.filter((a) => a !== id) : [...arms, id]);

  return (
    <form
      aria-label="Start offline experiment"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        start.mutate();
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="oexp-name">
          Name
        </label>
        <input id="oexp-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. grounded vs ranker-toolrec" aria-invalid={errors.name ? true : undefined} />
        <FieldError id="err-oexp-name" message={errors.name} />
      </div>
      <span className="field-label">Arms (model versions; the control is compared with every other)</span>
      <div data-testid="arm-picker">
        {versions.map((v) => (
          <div key={v.id} className={styles.armPick}>
            <input type="checkbox" id={`oexp-arm-${v.id}`} checked={arms.includes(v.id)} onChange={() => toggle(v.id)} aria-label={`Arm ${v.name}`} />
            <label htmlFor={`oexp-arm-${v.id}`}>
              {v.name} <span className="muted small">({v.kind.toLowerCase()}{v.isDefault ? ", default" : ""})</span>
            </label>
            <label className="switch small">
              <input type="radio" name="oexp-control" disabled={!arms.includes(v.id)} checked={controlId === v.id} onChange={() => setControl(v.id)} aria-label={`${v.name} is the control`} /> control
            </label>
          </div>
        ))}
      </div>
      {armErrors.length > 0 && <FieldError id="err-oexp-arms" message={armErrors.map(([, m]) => m).join("; ")} />}
      <FieldError id="err-oexp-control" message={errors.controlModelVersionId} />
      <div className={styles.params}>
        <div className="field">
          <label className="field-label" htmlFor="oexp-impressions">
            Impressions per arm
          </label>
          <input id="oexp-impressions" type="number" min={100} max={100000} step={100} value={impressions} onChange={(e) => setImpressions(e.target.value)} aria-invalid={errors.impressions ? true : undefined} />
          <FieldError id="err-oexp-impressions" message={errors.impressions} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="oexp-seed">
            Seed
          </label>
          <input id="oexp-seed" type="number" min={0} step={1} value={seed} onChange={(e) => setSeed(e.target.value)} aria-invalid={errors.seed ? true : undefined} />
          <FieldError id="err-oexp-seed" message={errors.seed} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="oexp-k" title="Suggestions generated per impression; users see the first 3 to 5">
            K
          </label>
          <input id="oexp-k" type="number" min={1} max={12} step={1} value={k} onChange={(e) => setK(e.target.value)} aria-invalid={errors.k ? true : undefined} />
          <FieldError id="err-oexp-k" message={errors.k} />
        </div>
      </div>
      <fieldset className="field">
        <legend className="field-label">Simulated users</legend>
        <div className={styles.params}>
          {USER_MODEL_FIELDS.map((f) => (
            <div key={f.key} className="field">
              <label className="field-label" htmlFor={`oexp-${f.key}`} title={f.hint}>
                {f.label}
              </label>
              <input
                id={`oexp-${f.key}`}
                type="number"
                step={f.step}
                value={userModel[f.key]}
                onChange={(e) => setUserModel({ ...userModel, [f.key]: e.target.value })}
                aria-invalid={errors[`userModel.${f.key}`] ? true : undefined}
              />
              <FieldError id={`err-oexp-${f.key}`} message={errors[`userModel.${f.key}`]} />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={start.isPending || !name.trim()}>
          {start.isPending ? "Starting…" : "Run offline experiment"}
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

const point = (row: OfflineRowView, pick: (r: OfflineRowView) => OfflineRowView["ctr"]): IntervalPoint | null => {
  const r = pick(row);
  return r.value === null || r.lower === null || r.upper === null ? null : { label: row.arm.name, value: r.value, lower: r.lower, upper: r.upper, control: row.isControl };
};

function ResultTable({ rows }: { rows: OfflineRowView[] }) {
  return (
    <>
      <div style={{ overflowX: "auto" }}>
        <table className="data" data-testid="offline-table">
          <thead>
            <tr>
              <th>Arm</th>
              <th className="num">Impressions</th>
              <th title="Impressions with a click on an exposed suggestion / impressions">CTR</th>
              <th title="Impressions with a click on an exposed tool-invoking suggestion / impressions">Tool-invoking CTR</th>
              <th title="Clicked suggestions / exposed suggestions">Clicks per exposed suggestion</th>
              <th title="Exposed tool-invoking suggestions / exposed suggestions">Tool-invoking share of exposed</th>
              <th className="num" title="Impressions whose generator fell back to grounded">Fallbacks</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.arm.modelVersionId} data-arm={row.arm.name} data-impressions={row.impressions}>
                <td>
                  <strong>{row.arm.name}</strong> {row.isControl && <span className="badge">control</span>}
                  <div className="small muted">{row.arm.kind.toLowerCase()}</div>
                </td>
                <td className="num">{formatInt(row.impressions)}</td>
                <td data-metric="ctr">
                  <Rate r={row.ctr} control={row.isControl} />
                </td>
                <td data-metric="toolInvokingCtr">
                  <Rate r={row.toolInvokingCtr} control={row.isControl} />
                </td>
                <td>
                  <Rate r={row.clicksPerExposedSuggestion} control={row.isControl} />
                </td>
                <td>
                  <Rate r={row.toolInvokingExposedShare} control={row.isControl} />
                </td>
                <td className="num">{formatInt(row.fallbacks)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field-hint" style={{ marginTop: "0.4rem" }}>
        Brackets: 95% Wilson intervals. Under a variant: its difference against control (percentage points) with the 95% Newcombe interval, green or red when that interval excludes 0. Simulated users under the user model shown, not real ones.
      </p>
      <div className={styles.charts}>
        <IntervalChart title="CTR per arm" points={rows.map((r) => point(r, (x) => x.ctr)).filter((p): p is IntervalPoint => p !== null)} />
        <IntervalChart title="Tool-invoking CTR per arm" points={rows.map((r) => point(r, (x) => x.toolInvokingCtr)).filter((p): p is IntervalPoint => p !== null)} />
      </div>
    </>
  );
}

function Detail({ summary }: { summary: OfflineExperimentSummaryView }) {
  const queryClient = useQueryClient();
  // The table is read once the list says the experiment finished (the list polls progress).
  const full = useQuery({
    queryKey: ["offlineExperiment", summary.id, summary.status],
    queryFn: () => gql(OFFLINE_EXPERIMENT_QUERY, { id: summary.id }),
    enabled: summary.status === "SUCCEEDED",
  });
  const e: OfflineExperimentSummaryView & { rows?: OfflineExperimentView["rows"] } = { ...summary, ...(full.data?.offlineExperiment ?? {}), progress: summary.progress, status: summary.status };
  const remove = useMutation({
    mutationFn: () => gql(DELETE_OFFLINE_EXPERIMENT_MUTATION, { id: e.id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["offlineExperiments"] }),
  });
  const um = e.userModel;
  return (
    <section className="card" aria-label={`Offline experiment ${e.name}`} data-testid="offline-detail" data-status={e.status === "SUCCEEDED" && !e.rows ? "LOADING" : e.status}>
      <div className="row" style={{ marginBottom: "0.4rem" }}>
        <h2 style={{ margin: 0 }}>{e.name}</h2>
        <div className="spacer" />
        <button type="button" className="btn small ghost" disabled={remove.isPending} onClick={() => remove.mutate()}>
          Delete
        </button>
      </div>
      <p className="small muted" style={{ marginTop: 0 }}>
        {formatInt(e.impressions)} impressions per arm · seed {e.seed} · K {e.k} · users: tool preference {um.toolPreference}, activity spread {um.zipfExponent}, {formatInt(um.users)} users, median click
        propensity {um.clickRateMedian} (sigma {um.clickRateSigma}) · started {formatDateTime(e.createdAt)} by {e.createdBy}
        {e.durationMs !== null && e.durationMs !== undefined ? ` · ${(e.durationMs / 1000).toFixed(1)} s` : ""}
      </p>
      {e.status === "RUNNING" && (
        <div className={styles.progressRow} data-testid="offline-progress">
          <ProgressBar progress={e.progress} label={`Simulating ${e.name}`} />
          <span className="small">{Math.round(e.progress * 100)}%</span>
        </div>
      )}
      {e.status === "FAILED" && (
        <div className="notice error" role="alert">
          {e.error ?? "The experiment failed."}
        </div>
      )}
      {full.isError && <ErrorNotice action="load the table" error={full.error} onRetry={() => void full.refetch()} />}
      {e.status === "SUCCEEDED" && e.rows && <ResultTable rows={e.rows} />}
    </section>
  );
}

export function OfflineExperimentsPage() {
  const viewer = useViewer();
  const canManage = canManageModels(viewer.role);
  const url = useUrlState();
  const selectedId = url.params.get("experiment");
  const list = useQuery({
    queryKey: ["offlineExperiments"],
    queryFn: () => gql(OFFLINE_EXPERIMENTS_QUERY),
    enabled: canManage,
    refetchInterval: (q) => (q.state.data?.offlineExperiments.some((e) => e.status === "RUNNING") ? POLL_MS : false),
  });

  if (!canManage) {
    return (
      <>
        <div className="page-head">
          <h1>Offline experiments</h1>
        </div>
        <div className="notice warn" role="alert">
          Offline experiments are for ENGINEER and ADMIN keys; yours is {viewer.role}.
        </div>
      </>
    );
  }

  const experiments = list.data?.offlineExperiments ?? [];
  const selected = experiments.find((e) => e.id === selectedId) ?? experiments[0] ?? null;
  const select = (id: string) => url.set({ experiment: id });

  return (
    <>
      <div className="page-head">
        <h1>Offline experiments</h1>
        <span className="muted">Simulated A/B tests of model versions through the serving path, on simulated users with a stated user model.</span>
      </div>
      {list.isError && <ErrorNotice action="load the offline experiments" error={list.error} onRetry={() => void list.refetch()} />}
      <div className={styles.layout}>
        <section className="card" aria-label="New offline experiment">
          <h2>New offline experiment</h2>
          {list.data ? <StartForm versions={list.data.modelVersions} onStarted={select} /> : <p className="muted">Loading…</p>}
        </section>
        <div>
          <section className="card" aria-label="Offline experiments">
            <h2>Stored experiments</h2>
            {list.data && experiments.length === 0 && <p className="muted">None yet: start one with the form.</p>}
            {experiments.length > 0 && (
              <table className="data" data-testid="offline-experiments">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Arms</th>
                    <th className="num">Impressions</th>
                    <th className="num">Seed</th>
                    <th>Status</th>
                    <th>Started</th>
                  </tr>
                </thead>
                <tbody>
                  {experiments.map((e) => (
                    <tr key={e.id} data-experiment={e.name} data-status={e.status} className={e.id === selected?.id ? styles.selected : undefined}>
                      <td>
                        <Link href={`/offline-experiments?experiment=${encodeURIComponent(e.id)}`} scroll={false}>
                          <strong>{e.name}</strong>
                        </Link>
                      </td>
                      <td className="small">{e.arms.map((a) => `${a.name}${a.isControl ? " (control)" : ""}`).join(", ")}</td>
                      <td className="num">{formatInt(e.impressions)}</td>
                      <td className="num">{e.seed}</td>
                      <td>
                        {e.status === "RUNNING" ? (
                          <ProgressBar progress={e.progress} label={`${e.name} progress`} />
                        ) : (
                          <span className={`badge ${e.status === "SUCCEEDED" ? "ok" : "off"}`}>{e.status.toLowerCase()}</span>
                        )}
                      </td>
                      <td className="small">{formatDateTime(e.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      </div>
      {selected && <Detail key={selected.id} summary={selected} />}
    </>
  );
}

"use client";

// One training run: status and progress, live charts (polled every 1.5 s while it is queued or
// running) of loss, KL, reward margins, learning rate and tokens/s, the log tail, artifacts
// with downloads, cancel, and "register as model version".

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { FieldError } from "@/components/FieldError";
import { formatDateTime, formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { MetricChart, type Series } from "./MetricChart";
import { artifactHref, CANCEL_RUN_MUTATION, isActive, REGISTER_MODEL_VERSION_MUTATION, RUN_QUERY, type Hyperparameters, type MetricPoint, type RunDetail } from "./queries";
import { ProgressBar, StatusBadge } from "./StatusBadge";
import styles from "./runs.module.css";

const POLL_MS = 1500;

function series(points: MetricPoint[], pick: (p: MetricPoint) => number | null, label: string, className = "s1"): Series {
  return { label, className, points: points.map((p) => ({ x: p.step, y: pick(p) })) };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function Summary({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className={styles.summaryItem}>
      <div className={styles.summaryLabel}>{label}</div>
      <div className={styles.summaryValue}>{children}</div>
    </div>
  );
}

function LogTail({ lines, follow }: { lines: string[]; follow: boolean }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (follow && ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [lines, follow]);
  return (
    <pre className={styles.log} ref={ref} data-testid="log-tail" tabIndex={0} aria-label="Log tail">
      {lines.length ? lines.join("\n") : "No log lines yet."}
    </pre>
  );
}

function RegisterForm({ run }: { run: RunDetail }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(`${run.baseModel.replace(/[^a-z0-9._-]+/gi, "-").toLowerCase()}-${run.id.slice(-6)}`);
  const register = useMutation({
    mutationFn: () => gql(REGISTER_MODEL_VERSION_MUTATION, { runId: run.id, name: name.trim() }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["trainingRun", run.id] }),
  });
  const errors = fieldErrors(register.error);
  const other = register.error && !errors.name ? errorMessage(register.error) : null;
  return (
    <form
      className="row"
      aria-label="Register as model version"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        register.mutate();
      }}
    >
      <div className="field" style={{ marginBottom: 0 }}>
        <label className="field-label" htmlFor="mv-name">
          Adapter name
        </label>
        <input id="mv-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} />
        <FieldError id="err-mv-name" message={errors.name} />
      </div>
      <button type="submit" className="btn primary" disabled={register.isPending || !name.trim()}>
        {register.isPending ? "Registering…" : "Register as model version"}
      </button>
      {other && (
        <span className="field-error" role="alert">
          {other}
        </span>
      )}
    </form>
  );
}

export function RunView({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: ["trainingRun", id],
    queryFn: () => gql(RUN_QUERY, { id }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.trainingRun && isActive(q.state.data.trainingRun.status) ? POLL_MS : false),
  });
  const [confirmCancel, setConfirmCancel] = useState(false);
  const cancel = useMutation({
    mutationFn: () => gql(CANCEL_RUN_MUTATION, { id }),
    onSuccess: () => {
      setConfirmCancel(false);
      void queryClient.invalidateQueries({ queryKey: ["trainingRun", id] });
    },
  });

  if (run.isError) return <ErrorNotice action="load the run" error={run.error} />;
  if (!run.data) return <p className="muted">Loading…</p>;
  const r = run.data.trainingRun;
  if (!r) {
    return (
      <div className="notice warn" role="alert">
        No training run {id}. <Link href="/runs">All runs</Link>
      </div>
    );
  }
  const pts = r.metricSeries;
  const hp = (r.hyperparameters ?? {}) as Hyperparameters;
  return (
    <>
      <div className="page-head">
        <h1 className="mono">{r.id}</h1>
        <StatusBadge status={r.status} cancelRequested={r.cancelRequested} />
        {isActive(r.status) && <span className="spinner" aria-label="Live" />}
        <Link href="/runs" className="small">
          All runs
        </Link>
      </div>

      <div className={styles.summary}>
        <Summary label="Progress">
          <div className="row">
            <ProgressBar progress={r.progress} label="Run progress" />
            <span data-testid="run-progress">{r.totalSteps ? `step ${r.step} of ${r.totalSteps}` : `${Math.round(r.progress * 100)}%`}</span>
          </div>
        </Summary>
        <Summary label="Dataset">{r.dataset?.name ?? `${r.datasetId} (deleted)`}</Summary>
        <Summary label="Base model">
          <span className="mono">{r.baseModel}</span>
        </Summary>
        <Summary label="Worker">{r.worker?.name ?? "—"}</Summary>
        <Summary label="Attempts">
          {r.attempts}
          {r.requeues > 0 && ` (requeued ${r.requeues}×${r.resumedFromStep != null ? `, resumed at step ${r.resumedFromStep}` : ""})`}
        </Summary>
        <Summary label="Created">
          {formatDateTime(r.createdAt)} · {r.createdBy}
        </Summary>
        <Summary label="Finished">{formatDateTime(r.finishedAt)}</Summary>
        <Summary label="Hyperparameters">
          <span className="small">
            β {String(hp.beta)} · lr {String(hp.learningRate)} · batch {String(hp.batchSize)} · r {String(hp.loraRank)} · {hp.maxSteps ? `${String(hp.maxSteps)} steps` : `${String(hp.epochs)} epoch(s)`} · gpus {String(hp.gpus)}
          </span>
        </Summary>
      </div>

      {r.status === "QUEUED" && <div className="notice info" role="status">Queued: a worker that can train {r.baseModel} with {String(hp.gpus)} GPU(s) will claim it.</div>}
      {r.error && (
        <div className="notice error" role="alert" data-testid="run-error">
          <strong>The run failed.</strong>
          <pre className={styles.error}>{r.error}</pre>
        </div>
      )}

      {isActive(r.status) && (
        <div className={styles.actions} style={{ marginBottom: "1rem" }}>
          {r.cancelRequested ? (
            <span className="muted">Cancelling: the worker stops the trainer at its next heartbeat (it checkpoints first).</span>
          ) : confirmCancel ? (
            <>
              <span>Cancel this run?</span>
              <button type="button" className="btn danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
                Yes, cancel it
              </button>
              <button type="button" className="btn ghost" onClick={() => setConfirmCancel(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="btn danger" onClick={() => setConfirmCancel(true)}>
              Cancel run…
            </button>
          )}
          {cancel.isError && <ErrorNotice action="cancel" error={cancel.error} />}
        </div>
      )}

      <section className="card" aria-label="Metrics">
        <h2>Metrics {pts.length > 0 && <span className="muted small">({formatInt(pts.length)} steps)</span>}</h2>
        <div className={styles.charts}>
          <MetricChart title="Loss" series={[series(pts, (p) => p.loss, "loss")]} />
          <MetricChart title="KL" series={[series(pts, (p) => p.kl, "kl")]} />
          <MetricChart
            title="Rewards"
            series={[series(pts, (p) => p.rewardsMargins, "margins"), series(pts, (p) => p.rewardsChosen, "chosen", "s2"), series(pts, (p) => p.rewardsRejected, "rejected", "s3")]}
          />
          <MetricChart title="Learning rate" series={[series(pts, (p) => p.lr, "lr")]} />
          <MetricChart title="Tokens per second" series={[series(pts, (p) => p.tokensPerS, "tokens/s")]} />
        </div>
      </section>

      <section className="card" aria-label="Log">
        <h2>Log</h2>
        <LogTail lines={r.logTail} follow={isActive(r.status)} />
      </section>

      <section className="card" aria-label="Artifacts">
        <h2>Artifacts</h2>
        {r.artifacts.length === 0 ? (
          <p className="muted">None yet: the worker uploads the adapter, run.json, metrics.jsonl and the log when the run ends (checkpoints while it runs).</p>
        ) : (
          <table className="data compact" data-testid="artifacts">
            <thead>
              <tr>
                <th>File</th>
                <th>Kind</th>
                <th className="num">Size</th>
                <th>sha256</th>
              </tr>
            </thead>
            <tbody>
              {r.artifacts.map((a) => (
                <tr key={a.path}>
                  <td className="mono small">
                    <a href={artifactHref(a.downloadPath)} download>
                      {a.path}
                    </a>
                  </td>
                  <td className="small">{a.kind}</td>
                  <td className="num small">{formatBytes(a.bytes)}</td>
                  <td className="mono small" title={a.sha256}>
                    {a.sha256.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {r.status === "SUCCEEDED" && (
        <section className="card" aria-label="Model versions">
          <h2>Model version</h2>
          <p className="muted small">
            Registers this adapter to be served: generator <code>openai</code> (vLLM) with base model <code>{r.baseModel}</code> and the adapter loaded by{" "}
            <code>--lora-modules NAME=PATH</code>. Point it at another server, or set its temperature and deadline, with{" "}
            <Link href={`/models?fromRun=${encodeURIComponent(r.id)}`}>a version from this run on the Models page</Link>.
          </p>
          {r.modelVersions.map((m) => (
            <div key={m.id} className="notice ok" role="status" data-testid="model-version">
              <strong>{m.name}</strong> registered ({m.status.toLowerCase().replace("_", " ")}) by {m.createdBy}: <code>--lora-modules {m.loraModules}</code>
              {" · "}
              <Link href={`/models?version=${encodeURIComponent(m.modelVersion.id)}`}>Open in Models</Link> to make it the default or start an experiment
            </div>
          ))}
          {r.modelVersions.length === 0 && <RegisterForm run={r} />}
        </section>
      )}
    </>
  );
}

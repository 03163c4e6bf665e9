"use client";

// The experiment allocation: the running experiment's arms with a Stop button, or a form to
// start one (two or more versions, integer percentages summing to 100, a control arm). Users
// are assigned by a stable hash of userId, so each stays in one arm.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FieldError } from "@/components/FieldError";
import { formatDateTime, formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { START_EXPERIMENT_MUTATION, STOP_EXPERIMENT_MUTATION, type ExperimentView, type ModelVersionView } from "./queries";
import styles from "./serving.module.css";

interface ArmDraft {
  modelVersionId: string;
  percent: string;
}

function initialArms(versions: ModelVersionView[]): ArmDraft[] {
  const def = versions.find((v) => v.isDefault) ?? versions[0];
  const other = versions.find((v) => v.id !== def?.id);
  return [
    { modelVersionId: def?.id ?? "", percent: "50" },
    { modelVersionId: other?.id ?? "", percent: "50" },
  ];
}

function StartForm({ versions, onStarted }: { versions: ModelVersionView[]; onStarted: (id: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [arms, setArms] = useState<ArmDraft[]>(() => initialArms(versions));
  const [control, setControl] = useState(0);
  const [notes, setNotes] = useState("");
  const start = useMutation({
    mutationFn: () =>
      gql(START_EXPERIMENT_MUTATION, {
        input: {
          name: name.trim(),
          arms: arms.map((a) => ({ modelVersionId: a.modelVersionId, percent: Number(a.percent) })),
          controlModelVersionId: arms[control]?.modelVersionId || null,
          notes: notes.trim() || null,
        },
      }),
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: ["models"] });
      void queryClient.invalidateQueries({ queryKey: ["abReport"] });
      onStarted(data.startExperiment.id);
    },
  });
  const errors = fieldErrors(start.error);
  const armFields = Object.keys(errors).filter((f) => f.startsWith("arms"));
  const other = start.error && !Object.keys(errors).some((f) => f === "name" || f === "notes" || f === "controlModelVersionId" || f.startsWith("arms")) ? errorMessage(start.error) : null;
  const sum = arms.reduce((a, arm) => a + (Number(arm.percent) || 0), 0);
  const setArm = (i: number, patch: Partial<ArmDraft>) => setArms(arms.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  return (
    <form
      aria-label="Start experiment"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        start.mutate();
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="exp-name">
          Experiment name
        </label>
        <input id="exp-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. grounded vs kto-run-12" aria-invalid={errors.name ? true : undefined} />
        <FieldError id="err-exp-name" message={errors.name} />
      </div>
      <span className="field-label">Arms (share of users, sticky per user)</span>
      {arms.map((arm, i) => (
        <div key={i} className={styles.armRow} data-testid={`arm-${i}`}>
          <select
            aria-label={`Arm ${i + 1} version`}
            value={arm.modelVersionId}
            onChange={(e) => setArm(i, { modelVersionId: e.target.value })}
            aria-invalid={errors[`arms[${i}].modelVersionId`] ? true : undefined}
          >
            <option value="">Choose a version…</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
                {v.isDefault ? " (default)" : ""}
              </option>
            ))}
          </select>
          <input
            aria-label={`Arm ${i + 1} percent`}
            type="number"
            className="num"
            min={1}
            max={99}
            value={arm.percent}
            onChange={(e) => setArm(i, { percent: e.target.value })}
            aria-invalid={errors[`arms[${i}].percent`] ? true : undefined}
          />
          <label className="switch small">
            <input type="radio" name="exp-control" checked={control === i} onChange={() => setControl(i)} aria-label={`Arm ${i + 1} is the control`} /> control
          </label>
          <button
            type="button"
            className="btn small ghost"
            aria-label={`Remove arm ${i + 1}`}
            disabled={arms.length <= 2}
            onClick={() => {
              setArms(arms.filter((_, j) => j !== i));
              setControl((c) => (c === i ? 0 : c > i ? c - 1 : c));
            }}
          >
            ✕
          </button>
          {(errors[`arms[${i}].modelVersionId`] || errors[`arms[${i}].percent`]) && (
            <p className="field-error" role="alert" style={{ gridColumn: "1 / -1" }}>
              {[errors[`arms[${i}].modelVersionId`], errors[`arms[${i}].percent`]].filter(Boolean).join("; ")}
            </p>
          )}
        </div>
      ))}
      <div className="row" style={{ marginBottom: "0.6rem" }}>
        <button type="button" className="btn small" disabled={arms.length >= 10} onClick={() => setArms([...arms, { modelVersionId: "", percent: "0" }])}>
          + Add arm
        </button>
        <span className={`small ${sum === 100 ? "muted" : "warn-text"}`} data-testid="arm-sum">
          {sum}% of users{sum === 100 ? "" : " (must be 100)"}
        </span>
      </div>
      <FieldError id="err-exp-arms" message={errors.arms ?? armFields.filter((f) => !/^arms\[\d+\]\./.test(f)).map((f) => errors[f]).join("; ")} />
      <FieldError id="err-exp-control" message={errors.controlModelVersionId} />
      <div className="field">
        <label className="field-label" htmlFor="exp-notes">
          Notes
        </label>
        <textarea id="exp-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <FieldError id="err-exp-notes" message={errors.notes} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={start.isPending || !name.trim()}>
          {start.isPending ? "Starting…" : "Start experiment"}
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

function Running({ experiment, canManage }: { experiment: ExperimentView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const stop = useMutation({
    mutationFn: () => gql(STOP_EXPERIMENT_MUTATION, { id: experiment.id }),
    onSuccess: () => {
      setConfirm(false);
      void queryClient.invalidateQueries({ queryKey: ["models"] });
      void queryClient.invalidateQueries({ queryKey: ["abReport"] });
    },
  });
  return (
    <div data-testid="running-experiment">
      <p style={{ marginTop: 0 }}>
        <span className="badge ok">running</span> <strong>{experiment.name}</strong> <span className="muted small">since {formatDateTime(experiment.startedAt)} by {experiment.createdBy} · {formatInt(experiment.impressionCount)} impressions</span>
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Arm</th>
            <th className="num">Users</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {experiment.arms.map((a) => (
            <tr key={a.modelVersionId}>
              <td>
                {a.modelVersion.name} <span className="muted small">({a.modelVersion.kind.toLowerCase()})</span>
              </td>
              <td className="num">{a.percent}%</td>
              <td>{a.isControl ? <span className="badge">control</span> : <span className="muted small">variant</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {experiment.notes && <p className="small">{experiment.notes}</p>}
      {canManage && (
        <div className="row" style={{ marginTop: "0.6rem" }}>
          {confirm ? (
            <>
              <span>Stop it? Users go back to the default version.</span>
              <button type="button" className="btn danger" disabled={stop.isPending} onClick={() => stop.mutate()}>
                {stop.isPending ? "Stopping…" : "Yes, stop it"}
              </button>
              <button type="button" className="btn ghost" onClick={() => setConfirm(false)}>
                Keep running
              </button>
            </>
          ) : (
            <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
              Stop experiment…
            </button>
          )}
          {stop.error && (
            <span className="field-error" role="alert">
              {errorMessage(stop.error)}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

export function ExperimentPanel({ running, versions, canManage, onStarted }: { running: ExperimentView | null; versions: ModelVersionView[]; canManage: boolean; onStarted: (id: string) => void }) {
  return (
    <section className="card" aria-label="Experiment">
      <h2>Experiment</h2>
      {running ? (
        <Running experiment={running} canManage={canManage} />
      ) : canManage ? (
        versions.length < 2 ? (
          <p className="muted">An experiment needs two versions: create a variant first.</p>
        ) : (
          <>
            <p className="muted small" style={{ marginTop: 0 }}>
              No experiment is running: every request is served by the default version.
            </p>
            <StartForm versions={versions} onStarted={onStarted} />
          </>
        )
      ) : (
        <p className="muted">No experiment is running.</p>
      )}
    </section>
  );
}

"use client";

// Queue a training run: a dataset, a base model, and the hyperparameters with the paper's
// defaults and a line of help each, all from the API (the schema the trainer reads too). Empty
// fields take the default; the API validates and its messages appear beside each field.

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { FieldError } from "@/components/FieldError";
import { formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage, fieldErrors } from "@/lib/graphql-errors";
import { formatMetric } from "./MetricChart";
import type { TrainingRunInput } from "@/gql/graphql";
import { CREATE_FORM_QUERY, CREATE_RUN_MUTATION, type BaseModelOption, type HyperparameterSpec } from "./queries";
import { useWorkers } from "./WorkersNotice";
import styles from "./runs.module.css";

/** "0 < x ≤ 10" from the schema's bounds. */
function rangeText(s: HyperparameterSpec): string {
  const lo = s.exclusiveMinimum !== null ? `${formatMetric(s.exclusiveMinimum)} <` : s.minimum !== null ? `${formatMetric(s.minimum)} ≤` : "";
  const hi = s.exclusiveMaximum !== null ? `< ${formatMetric(s.exclusiveMaximum)}` : s.maximum !== null ? `≤ ${formatMetric(s.maximum)}` : "";
  return [lo, s.type === "integer" ? "n" : "x", hi].filter(Boolean).join(" ");
}

export function CreateRunForm() {
  const router = useRouter();
  const form = useQuery({ queryKey: ["createRunForm"], queryFn: () => gql(CREATE_FORM_QUERY), staleTime: 0 });
  const workers = useWorkers();
  const [datasetId, setDatasetId] = useState("");
  const [baseModel, setBaseModel] = useState("toolrec/tiny-random");
  const [values, setValues] = useState<Record<string, string>>({});
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: (input: Record<string, unknown>) => gql(CREATE_RUN_MUTATION, { input: input as TrainingRunInput }),
    onSuccess: (data) => router.push(`/runs/${encodeURIComponent(data.createTrainingRun.id)}`),
  });
  const apiErrors = fieldErrors(create.error);
  const errors = { ...apiErrors, ...localErrors };
  const unplaced = create.error && Object.keys(apiErrors).length === 0 ? errorMessage(create.error) : apiErrors[""];

  if (form.isError) return <ErrorNotice action="load the form" error={form.error} />;
  if (!form.data) return <p className="muted">Loading…</p>;
  const { trainingHyperparameters: specs, trainingBaseModels: models, preferenceDatasets } = form.data;
  const datasets = preferenceDatasets.edges.map((e) => e.node).filter((d) => d.status === "READY");
  const chosenDataset = datasetId || datasets[0]?.id || "";
  const gpusValue = values.gpus?.trim() ? Number(values.gpus) : Number(specs.find((s) => s.name === "gpus")?.default ?? 1);
  const connected = workers.data?.workers.filter((w) => w.connected) ?? [];
  const gpuWorkers = connected.filter((w) => w.gpuCount >= gpusValue);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hyperparameters: Record<string, number | null> = {};
    const local: Record<string, string> = {};
    for (const s of specs) {
      const text = values[s.name]?.trim();
      if (!text) continue;
      const n = Number(text);
      if (!Number.isFinite(n)) local[`hyperparameters.${s.name}`] = `${s.name} must be a number`;
      else hyperparameters[s.name] = n;
    }
    setLocalErrors(local);
    if (Object.keys(local).length) return;
    create.mutate({ datasetId: chosenDataset, baseModel, hyperparameters });
  }

  const model = models.find((m) => m.name === baseModel);
  return (
    <>
      <div className="page-head">
        <h1>New training run</h1>
        <span className="muted">Empty fields take the paper&apos;s default.</span>
      </div>
      <form className="card" onSubmit={onSubmit} aria-label="New training run" noValidate>
        <div className={styles.formGrid}>
          <div className="field">
            <label className="field-label" htmlFor="run-dataset">
              Dataset
            </label>
            <select id="run-dataset" value={chosenDataset} onChange={(e) => setDatasetId(e.target.value)} aria-invalid={errors.datasetId ? true : undefined}>
              {datasets.length === 0 && <option value="">no datasets: save one on the Calibration page</option>}
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({formatInt(d.sampleCount)} samples)
                </option>
              ))}
            </select>
            <FieldError id="err-datasetId" message={errors.datasetId} />
            {!errors.datasetId && <p className="field-hint">A calibrated preference dataset (Calibration → Save as dataset).</p>}
          </div>
          <div className="field">
            <label className="field-label" htmlFor="run-base-model">
              Base model
            </label>
            <select id="run-base-model" value={baseModel} onChange={(e) => setBaseModel(e.target.value)} aria-invalid={errors.baseModel ? true : undefined}>
              {models.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} ({m.connectedWorkers} worker{m.connectedWorkers === 1 ? "" : "s"})
                </option>
              ))}
            </select>
            <FieldError id="err-baseModel" message={errors.baseModel} />
            {!errors.baseModel && model && <p className="field-hint">{model.description} Needs {model.requires.join(", ")}.</p>}
          </div>
        </div>
        <h2>Hyperparameters</h2>
        <div className={styles.formGrid}>
          {specs.map((s) => {
            const key = `hyperparameters.${s.name}`;
            return (
              <div className="field" key={s.name}>
                <label className="field-label" htmlFor={`hp-${s.name}`}>
                  {s.name}
                </label>
                <input
                  id={`hp-${s.name}`}
                  name={s.name}
                  inputMode="decimal"
                  placeholder={s.default === null ? "none" : String(s.default)}
                  value={values[s.name] ?? ""}
                  onChange={(e) => setValues({ ...values, [s.name]: e.target.value })}
                  aria-invalid={errors[key] ? true : undefined}
                  aria-describedby={`help-${s.name}`}
                />
                <FieldError id={`err-${s.name}`} message={errors[key]} />
                <p className="field-hint" id={`help-${s.name}`}>
                  {s.description} Default {s.default === null ? "none" : String(s.default)}; {rangeText(s)}.
                </p>
              </div>
            );
          })}
        </div>
        {workers.data && gpusValue > 0 && gpuWorkers.length === 0 && (
          <p className="field-warn" role="status" data-testid="gpu-hint">
            No connected worker has {gpusValue} GPU{gpusValue > 1 ? "s" : ""}: the run waits in the queue until one connects. Set gpus to 0 to train on a CPU worker.
          </p>
        )}
        {unplaced && (
          <div className="notice error" role="alert">
            {unplaced}
          </div>
        )}
        <div className={styles.actions}>
          <button type="submit" className="btn primary" disabled={create.isPending || !chosenDataset}>
            {create.isPending ? "Queueing…" : "Queue run"}
          </button>
        </div>
      </form>
    </>
  );
}

"use client";

// The Models page: the model-version registry (default marked; make default, roll back; new
// versions by hand or from a training run), the experiment allocation, and the live A/B table
// with CTR and tool-invoking CTR per arm over time. ENGINEER and ADMIN keys change things; the
// API enforces it again. The selected version, the report's experiment and its window are in
// the URL (?version=&experiment=&window=; ?fromRun= opens "From a training run").

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { useViewer } from "@/components/ViewerContext";
import { formatDateTime, formatInt } from "@/lib/format";
import { gql } from "@/lib/graphql";
import { errorMessage } from "@/lib/graphql-errors";
import { enumParam, useUrlState } from "@/lib/urlState";
import { AbReportCard, WINDOWS, type WindowId } from "./AbReportCard";
import { ExperimentPanel } from "./ExperimentPanel";
import { ACTIVATE_MODEL_VERSION_MUTATION, canManageModels, MODELS_QUERY, ROLLBACK_MODEL_VERSION_MUTATION, UPDATE_MODEL_VERSION_NOTES_MUTATION, type ModelVersionView } from "./queries";
import { CreateVersionCard } from "./VersionForms";
import styles from "./serving.module.css";

function settingsSummary(v: ModelVersionView): string {
  const s = (v.settings ?? {}) as Record<string, unknown>;
  if (v.kind === "GROUNDED") return "retrieved tools + general follow-ups, no model";
  return `${String(s.model ?? "?")} @ ${String(s.baseUrl ?? "?")} (${String(s.api ?? "chat")})`;
}

function VersionDetail({ v, canManage }: { v: ModelVersionView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState(v.notes ?? "");
  const save = useMutation({
    mutationFn: () => gql(UPDATE_MODEL_VERSION_NOTES_MUTATION, { id: v.id, notes: notes.trim() || null }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["models"] }),
  });
  return (
    <section className="card" aria-label={`Version ${v.name}`} data-testid="version-detail">
      <h2>
        {v.name} {v.isDefault && <span className="badge ok">default</span>}
      </h2>
      <dl className="meta">
        <dt>Generator</dt>
        <dd>{v.kind.toLowerCase()}</dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(v.createdAt)} by {v.createdBy}
        </dd>
        <dt>Last made default</dt>
        <dd>{formatDateTime(v.activatedAt)}</dd>
        <dt>Impressions served</dt>
        <dd>{formatInt(v.impressionCount)}</dd>
        {v.trainingRunId && (
          <>
            <dt>Training run</dt>
            <dd>
              <Link href={`/runs/${encodeURIComponent(v.trainingRunId)}`}>{v.trainingRunId}</Link>
            </dd>
            <dt>Base model</dt>
            <dd>
              <code>{v.baseModel}</code>
            </dd>
            <dt>vLLM</dt>
            <dd>
              <code>--lora-modules {v.loraModules}</code>
            </dd>
          </>
        )}
      </dl>
      <div className="field" style={{ marginTop: "0.6rem" }}>
        <span className="field-label">Settings</span>
        <pre className={styles.settings} data-testid="version-settings">
          {JSON.stringify(v.settings, null, 2)}
        </pre>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="mv-notes">
          Notes
        </label>
        <textarea id="mv-notes" rows={2} value={notes} readOnly={!canManage} onChange={(e) => setNotes(e.target.value)} />
        {canManage && (
          <div className="row">
            <button type="button" className="btn small" disabled={save.isPending || notes === (v.notes ?? "")} onClick={() => save.mutate()}>
              Save notes
            </button>
            {save.error && <span className="field-error">{errorMessage(save.error)}</span>}
          </div>
        )}
      </div>
    </section>
  );
}

export function ModelsPage() {
  const viewer = useViewer();
  const canManage = canManageModels(viewer.role);
  const queryClient = useQueryClient();
  const url = useUrlState();
  const selectedId = url.params.get("version");
  const experimentId = url.params.get("experiment");
  const fromRun = url.params.get("fromRun");
  const window = enumParam(url.params, "window", WINDOWS.map((w) => w.id), "experiment") as WindowId;

  const models = useQuery({ queryKey: ["models"], queryFn: () => gql(MODELS_QUERY), enabled: canManage, refetchInterval: 5000 });
  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: ["models"] });
    void queryClient.invalidateQueries({ queryKey: ["modelVersionOptions"] });
    void queryClient.invalidateQueries({ queryKey: ["abReport"] });
  };
  const activate = useMutation({ mutationFn: (id: string) => gql(ACTIVATE_MODEL_VERSION_MUTATION, { id }), onSuccess: invalidate });
  const rollback = useMutation({ mutationFn: () => gql(ROLLBACK_MODEL_VERSION_MUTATION), onSuccess: invalidate });

  if (!canManage) {
    return (
      <>
        <div className="page-head">
          <h1>Models</h1>
        </div>
        <div className="notice warn" role="alert">
          Model versions and experiments are for ENGINEER and ADMIN keys; yours is {viewer.role}.
        </div>
      </>
    );
  }

  const data = models.data;
  const versions = data?.modelVersions ?? [];
  const selected = versions.find((v) => v.id === selectedId) ?? null;
  const actionError = activate.error ?? rollback.error;
  const armOf = (id: string) => data?.runningExperiment?.arms.find((a) => a.modelVersionId === id) ?? null;

  return (
    <>
      <div className="page-head">
        <h1>Models</h1>
        <span className="muted">What serves suggestions, which users see which version, and how each does on live traffic.</span>
      </div>
      {models.isError && <ErrorNotice action="load the model versions" error={models.error} onRetry={() => void models.refetch()} />}

      <section className="card" aria-label="Model versions">
        <div className="row" style={{ marginBottom: "0.6rem" }}>
          <h2 style={{ margin: 0 }}>Model versions</h2>
          <div className="spacer" />
          <button type="button" className="btn small" disabled={rollback.isPending} onClick={() => rollback.mutate()} title="Make the previous default the default again">
            {rollback.isPending ? "Rolling back…" : "Roll back to the previous default"}
          </button>
        </div>
        {actionError && (
          <div className="notice error" role="alert">
            {errorMessage(actionError)}
          </div>
        )}
        {rollback.data && (
          <div className="notice ok" role="status">
            Rolled back: <strong>{rollback.data.rollbackModelVersion.name}</strong> is the default again.
          </div>
        )}
        {!data ? (
          <p className="muted">Loading…</p>
        ) : (
          <table className="data" data-testid="model-versions">
            <thead>
              <tr>
                <th>Name</th>
                <th>Generator</th>
                <th>Settings</th>
                <th className="num">Impressions</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-version={v.name} className={v.id === selectedId ? styles.selected : undefined}>
                  <td>
                    <Link href={`/models?${new URLSearchParams({ ...Object.fromEntries(url.params), version: v.id }).toString()}`} scroll={false}>
                      <strong>{v.name}</strong>
                    </Link>{" "}
                    {v.isDefault && <span className="badge ok">default</span>}{" "}
                    {armOf(v.id) && (
                      <span className="badge" title="Its arm in the running experiment">
                        {armOf(v.id)!.isControl ? "control" : "variant"} · {armOf(v.id)!.percent}%
                      </span>
                    )}
                    {v.trainingRunId && (
                      <div className="small">
                        from run <Link href={`/runs/${encodeURIComponent(v.trainingRunId)}`}>{v.trainingRunId}</Link>
                      </div>
                    )}
                  </td>
                  <td>{v.kind.toLowerCase()}</td>
                  <td className="small mono">{settingsSummary(v)}</td>
                  <td className="num">{formatInt(v.impressionCount)}</td>
                  <td className="small">
                    {formatDateTime(v.createdAt)}
                    <div className="muted">{v.createdBy}</div>
                  </td>
                  <td>
                    {!v.isDefault && (
                      <button type="button" className="btn small" disabled={activate.isPending} onClick={() => activate.mutate(v.id)} aria-label={`Make ${v.name} the default`}>
                        Make default
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {selected && <VersionDetail key={selected.id} v={selected} canManage={canManage} />}

      {data && (
        <ExperimentPanel
          running={data.runningExperiment}
          versions={versions}
          canManage={canManage}
          onStarted={() => url.set({ experiment: null, window: null })}
        />
      )}

      {data && (
        <AbReportCard
          experimentId={experimentId}
          onExperiment={(id) => url.set({ experiment: id })}
          window={window}
          onWindow={(w) => url.set({ window: w === "experiment" ? null : w })}
          experiments={data.experiments}
          running={data.runningExperiment}
        />
      )}

      <CreateVersionCard key={fromRun ?? ""} fromRun={fromRun} onCreated={(id) => url.set({ version: id, fromRun: null })} />
    </>
  );
}

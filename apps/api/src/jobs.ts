// Background jobs of this API process (issue 8 §5): work too long for a request runs here,
// off the request path, and reports progress where clients can read it (the dataset row's
// status and progress; an offline experiment's row likewise). The request that starts a job
// answers at once.
import { buildPreferenceDataset, type DatasetBuildPlan, type Db } from "@toolrec/db";
import { runOfflineExperimentJob, type OfflineExperimentPlan, type OfflineJobDeps } from "./experiments/offline.js";

export class JobRunner {
  private readonly running = new Set<Promise<unknown>>();
  private readonly offline = new Set<string>();
  private readonly abort = new AbortController();

  constructor(private readonly db: Db, private readonly log: (line: string) => void = () => undefined) {}

  /** Builds a begun preference dataset in the background; failures end up on the row (FAILED) and in the log. */
  buildDataset(plan: DatasetBuildPlan): void {
    const job = buildPreferenceDataset(this.db, plan, undefined, this.abort.signal)
      .then((d) => this.log(`dataset ${d.id} (${d.name}): ${d.sampleCount} samples`))
      .catch((err) => this.log(`dataset ${plan.id} (${plan.name}) failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Runs a begun offline experiment in the background; failures end up on the row (FAILED) and in the log. */
  runOfflineExperiment(deps: Omit<OfflineJobDeps, "db" | "signal">, plan: OfflineExperimentPlan): void {
    this.offline.add(plan.id);
    const job = runOfflineExperimentJob({ ...deps, db: this.db, signal: this.abort.signal }, plan)
      .then((e) => this.log(`offline experiment ${e.id} (${e.name}): ${e.impressions} impressions x ${plan.arms.length} arms in ${((e.durationMs ?? 0) / 1000).toFixed(1)} s`))
      .catch((err) => this.log(`offline experiment ${plan.id} failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.offline.delete(plan.id);
        this.running.delete(job);
      });
    this.running.add(job);
  }

  /** Offline experiments running in this process. */
  get offlineRunning(): number {
    return this.offline.size;
  }

  /** Jobs still running (tests and shutdown wait on these). */
  idle(): Promise<void> {
    return Promise.allSettled([...this.running]).then(() => undefined);
  }

  /** Stops: running builds end at their next chunk, marked FAILED ("interrupted"). */
  async close(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }
}

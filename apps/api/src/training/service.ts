// The API's part of training runs that outlives a request: the lease settings, the artifact
// store, and the sweep that gives expired leases' runs back to the queue (or fails them).
import { expireTrainingRunLeases, type Db } from "@toolrec/db";
import { artifactStoreFromEnv, type ArtifactStore } from "./artifact-store.js";

export interface TrainingOptions {
  /** How long a claim or heartbeat holds a run (TOOLREC_RUN_LEASE_SECONDS, default 30). */
  leaseSeconds?: number;
  /** How often expired leases are looked for (TOOLREC_RUN_SWEEP_MS, default 5000). */
  sweepIntervalMs?: number;
  /** A worker heard from within this many seconds counts as connected (default 2 leases). */
  connectedSeconds?: number;
  /** Default: artifactStoreFromEnv (a local folder under the data folder, or S3). */
  store?: ArtifactStore;
}

const envNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

export class TrainingService {
  readonly leaseSeconds: number;
  readonly connectedSeconds: number;
  readonly store: ArtifactStore;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly db: Db, dataDir: string, opts: TrainingOptions = {}, private readonly log: (line: string) => void = () => undefined) {
    this.leaseSeconds = opts.leaseSeconds ?? envNumber("TOOLREC_RUN_LEASE_SECONDS") ?? 30;
    if (!(this.leaseSeconds > 0)) throw new Error("TOOLREC_RUN_LEASE_SECONDS must be a positive number");
    this.connectedSeconds = opts.connectedSeconds ?? Math.max(30, 2 * this.leaseSeconds);
    this.store = opts.store ?? artifactStoreFromEnv(dataDir);
    const every = opts.sweepIntervalMs ?? envNumber("TOOLREC_RUN_SWEEP_MS") ?? 5000;
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  /** Expires leases now (also called before every claim, so a waiting run is taken at once). */
  async sweep(): Promise<void> {
    // One sweep at a time per process; callers wait for the one under way.
    if (!this.sweeping) {
      this.sweeping = expireTrainingRunLeases(this.db)
        .then((changed) => {
          for (const c of changed) this.log(`training run ${c.id}: lease expired, now ${c.status}`);
        })
        .catch((err) => this.log(`lease sweep failed: ${(err as Error).message}`))
        .finally(() => (this.sweeping = null));
    }
    await this.sweeping;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

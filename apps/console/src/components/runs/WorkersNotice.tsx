"use client";

// Whether any worker is connected (workers report lastSeenAt with every claim and heartbeat):
// without one, queued runs wait, and the page says how to start one.

import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "@/components/ErrorNotice";
import { gql } from "@/lib/graphql";
import { WORKERS_QUERY, type WorkerView } from "./queries";

export function useWorkers() {
  return useQuery({ queryKey: ["workers"], queryFn: () => gql(WORKERS_QUERY), refetchInterval: 5000, staleTime: 0 });
}

export function WorkersNotice() {
  const workers = useWorkers();
  if (workers.isError) return <ErrorNotice action="load the workers" error={workers.error} />;
  if (!workers.data) return null;
  const connected = workers.data.workers.filter((w) => w.connected);
  if (connected.length === 0) {
    return (
      <div className="notice warn" role="status" data-testid="no-worker">
        <strong>No worker is connected:</strong> queued runs wait until one is. <code>npm start</code> starts one when{" "}
        <code>/usr/bin/python3</code> has torch; on a GPU machine run <code>TOOLREC_WORKER_KEY=… npm run worker -- --api &lt;this API&gt;/graphql</code> with a
        key of role WORKER (API keys page).
      </div>
    );
  }
  return (
    <div className="notice info" role="status" data-testid="workers">
      {connected.length} worker{connected.length > 1 ? "s" : ""} connected:{" "}
      {connected.map((w, i) => (
        <span key={w.id}>
          {i > 0 && "; "}
          <strong>{w.name}</strong> ({w.gpuCount ? `${w.gpuCount} × ${w.gpus[0]?.name ?? "GPU"}` : "CPU only"}, {w.currentRun ? "busy" : "idle"})
        </span>
      ))}
      .
    </div>
  );
}

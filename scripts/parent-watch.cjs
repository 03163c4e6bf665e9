// Preloaded (NODE_OPTIONS=--require) into every Node process `npm start` runs: when the
// supervisor (scripts/supervisor.mjs) is gone, killed with SIGKILL so that it could not stop
// its children, this process stops itself with SIGTERM, running its own graceful shutdown
// (the API closes the database and stops the embedded server when it was the last user).
"use strict";
const supervisor = Number(process.env.TOOLREC_SUPERVISOR_PID);
// Main thread only: preloads also run in worker threads (tsx's loader is one), and a second
// SIGTERM would cut the first one's graceful shutdown short.
if (supervisor > 0 && supervisor !== process.pid && require("node:worker_threads").isMainThread) {
  const timer = setInterval(() => {
    try {
      process.kill(supervisor, 0);
    } catch (err) {
      if (err.code !== "ESRCH") return;
      clearInterval(timer);
      process.kill(process.pid, "SIGTERM");
      setTimeout(() => process.exit(1), 15000).unref(); // a shutdown that hangs
    }
  }, 500);
  timer.unref();
}

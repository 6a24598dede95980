// Runs once when the server starts (Next.js calls register() before serving). Background work
// that belongs to the app server lives here: the synthetic probes of the vendor API, the
// weekly export and the outbound webhooks.
export async function register() {
  // The Edge runtime has no sockets to probe with or SQLite to write to.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // On PostgreSQL instances share one database, so they must share these secrets too.
  const { assertSharedSecrets } = await import("./lib/db/kind");
  assertSharedSecrets();
  // A wrong proxy setting stops the server now rather than failing every request later.
  const { trustedProxyHops } = await import("./lib/auth/client-address");
  trustedProxyHops();
  const { startProbes } = await import("./lib/probes/runtime");
  startProbes();
  // The weekly CSV export; off unless PITSTOP_WEEKLY_EXPORT_DIR names a folder.
  const { startWeeklyExport } = await import("./lib/exports/runtime");
  startWeeklyExport();
  // Soak runs whose process died (this server before a restart, or a killed CLI) are marked
  // interrupted with the data they had, at start and on a timer; serving never waits on it.
  const { startSoakRunSweeper } = await import("./lib/load/service");
  startSoakRunSweeper();
  // Outbound webhooks: sends the outbox on a 1 s poll; a bad retry schedule stops start here.
  const { startWebhookDispatcher } = await import("./lib/webhooks/dispatcher");
  startWebhookDispatcher();
}

// Runs once when the server starts (Next.js calls register() before serving). Background work
// that belongs to the app server lives here: the synthetic probes of the vendor API and the
// weekly export.
export async function register() {
  // The Edge runtime has no sockets to probe with or SQLite to write to.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
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
}

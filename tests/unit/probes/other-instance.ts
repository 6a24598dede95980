// A second app instance's probe scheduler on the test database, as a child process: it starts
// against the vendor at PROBE_VENDOR_URL, prints once it holds the probes lease, and probes
// until it is killed.
import { DEFAULT_PROBE_THRESHOLDS } from "@/lib/probes/config";
import { ProbeScheduler } from "@/lib/probes/scheduler";
import { ADMIN_KEY, waitFor } from "../simulator/support";

const scheduler = new ProbeScheduler({
  vendor: { baseUrl: process.env.PROBE_VENDOR_URL!, adminKey: ADMIN_KEY },
  loadConfig: async () => ({
    enabled: true,
    intervalS: 30,
    environments: ["sandbox"],
    endpoints: { sandbox: ["status"], prod: [] },
    tenant: "fleetco",
    account: "ava.active@example.com",
    thresholds: DEFAULT_PROBE_THRESHOLDS,
  }),
  retention: { rawHours: 24, minuteDays: 30 },
  timing: { intervalMs: Number(process.env.PROBE_INTERVAL_MS), timeoutMs: 500 },
  instanceId: "other instance",
});
scheduler.start();
await waitFor(
  async () => scheduler.state().holdsLease,
  (holds) => holds === true,
  { timeoutMs: 10_000 },
);
console.log("holds the probes");
// The scheduler's timer does not keep a process alive (an app server's listening socket does);
// this one has nothing else, so it waits here until it is killed.
setInterval(() => undefined, 60_000);

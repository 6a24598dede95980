import "server-only";
// Starts this process's probe scheduler with the app's own settings: the vendor the checks
// use, the saved (or default) configuration, and retention from the environment.
import { vendorGateway } from "@/lib/diagnosis/diagnose";
import { probeEnvProblem, probeRetention, probesDisabledByEnv } from "./config";
import { loadProbeConfig } from "./config-store";
import { ProbeScheduler, startProbeScheduler } from "./scheduler";

export function startProbes(): ProbeScheduler | null {
  if (probesDisabledByEnv()) return null;
  const problem = probeEnvProblem();
  if (problem) console.warn(problem);
  const { baseUrl, adminKey } = vendorGateway().options;
  return startProbeScheduler(
    () =>
      new ProbeScheduler({
        vendor: { baseUrl, adminKey },
        loadConfig: async () => (await loadProbeConfig()).config,
        retention: probeRetention(),
      }),
  );
}

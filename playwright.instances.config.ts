import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import base from "./playwright.config";

// Two app instances on one PostgreSQL (scripts/e2e-instances.mjs), beside the simulator; the
// spec reaches the second instance by its port.
const ports = (process.env.E2E_INSTANCE_PORTS ?? "3230,3231").split(",");
const simulatorPort = Number(process.env.E2E_SIM_PORT ?? 4210);
// The same simulator the other browser tests run against.
const [simulator] = base.webServer as Extract<PlaywrightTestConfig["webServer"], unknown[]>;

export default defineConfig({
  ...base,
  testDir: "tests/e2e-instances",
  timeout: 90_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-instances-report.json" }]],
  use: { ...base.use, baseURL: `http://127.0.0.1:${ports[0]}` },
  webServer: [
    simulator!,
    {
      command: "node scripts/e2e-instances.mjs",
      url: `http://127.0.0.1:${ports[0]}/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      // The instances lead their own process groups (the test kills one), so a kill of this
      // command's group would not reach them: it stops them, and the cluster, on SIGTERM.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        E2E_INSTANCE_PORTS: ports.join(","),
        SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
        SIMULATOR_ADMIN_KEY: "e2e-admin-key",
        PITSTOP_PROBE_INTERVAL_S: "2",
      },
    },
  ],
});

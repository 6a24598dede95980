import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const simulatorPort = Number(process.env.E2E_SIM_PORT ?? 4210);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable from here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "node --import tsx lib/simulator/main.ts",
      url: `http://127.0.0.1:${simulatorPort}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        SIM_PORT: String(simulatorPort),
        SIM_TIME_SCALE: "0.05",
        SIM_ADMIN_KEY: "e2e-admin-key",
        // Pitstop's Smartcar linking flow comes back to its own callback on the e2e port.
        SIM_SMARTCAR_REDIRECT_URIS: `http://127.0.0.1:${port}/admin/vendors/callback`,
      },
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://127.0.0.1:${port}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        E2E_PORT: String(port),
        SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
        SIMULATOR_ADMIN_KEY: "e2e-admin-key",
        // Probes every 2 s so the probe charts have real data within the tests' time.
        PITSTOP_PROBE_INTERVAL_S: "2",
        // Webhooks go to receivers the tests run on 127.0.0.1, retried within seconds.
        PITSTOP_WEBHOOK_ALLOW_PRIVATE: "1",
        PITSTOP_WEBHOOK_RETRY_SCHEDULE: "0.5,0.5",
      },
    },
  ],
});

// pages.max_js_kb, pages.max_chart_js_kb, pages.max_lcp_ms, pages.max_cls: the main signed-in
// pages' first loads in headless Chromium, against the app as the browser tests serve it
// (scripts/e2e-server.mjs: the production build behind scripts/front-server.mjs, a fresh seeded
// database) and the simulator. Measured by tests/e2e/page-weight.ts, which the page-budget
// browser test asserts with; each figure names its page on stderr.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import playwrightConfig from "../playwright.config";
import { buildIfChanged } from "../scripts/build-if-changed.mjs";
import { describePage, measurePages, type PageFigures } from "../tests/e2e/page-weight";
import { DEMO_EMAILS, signIn } from "../tests/e2e/support";
import { log, waitForHealth } from "./support";

const PORT = 3350;
const SIM_PORT = 4350;

function start(args: string[], env: Record<string, string>): ChildProcess {
  // Its own process group, so stopping it stops what it started (front-server under e2e-server).
  return spawn(process.execPath, args, {
    stdio: ["ignore", 2, 2],
    env: { ...process.env, ...env },
    detached: true,
  });
}

function stop(child: ChildProcess) {
  if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
}

function heaviest(figures: PageFigures[], value: (page: PageFigures) => number, label: string) {
  const worst = figures.reduce<PageFigures | undefined>(
    (top, page) => (top && value(top) >= value(page) ? top : page),
    undefined,
  );
  if (worst) log(`pages: ${label}: ${value(worst)} on ${worst.name} (${worst.url})`);
  return worst ? value(worst) : 0;
}

export async function benchPages(): Promise<Record<string, number>> {
  if (!buildIfChanged()) throw new Error("the app does not build");
  const simulatorUrl = `http://127.0.0.1:${SIM_PORT}`;
  const origin = `http://127.0.0.1:${PORT}`;
  const simulator = start(["--import", "tsx", "lib/simulator/main.ts"], {
    SIM_PORT: String(SIM_PORT),
    SIM_ADMIN_KEY: "bench-admin-key",
  });
  const app = start(["scripts/e2e-server.mjs"], {
    E2E_PORT: String(PORT),
    E2E_DATA_DIR: path.resolve("data/bench-pages"),
    SIMULATOR_URL: simulatorUrl,
    SIMULATOR_ADMIN_KEY: "bench-admin-key",
  });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    await waitForHealth(`${simulatorUrl}/health`);
    await waitForHealth(`${origin}/health`, 120_000);
    const context = await browser.newContext({ baseURL: origin });
    const signedIn = await context.newPage();
    await signIn(signedIn, DEMO_EMAILS.admin);
    const session = await context.storageState();
    const figures = await measurePages(
      browser,
      session,
      { request: context.request, origin, simulatorUrl },
      (page) => log(`pages: ${describePage(page)}`),
    );
    await context.close();
    // Next leaves answers under 1 kB uncompressed; anything larger here would inflate the figures.
    const uncompressed = new Set(
      figures.flatMap((page) =>
        page.scripts
          .filter((script) => script.encoding === "identity")
          .map((script) => `${script.url} (${script.kb} kB)`),
      ),
    );
    if (uncompressed.size)
      log(`pages: scripts served uncompressed: ${[...uncompressed].join(", ")}`);
    const plain = figures.filter((page) => !page.charts);
    const charted = figures.filter((page) => page.charts);
    return {
      "pages.max_js_kb": heaviest(plain, (page) => page.jsKb, "heaviest page without charts, kB"),
      "pages.max_chart_js_kb": heaviest(
        charted,
        (page) => page.jsKb,
        "heaviest page with charts, kB",
      ),
      "pages.max_lcp_ms": heaviest(figures, (page) => page.lcpMs, "worst LCP, ms"),
      "pages.max_cls": heaviest(figures, (page) => page.cls, "worst CLS"),
    };
  } finally {
    await browser.close();
    stop(app);
    stop(simulator);
  }
}

// What a signed-in page costs on its first load, measured the same way by the browser test
// (page-budget.spec.ts) and the bench (`npm run bench pages`): every script a cold navigation
// loads until the network is idle, as compressed on the wire, and the page's LCP and CLS from
// the browser's own PerformanceObserver entries.
import type { Browser, BrowserContextOptions } from "@playwright/test";
import { created, firstId, type SeedApi } from "./seed-api";

/** Issue 16: the framework alone is about 131 kB and recharts about 114 kB, compressed. */
export const PAGE_BUDGETS = { jsKb: 150, chartJsKb: 280, cls: 0.05 } as const;

export type MeasuredPage = { name: string; url: (api: SeedApi) => Promise<string> | string };

/** The main signed-in pages, each reached as its user would reach it. */
export const MEASURED_PAGES: MeasuredPage[] = [
  { name: "incident list", url: () => "/incidents" },
  { name: "incident groups", url: () => "/incidents?view=groups" },
  { name: "incident", url: async (api) => `/incidents/${await firstId(api, "/api/v1/incidents")}` },
  {
    name: "incident edit",
    url: async (api) => `/incidents/${await firstId(api, "/api/v1/incidents")}/edit`,
  },
  { name: "new incident", url: () => "/incidents/new" },
  { name: "changes", url: () => "/changes" },
  { name: "runbooks", url: () => "/runbooks" },
  { name: "new runbook entry", url: () => "/runbooks/new" },
  { name: "trends", url: () => "/trends" },
  { name: "probes", url: () => "/probes" },
  { name: "soak runs", url: () => "/soak" },
  { name: "new soak run", url: () => "/soak/new" },
  {
    name: "soak run",
    url: async (api) => {
      const { id } = await created(api, "/api/v1/soak-runs", {
        name: "page weight",
        environment: "sandbox",
        targetUrl: `${api.simulatorUrl}/health`,
        schedule: { kind: "constant", rate: 5 },
        durationS: 1,
      });
      return `/soak/${id}`;
    },
  },
  { name: "simulator", url: () => "/simulator" },
  { name: "account", url: () => "/account" },
  { name: "admin", url: () => "/admin" },
  { name: "admin users", url: () => "/admin/users" },
  { name: "admin tokens", url: () => "/admin/tokens" },
  { name: "admin vendors", url: () => "/admin/vendors" },
  { name: "admin webhooks", url: () => "/admin/webhooks" },
];

export type PageFigures = {
  name: string;
  url: string;
  /** The page drew at least one recharts chart, so it is held to the chart budget. */
  charts: boolean;
  jsKb: number;
  /** Every script loaded, heaviest first, with its Content-Encoding ("identity" when none). */
  scripts: Array<{ url: string; kb: number; encoding: string }>;
  lcpMs: number;
  cls: number;
  /** The elements that moved in the worst window of layout shifts. */
  clsSources: string[];
};

type Vitals = { lcpMs: number; cls: number; clsSources: string[] };

/**
 * Runs in the page (so no named inner functions: tsx would wrap them in a helper the page lacks).
 * LCP is the newest largest-contentful-paint entry; CLS is the largest session
 * window of layout shifts not caused by input (gaps under 1 s, windows at most 5 s), as
 * web-vitals defines it, with what moved in that window. `buffered: true` hands over what
 * happened before the observer existed.
 */
function collectVitals(): Promise<Vitals> {
  type Shift = { at: number; value: number; sources: string[] };
  type LayoutShift = PerformanceEntry & {
    value: number;
    hadRecentInput: boolean;
    sources: Array<{ node: Node | null }>;
  };
  return new Promise((resolve) => {
    let lcpMs = 0;
    const shifts: Shift[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) lcpMs = Math.max(lcpMs, entry.startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as LayoutShift[]) {
        if (entry.hadRecentInput) continue;
        const sources = entry.sources.map(({ node }) =>
          node instanceof Element
            ? `${node.tagName.toLowerCase()} "${(node.textContent ?? "").trim().slice(0, 40)}"`
            : "(text, or a node since removed)",
        );
        shifts.push({ at: entry.startTime, value: entry.value, sources });
      }
    }).observe({ type: "layout-shift", buffered: true });
    // Buffered entries arrive in a task after observe(); give them one before reading.
    setTimeout(() => {
      let worst: Shift[] = [];
      let worstValue = 0;
      let session: Shift[] = [];
      let sessionValue = 0;
      for (const shift of shifts.sort((a, b) => a.at - b.at)) {
        const first = session[0];
        const last = session.at(-1);
        if (!first || !last || shift.at - last.at >= 1_000 || shift.at - first.at >= 5_000) {
          session = [];
          sessionValue = 0;
        }
        session.push(shift);
        sessionValue += shift.value;
        if (sessionValue > worstValue) [worst, worstValue] = [[...session], sessionValue];
      }
      resolve({ lcpMs, cls: worstValue, clsSources: worst.flatMap((shift) => shift.sources) });
    }, 100);
  });
}

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));

/**
 * One cold navigation in a fresh browser context (an empty cache) carrying the signed-in
 * session: the scripts' compressed body sizes as Chromium received them, and the page's vitals.
 */
export async function measurePage(
  browser: Browser,
  session: BrowserContextOptions["storageState"],
  baseURL: string,
  name: string,
  url: string,
): Promise<PageFigures> {
  const context = await browser.newContext({ storageState: session, baseURL });
  try {
    const page = await context.newPage();
    const sizes: Array<Promise<{ url: string; bytes: number; encoding: string }>> = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      sizes.push(
        Promise.all([request.sizes(), request.response()]).then(([size, response]) => ({
          url: request.url(),
          bytes: size.responseBodySize,
          encoding: response?.headers()["content-encoding"] ?? "identity",
        })),
      );
    });
    const response = await page.goto(url);
    if (!response?.ok()) throw new Error(`${name} (${url}) answered ${response?.status()}`);
    await page.waitForLoadState("networkidle");
    const vitals = await page.evaluate(collectVitals);
    const charts = (await page.locator("svg.recharts-surface").count()) > 0;
    const byUrl = new Map((await Promise.all(sizes)).map((script) => [script.url, script]));
    const scripts = [...byUrl.values()]
      .sort((a, b) => b.bytes - a.bytes)
      .map((script) => ({
        url: new URL(script.url).pathname,
        kb: kb(script.bytes),
        encoding: script.encoding,
      }));
    return {
      name,
      url,
      charts,
      jsKb: kb([...byUrl.values()].reduce((sum, script) => sum + script.bytes, 0)),
      scripts,
      lcpMs: Math.round(vitals.lcpMs),
      cls: Number(vitals.cls.toFixed(4)),
      clsSources: [...new Set(vitals.clsSources)],
    };
  } finally {
    await context.close();
  }
}

/** Every page of MEASURED_PAGES, one after another (parallel loads would share the cores). */
export async function measurePages(
  browser: Browser,
  session: BrowserContextOptions["storageState"],
  api: SeedApi,
  onPage: (figures: PageFigures) => void = () => {},
): Promise<PageFigures[]> {
  const figures: PageFigures[] = [];
  for (const page of MEASURED_PAGES) {
    const measured = await measurePage(
      browser,
      session,
      api.origin,
      page.name,
      await page.url(api),
    );
    onPage(measured);
    figures.push(measured);
  }
  return figures;
}

/** One line per page for a log: its JS, budget, vitals and heaviest scripts. */
export function describePage(figures: PageFigures): string {
  const budget = figures.charts ? PAGE_BUDGETS.chartJsKb : PAGE_BUDGETS.jsKb;
  const heaviest = figures.scripts
    .slice(0, 3)
    .map((script) => `${script.url.split("/").at(-1)} ${script.kb} kB`)
    .join(", ");
  return (
    `${figures.name} (${figures.url}): ${figures.jsKb} kB JS of ${budget}${figures.charts ? " (charts)" : ""}, ` +
    `LCP ${figures.lcpMs} ms, CLS ${figures.cls}; heaviest: ${heaviest}` +
    (figures.clsSources.length ? `; moved: ${figures.clsSources.join(", ")}` : "")
  );
}

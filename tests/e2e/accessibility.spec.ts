// Every page of the console scanned with axe, in light and in dark mode: no serious or critical
// violation. The page list is read from app/**/page.tsx, so a new page is scanned without anyone
// remembering to add it; a new dynamic page fails here until it has a way to reach a real one.
import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

const SIMULATOR = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4210}`;
const SCHEMES = ["light", "dark"] as const;
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PUBLIC_ROUTES = new Set(["/sign-in", "/invite/[token]"]);

/** `app/(console)/incidents/[id]/page.tsx` → `/incidents/[id]`: route groups leave the URL. */
function routesFromPages(): string[] {
  return readdirSync("app", { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.+\)$/.test(segment));
      return `/${segments.join("/")}`;
    })
    .sort();
}

/** `made` collects what a resolver made that would act on later tests (a webhook), to delete it after the scan. */
type Api = { request: APIRequestContext; origin: string; made: string[] };

async function created(api: Api, url: string, data: unknown): Promise<Record<string, unknown>> {
  const response = await api.request.post(url, { headers: { Origin: api.origin }, data });
  expect(response.ok(), `POST ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function firstIncidentId(api: Api): Promise<string> {
  const response = await api.request.get("/api/v1/incidents");
  const { items } = (await response.json()) as { items: Array<{ id: string }> };
  return items[0]!.id;
}

async function newRunbookEntry(page: Page): Promise<string> {
  await page.goto("/runbooks/new");
  await page.getByLabel("Title").fill(`Accessibility scan ${Date.now()}`);
  await page.getByLabel("Cause").selectOption("server_outage");
  await page.getByLabel("Error string").fill("HTTP 503 Service Unavailable");
  await page.getByLabel("Fix applied").fill("Wait for the vendor's maintenance to end.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/runbooks\/(?!new)[^/?]+$/);
  return new URL(page.url()).pathname;
}

// How to reach a real instance of each dynamic page, made through the API or the UI as a user would.
const DYNAMIC_ROUTES: Record<string, (api: Api, page: Page) => Promise<string>> = {
  "/incidents/[id]": async (api) => `/incidents/${await firstIncidentId(api)}`,
  "/incidents/[id]/edit": async (api) => `/incidents/${await firstIncidentId(api)}/edit`,
  "/incidents/[id]/report": async (api) => `/incidents/${await firstIncidentId(api)}/report`,
  "/runbooks/[id]": async (_api, page) => newRunbookEntry(page),
  "/runbooks/[id]/edit": async (_api, page) => `${await newRunbookEntry(page)}/edit`,
  "/admin/users/[id]": async (api) => {
    const { items } = (await (await api.request.get("/api/v1/users")).json()) as {
      items: Array<{ id: string }>;
    };
    return `/admin/users/${items[0]!.id}`;
  },
  "/admin/vendors/[id]": async (api) => {
    const { items } = (await (await api.request.get("/api/v1/vendor-connections")).json()) as {
      items: Array<{ id: string }>;
    };
    return `/admin/vendors/${items[0]!.id}`;
  },
  "/admin/webhooks/[id]": async (api) => {
    const webhook = await created(api, "/api/v1/webhooks", {
      url: "http://127.0.0.1:9/pitstop-axe",
      events: ["incident.created"],
    });
    api.made.push(`/api/v1/webhooks/${webhook.id as string}`);
    return `/admin/webhooks/${webhook.id as string}`;
  },
  "/soak/[id]": async (api) => {
    const run = await created(api, "/api/v1/soak-runs", {
      name: "accessibility scan",
      environment: "sandbox",
      targetUrl: `${SIMULATOR}/health`,
      schedule: { kind: "constant", rate: 1 },
      durationS: 1,
    });
    return `/soak/${run.id as string}`;
  },
  "/invite/[token]": async (api) => {
    const stamp = Date.now();
    const user = await created(api, "/api/v1/users", {
      name: `Axe ${stamp}`,
      email: `axe-${stamp}@pitstop.example`,
      role: "sre",
    });
    return new URL(user.inviteUrl as string).pathname;
  },
};

async function adminPage(browser: Browser, colorScheme: "light" | "dark"): Promise<Page> {
  const page = await (await browser.newContext({ colorScheme })).newPage();
  await signIn(page, DEMO_EMAILS.admin);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `  ${node.target.join(" ")}: ${node.failureSummary ?? ""}`)
          .join("\n"),
    );
}

test.describe.configure({ mode: "serial" });

test("every page under app/ is reachable for the scan", () => {
  const routes = routesFromPages();
  const unreachable = routes.filter((route) => route.includes("[") && !DYNAMIC_ROUTES[route]);
  expect(unreachable, "dynamic pages without a way to reach a real one").toEqual([]);
  expect(routes.length).toBeGreaterThan(20);
});

for (const scheme of SCHEMES) {
  test(`no serious or critical accessibility violation on any page, ${scheme} mode`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(300_000);
    const admin = await adminPage(browser, scheme);
    const api: Api = { request: admin.request, origin: baseURL!, made: [] };
    const anonymous = await (await browser.newContext({ colorScheme: scheme })).newPage();
    const found: string[] = [];
    for (const route of routesFromPages()) {
      const url = DYNAMIC_ROUTES[route] ? await DYNAMIC_ROUTES[route](api, admin) : route;
      const page = PUBLIC_ROUTES.has(route) ? anonymous : admin;
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
      for (const violation of await seriousViolations(page)) found.push(`${url}: ${violation}`);
    }
    for (const url of api.made) {
      const response = await api.request.delete(url, { headers: { Origin: api.origin } });
      expect(response.ok(), `DELETE ${url}: ${await response.text()}`).toBe(true);
    }
    expect(found, found.join("\n\n")).toEqual([]);
  });
}

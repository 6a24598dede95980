// Every page of the console scanned with axe, in light and in dark mode: no serious or critical
// violation. The page list is read from app/**/page.tsx, so a new page is scanned without anyone
// remembering to add it; a new dynamic page fails here until it has a way to reach a real one.
import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { created, firstId, type SeedApi } from "./seed-api";
import { DEMO_EMAILS, SIMULATOR, signIn, test } from "./support";

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
type Api = SeedApi & { made: string[] };

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
  "/incidents/[id]": async (api) => `/incidents/${await firstId(api, "/api/v1/incidents")}`,
  "/incidents/[id]/edit": async (api) =>
    `/incidents/${await firstId(api, "/api/v1/incidents")}/edit`,
  "/incidents/[id]/report": async (api) =>
    `/incidents/${await firstId(api, "/api/v1/incidents")}/report`,
  "/runbooks/[id]": async (_api, page) => newRunbookEntry(page),
  "/runbooks/[id]/edit": async (_api, page) => `${await newRunbookEntry(page)}/edit`,
  "/admin/users/[id]": async (api) => `/admin/users/${await firstId(api, "/api/v1/users")}`,
  "/admin/vendors/[id]": async (api) =>
    `/admin/vendors/${await firstId(api, "/api/v1/vendor-connections")}`,
  "/admin/webhooks/[id]": async (api) => {
    const webhook = await created(api, "/api/v1/webhooks", {
      url: "http://127.0.0.1:9/pitstop-axe",
      events: ["incident.created"],
    });
    api.made.push(`/api/v1/webhooks/${webhook.id}`);
    return `/admin/webhooks/${webhook.id}`;
  },
  "/soak/[id]": async (api) => {
    const run = await created(api, "/api/v1/soak-runs", {
      name: "accessibility scan",
      environment: "sandbox",
      targetUrl: `${api.simulatorUrl}/health`,
      schedule: { kind: "constant", rate: 1 },
      durationS: 1,
    });
    return `/soak/${run.id}`;
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
    const api: Api = {
      request: admin.request,
      origin: baseURL!,
      simulatorUrl: SIMULATOR,
      made: [],
    };
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

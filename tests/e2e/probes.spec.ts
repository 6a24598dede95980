import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, test, signIn } from "./support";

const ADMIN_HEADERS = { "x-admin-key": "e2e-admin-key" };

// SVG internals have no roles: recharts' own class names are the only handle on a drawn line.
const drawnLines = (chart: Locator) => chart.locator("path.recharts-line-curve");

/** How many points the chart's longest drawn line passes through (one "M" and an "L" per further point). */
async function longestLine(chart: Locator): Promise<number> {
  const paths = await drawnLines(chart).evaluateAll((elements) =>
    elements.map((element) => element.getAttribute("d") ?? ""),
  );
  return Math.max(0, ...paths.map((d) => (d.match(/[ML]/g) ?? []).length));
}

const sandboxChart = (page: Page) =>
  page.getByRole("figure", { name: "sandbox: vendor latency, failures and 429s, last hour" });
const sandboxLatest = (page: Page) =>
  page.getByRole("table", { name: "Latest probe of each sandbox endpoint" });

test.describe.configure({ timeout: 150_000 });

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_EMAILS.sre);
});

test("the probes page charts the simulator's real latency and lists each endpoint's latest probe", async ({
  page,
}) => {
  await page.getByRole("link", { name: "Probes" }).click();
  await expect(page.getByRole("heading", { name: "Vendor probes" })).toBeVisible();
  await expect(
    page.getByText("waiting for the next cycle").or(page.getByText("probing now on this instance")),
  ).toBeVisible();

  const accountRow = sandboxLatest(page).getByRole("row", { name: /^Account / });
  await expect(accountRow).toContainText("200", { timeout: 20_000 });
  await expect(accountRow).toContainText(/\d+ of 20/);
  await expect(sandboxChart(page).getByText("No samples in this range yet.")).toHaveCount(0);
  await expect(sandboxChart(page).getByText("UTC clock time")).toBeVisible();
  await expect(sandboxChart(page).getByText("429s per minute")).toBeVisible();

  // Samples are bucketed per minute, so a line needs the probes to have run in two minutes
  // (the page refreshes itself; until then each percentile is a lone dot).
  await expect
    .poll(() => longestLine(sandboxChart(page)), { timeout: 100_000, intervals: [2_000] })
    .toBeGreaterThanOrEqual(2);
  // p50, p95, p99 and the failed share.
  await expect(drawnLines(sandboxChart(page))).toHaveCount(4);

  await page.getByRole("link", { name: "last 6 hours" }).click();
  await expect(page).toHaveURL(/range=6h/);
  await expect(
    page.getByRole("figure", { name: "prod: vendor latency, failures and 429s, last 6 hours" }),
  ).toBeVisible();
  await page.goto("/probes?range=forever");
  await expect(
    page.getByRole("alert").filter({ hasText: "range must be one of 1h, 6h, 24h, 7d" }),
  ).toBeVisible();
});

test("a rate limit injected in the simulator shows up as 429s", async ({ page, request }) => {
  const fault = await request.post(`${SIMULATOR}/admin/faults`, {
    headers: ADMIN_HEADERS,
    data: {
      kind: "rate_limited",
      environment: "sandbox",
      target: { tenant: "fleetco" },
      params: { limit: 1, windowS: 60 },
      durationS: 90,
    },
  });
  expect(fault.status()).toBe(201);
  const { id } = (await fault.json()) as { id: string };
  try {
    await page.goto("/probes");
    const limited = sandboxLatest(page)
      .getByRole("row", { name: /^(Account|Vehicles) / })
      .filter({ hasText: "429" });
    await expect(limited.first()).toContainText(/Retry-After \d+ s/, { timeout: 30_000 });
    await expect(limited.first()).toContainText("0 of 1");
    // The 429 chart draws a bar for the current minute's 429s.
    await expect(sandboxChart(page).locator("path.recharts-rectangle").first()).toBeVisible({
      timeout: 15_000,
    });
  } finally {
    await request.delete(`${SIMULATOR}/admin/faults/${id}`, { headers: ADMIN_HEADERS });
  }
});

test("an incident's page shows the vendor's latency around its time", async ({ page }) => {
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill("Vehicle list slow during probe test");
  await page.getByLabel("Correlation id").fill(`e2e-probes-${Date.now()}`);
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByLabel("Error string").fill("GET /v1/vehicles timed out after 30 s");
  await page.getByRole("button", { name: "Create incident" }).click();

  await expect(
    page.getByRole("heading", { name: "Vendor latency, failures and 429s around this incident" }),
  ).toBeVisible();
  const chart = page.getByRole("figure", {
    name: "sandbox: vendor latency, failures and 429s around the incident",
  });
  // p50, p95, p99 and the failed share.
  await expect(drawnLines(chart)).toHaveCount(4);
  await expect(chart.getByText("incident", { exact: true })).toBeVisible();
});

test("an SRE's out-of-bounds interval is refused by the field; a manager sees the settings read-only", async ({
  page,
  browser,
}) => {
  await page.goto("/probes");
  const interval = page.getByLabel("Interval (s)");
  await interval.fill("1");
  await page.getByRole("button", { name: "Save probe settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText(
    "interval must be at least 2 s",
  );
  await expect(page.getByLabel("Interval (s)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Interval (s)")).toHaveValue("1");
  // Saving the interval the e2e server already uses keeps the other tests' timing.
  await page.getByLabel("Interval (s)").fill("2");
  await page.getByRole("button", { name: "Save probe settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  const managerPage = await browser.newPage();
  await signIn(managerPage, DEMO_EMAILS.manager);
  await managerPage.goto("/probes");
  await expect(managerPage.getByText("Only SREs and admins change these.")).toBeVisible();
  await expect(managerPage.getByRole("button", { name: "Save probe settings" })).toHaveCount(0);
  await managerPage.close();
});

test("a fast-failing outage shows as down: banner, status strip and failure share", async ({
  page,
  request,
}) => {
  const fault = await request.post(`${SIMULATOR}/admin/faults`, {
    headers: ADMIN_HEADERS,
    data: {
      kind: "server_outage",
      environment: "sandbox",
      params: { mode: "unavailable" },
      durationS: 60,
    },
  });
  expect(fault.status()).toBe(201);
  const { id } = (await fault.json()) as { id: string };
  try {
    await page.goto("/probes");
    await expect(page.getByRole("alert").filter({ hasText: /sandbox.*down/ })).toBeVisible({
      timeout: 20_000,
    });
    const strip = page.getByRole("list", { name: "sandbox endpoint states" });
    await expect(strip.getByRole("listitem").filter({ hasText: "Account" })).toContainText("down");
    await expect(page.getByText(/probes, \d+ failed/)).not.toContainText(" 0 failed");
    const chart = sandboxChart(page);
    await chart.getByText("Table", { exact: true }).click();
    await expect(chart.getByRole("columnheader", { name: "Failure share" })).toBeVisible();
    await expect(chart.getByRole("cell", { name: /^[1-9]\d*(\.\d)? %$/ }).first()).toBeVisible();
    const csv = await page.request.get(`/api/v1/probes/series.csv?environment=sandbox&range=1h`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split(/\r?\n/)[0]).toBe(
      "minute,p50_ms,p95_ms,p99_ms,count_429,failure_share",
    );
  } finally {
    await request.delete(`${SIMULATOR}/admin/faults/${id}`, { headers: ADMIN_HEADERS });
  }
  const status = await page.request.get("/api/v1/probes/status");
  expect(status.status()).toBe(200);

  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill("Vehicle status failing during the outage");
  await page.getByLabel("Correlation id").fill(`e2e-probe-outage-${Date.now()}`);
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByLabel("Error string").fill("HTTP 503 Service Unavailable");
  await page.getByRole("button", { name: "Create incident" }).click();
  const changes = page.getByRole("list", { name: "Probe state changes around this incident" });
  await expect(changes.getByRole("listitem").filter({ hasText: "down" }).first()).toBeVisible();
});

import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, signIn, test } from "./support";

test("an SRE runs a stepped soak, watches it live, reads the steps and downloads the CSV", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO_EMAILS.sre);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Soak tests" })
    .click();
  await page.getByRole("link", { name: "New soak run" }).click();

  await page.getByLabel("Name").fill("e2e three steps");
  await expect(page.getByLabel("Target URL")).toHaveValue(`${SIMULATOR}/sandbox/v1/account`);
  await page.getByLabel("API key").fill("key_sandbox_loadlab");
  // No bearer token typed: the form has the simulator mint one for this tenant and account.
  await page.getByLabel("Mint a token for tenant").fill("loadlab");
  await page.getByLabel("Mint a token for account").fill("ava.active@example.com");
  await page.getByLabel("Schedule").selectOption("steps");
  await page.getByLabel("Start rate (req/s)").fill("20");
  await page.getByLabel("Step by (req/s)").fill("20");
  await page.getByLabel("Ceiling (req/s)").fill("60");
  await page.getByLabel("Step duration (s)").fill("2");
  await page.getByLabel("Run duration (s)").fill("6");
  await page.getByRole("button", { name: "Start soak run" }).click();

  await expect(page.getByRole("heading", { name: "e2e three steps" })).toBeVisible();
  const chart = page.getByRole("figure", {
    name: "Soak run latency, failures and 429s per second",
  });
  await expect(page.getByRole("status").filter({ hasText: "Running" })).toBeVisible();
  // recharts draws each percentile as an SVG path inside the figure; the live poll fills them in.
  await expect(chart.locator("svg .recharts-line path").first()).toBeVisible({ timeout: 10_000 });

  const steps = page.getByRole("table", { name: "Per-step results" });
  await expect(steps).toBeVisible({ timeout: 20_000 });
  await expect(steps.getByRole("row")).toHaveCount(4);
  await expect(steps.getByRole("row").nth(1)).toContainText("20");
  await expect(steps.getByRole("row").nth(3)).toContainText("60");
  await expect(page.getByText("completed", { exact: true }).first()).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Breakpoint reasoning" }).getByRole("listitem").first(),
  ).toContainText("step 1 at 20 req/s");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(chart.locator("svg .recharts-line path").first()).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^soak-.+-samples\.csv$/);
  const lines = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe(
    "sent_at,step,attempt,status,latency_ms,correlation_id,rate_limit_remaining,retry_after_s,rate_limit_reset,error_kind",
  );
  // 20 + 40 + 60 requests a second, two seconds each: 240 scheduled.
  expect(lines.length - 1).toBeGreaterThan(200);
  // Every request answered: a line without a status (a timeout, a reset) is listed in the failure.
  const unanswered = lines
    .slice(1)
    .filter((line) => !/^\d{4}-\d\d-\d\dT[^,]+Z,[0-2],\d+,\d{3},/.test(line));
  expect(unanswered).toEqual([]);
});

test("a second soak is refused while one runs; the SRE cancels the running one from its page", async ({
  page,
}) => {
  const startConstantRun = async (name: string) => {
    await page.goto("/soak/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("API key").fill("key_sandbox_loadlab");
    await page.getByLabel("Mint a token for account").fill("ava.active@example.com");
    await page.getByLabel("Schedule").selectOption("constant");
    await page.getByLabel("Rate (req/s)").fill("10");
    await page.getByLabel("Run duration (s)").fill("120");
    await page.getByRole("button", { name: "Start soak run" }).click();
  };
  await signIn(page, DEMO_EMAILS.sre);
  await startConstantRun("e2e cancelled");
  await expect(page.getByRole("status").filter({ hasText: "Running" })).toBeVisible();
  const runningRun = page.url();

  await startConstantRun("e2e refused");
  await expect(
    page.getByRole("alert").filter({ hasText: 'Soak run "e2e cancelled" is still running' }),
  ).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("e2e refused");

  await page.goto(runningRun);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Finished (cancelled)" })).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(page.getByText("A constant-rate run has no breakpoint")).toBeVisible();
});

test("a manager sees the soak runs but is refused the new-run form and the API", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page.goto("/soak");
  await expect(page.getByRole("heading", { name: "Soak tests" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New soak run" })).toHaveCount(0);
  await page.goto("/soak/new");
  await expect(
    page.getByRole("alert").filter({ hasText: "The Manager role cannot run soak tests" }),
  ).toBeVisible();
  const response = await page.request.post("/api/v1/soak-runs", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: {
      name: "x",
      environment: "sandbox",
      targetUrl: `${SIMULATOR}/health`,
      schedule: { kind: "constant", rate: 1 },
      durationS: 1,
    },
  });
  expect(response.status()).toBe(403);
});

test("a run without credentials is warned about first, and when every request got 401 its verdict is failed", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO_EMAILS.sre);
  await page.goto("/soak/new");
  await page.getByLabel("Name").fill("e2e no credentials");
  await page.getByLabel("Schedule").selectOption("constant");
  await page.getByLabel("Rate (req/s)").fill("20");
  await page.getByLabel("Run duration (s)").fill("2");
  await page.getByRole("button", { name: "Start soak run" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "needs an API key and a bearer token" }),
  ).toBeVisible();
  await page.getByLabel("Start without credentials anyway").check();
  await page.getByRole("button", { name: "Start soak run" }).click();

  await expect(page.getByRole("heading", { name: "e2e no credentials" })).toBeVisible();
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict).toContainText("Failed", { timeout: 20_000 });
  await expect(verdict).toContainText("100 % answered 401: the requests were not authorised");
  await expect(page.getByRole("table", { name: "Responses by status" })).toContainText("401");
});

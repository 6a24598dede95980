import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, test, signIn, openFirstIncident } from "./support";

const CAUSES = "Incidents per week by cause";
const ACCURACY = "Diagnosis accuracy per week";
const ACCURACY_BY_CAUSE = "Diagnosis accuracy by confirmed cause";
// CAUSE_LABELS.rate_limited in lib/diagnosis/taxonomy.ts.
const RATE_LIMITED_LABEL = "Rate limit or quota";

async function downloadText(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return {
    name: download.suggestedFilename(),
    text: await readFile((await download.path())!, "utf8"),
  };
}

test("the manager's Trends page draws the seeded history, with a keyboard-operable table view and CSV downloads", async ({
  page,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Trends" })
    .click();
  await expect(page.getByRole("heading", { name: "Trends", level: 1 })).toBeVisible();

  // The demo seed's 60 incidents over six weeks: every incident chart draws bars or a line.
  for (const title of [
    CAUSES,
    "Opened vs resolved per week",
    "Mean time to resolve per week",
    "429 bursts",
  ]) {
    const figure = page.getByRole("figure", { name: title });
    await expect(
      figure.locator("svg.recharts-surface:has(.recharts-cartesian-grid)"),
    ).toBeVisible();
    await expect(
      figure.locator("svg .recharts-bar-rectangle, svg .recharts-line-curve").first(),
    ).toBeVisible();
  }
  const causes = page.getByRole("figure", { name: CAUSES });
  // The legend names causes by their taxonomy labels.
  await expect(
    causes.locator(".recharts-legend-wrapper").getByText(RATE_LIMITED_LABEL, { exact: true }),
  ).toBeVisible();

  // The table view is the chart's text alternative: named and described, and reached and
  // opened from the keyboard alone, Tab from the chart's CSV link and Enter.
  await expect(causes).toHaveAccessibleDescription(/Stacked bars of incidents per week/);
  const toggle = causes.getByText("Table", { exact: true });
  const table = causes.getByRole("table", { name: CAUSES });
  await expect(table).toBeHidden();
  await causes.getByRole("link", { name: `Download CSV of ${CAUSES}` }).focus();
  for (let presses = 0; presses < 3; presses++) {
    await page.keyboard.press("Tab");
    if (await toggle.evaluate((element) => element === document.activeElement)) break;
  }
  await expect(toggle).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(table).toBeVisible();
  const rows = table.getByRole("row");
  expect(await rows.count()).toBeGreaterThan(5);

  const csv = await downloadText(page, () =>
    causes.getByRole("link", { name: `Download CSV of ${CAUSES}` }).click(),
  );
  expect(csv.name).toMatch(/^pitstop-causes-all-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.trim().split("\r\n");
  expect(lines[0]).toBe(
    "week_start,subscription_inactive,account_auth,missing_scope,vehicle_not_linked,app_version,vehicle_connectivity,phone_network,server_outage,rate_limited,region_unavailable,other,unclassified,total",
  );
  // At least the seed's 60: browser tests that ran earlier file incidents in the same range.
  expect(
    lines.slice(1).reduce((sum, line) => sum + Number(line.split(",").at(-1)), 0),
  ).toBeGreaterThanOrEqual(60);

  // Top signatures link to the incident list filtered by that signature.
  const signatures = page.getByRole("figure", { name: "Top signatures" });
  await signatures.getByRole("link").nth(1).click();
  await expect(page).toHaveURL(/\/incidents\?signature=/);
});

test("diagnosis accuracy draws the seeded resolutions per week and per confirmed cause, as in its CSV", async ({
  page,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page.goto("/trends");
  const accuracy = page.getByRole("figure", { name: ACCURACY });
  await expect(
    accuracy.locator("svg.recharts-surface:has(.recharts-cartesian-grid)"),
  ).toBeVisible();
  await expect(accuracy.locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(accuracy.locator("svg .recharts-line-curve")).toBeVisible();

  // The table view holds the CSV's figures, a share beside every n and none where n is 0.
  const csv = await downloadText(page, () =>
    accuracy.getByRole("link", { name: `Download CSV of ${ACCURACY}` }).click(),
  );
  const [header, ...weeks] = csv.text.trim().split("\r\n");
  expect(header).toBe("week_start,confirmed,diagnosis_right,share_right");
  await accuracy.getByText("Table", { exact: true }).click();
  const rows = accuracy.getByRole("table", { name: ACCURACY }).getByRole("row");
  await expect(rows).toHaveCount(weeks.length + 1);
  for (const [index, line] of weeks.entries()) {
    const [week, n, hits, share] = line.split(",");
    const cells = [
      week!,
      n!,
      hits!,
      share === "" ? "no share (n = 0)" : `${Math.round(Number(share) * 100)}%`,
    ];
    await expect(rows.nth(index + 1).getByRole("cell")).toHaveText(
      cells.map((cell) => new RegExp(`^${cell.replace(/[()]/g, "\\$&")}`)),
    );
  }
  // The seed resolved a few dozen incidents with a confirmed cause, the diagnosis right for
  // some and wrong for others.
  const total = (column: number) =>
    weeks.reduce((sum, line) => sum + Number(line.split(",")[column]), 0);
  expect(total(1)).toBeGreaterThanOrEqual(20);
  expect(total(2)).toBeGreaterThan(0);
  expect(total(2)).toBeLessThan(total(1));

  const byCause = page.getByRole("figure", { name: ACCURACY_BY_CAUSE });
  const causeCsv = await downloadText(page, () =>
    byCause.getByRole("link", { name: `Download CSV of ${ACCURACY_BY_CAUSE}` }).click(),
  );
  const confirmed = causeCsv.text
    .trim()
    .split("\r\n")
    .slice(1)
    .filter((line) => Number(line.split(",")[1]) > 0);
  const causeRows = byCause.getByRole("table", { name: ACCURACY_BY_CAUSE }).getByRole("row");
  await expect(causeRows).toHaveCount(confirmed.length + 1);
  await expect(causeRows.nth(1).getByRole("cell").nth(1)).toHaveText(confirmed[0]!.split(",")[1]!);
  expect(confirmed.reduce((sum, line) => sum + Number(line.split(",")[1]), 0)).toBe(total(1));
});

test("the filters live in the URL, and an empty range draws empty states with header-only CSVs", async ({
  page,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page.goto("/trends");
  const filters = page.getByRole("search", { name: "Trend filters" });
  await filters.getByLabel("From").fill("2001-01-01");
  await filters.getByLabel("To").fill("2001-01-31");
  await filters.getByLabel("Environment").selectOption("sandbox");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/from=2001-01-01&to=2001-01-31&environment=sandbox/);
  const causes = page.getByRole("figure", { name: CAUSES });
  await expect(causes.getByText("No incidents in this range.")).toBeVisible();
  const csv = await downloadText(page, () =>
    causes.getByRole("link", { name: `Download CSV of ${CAUSES}` }).click(),
  );
  expect(csv.text.split("\r\n").filter(Boolean)).toHaveLength(1);

  await page.goto("/trends?environment=staging");
  await expect(
    page.getByRole("alert").filter({ hasText: "environment must be all, sandbox or prod" }),
  ).toBeVisible();
});

test("the weekly export runs on demand from the Trends page and offers its three files", async ({
  page,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page.goto("/trends");
  await page.getByRole("button", { name: "Export the last 7 days now" }).click();
  const result = page.locator("#weekly-export").getByRole("status");
  await expect(result.getByRole("link", { name: "audit-events.csv" })).toBeVisible();
  await expect(result.getByRole("link", { name: "webhook-failures.csv" })).toBeVisible();
  const audit = await downloadText(page, () =>
    result.getByRole("link", { name: "audit-events.csv" }).click(),
  );
  expect(audit.text.split("\r\n")[0]).toBe(
    "id,at,actor_type,actor_id,actor_label,action,entity_type,entity_id,before,after",
  );
  // The manager's own sign-in is in the last 7 days' audit events.
  expect(audit.text).toContain("session.sign_in");
  const bursts = await downloadText(page, () =>
    result.getByRole("link", { name: "429-bursts.csv" }).click(),
  );
  expect(bursts.text.split("\r\n")[0]).toBe(
    "environment,start,end,minutes,probe_429s,incidents_429",
  );
});

// Buttons that only read, navigate or export; anything else on a manager's page would be a write.
const READ_ONLY_BUTTONS =
  /^(Sign out|Dark mode|Light mode|Print|Search|Apply filters|Export the last 7 days now)$/;

test("a manager sees no write action on any page, and the server refuses their writes", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page.goto("/incidents");
  await openFirstIncident(page);
  const incidentPath = new URL(page.url()).pathname;
  for (const path of [
    "/incidents",
    incidentPath,
    "/incidents?view=groups",
    "/runbooks",
    "/changes",
    "/soak",
    "/probes",
    "/simulator",
    "/trends",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    const names = await page
      .getByRole("button")
      .evaluateAll((buttons) =>
        buttons
          .filter((button) => (button as HTMLElement).offsetParent !== null)
          .map((button) => (button.getAttribute("aria-label") ?? button.textContent ?? "").trim()),
      );
    expect(
      names.filter((name) => !READ_ONLY_BUTTONS.test(name)),
      `write buttons on ${path}`,
    ).toEqual([]);
    for (const name of [
      "New incident",
      "Edit",
      "New soak run",
      "New entry",
      "Record change",
      "Import vendor audit log",
    ]) {
      await expect(page.getByRole("link", { name, exact: true }), `${name} on ${path}`).toHaveCount(
        0,
      );
    }
  }

  const headers = { Origin: baseURL!, "Content-Type": "application/json" };
  for (const url of [
    "/api/v1/incidents",
    "/api/v1/incidents/batch",
    `/api/v1${incidentPath}/checks`,
    "/api/v1/soak-runs",
    "/api/v1/changes",
    "/api/v1/changes/import",
  ]) {
    const response = await page.request.post(url, { headers, data: {} });
    expect(response.status(), url).toBe(403);
  }
});

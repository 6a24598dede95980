// Two SREs working at once: each sees the other on the incident, and each sees the other's
// changes and notes without reloading. Then the on-call list: its order, severity filter and
// saved views.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_EMAILS, signedInPage, signIn, test } from "./support";

const E2E_DATABASE = path.resolve("data/e2e/pitstop.db");
const run = `${Date.now().toString(36)}`;

/** A second SRE with the demo password: the demo data has one SRE and these tests need two. */
function createSecondSre(): { email: string; name: string; id: string } {
  const sqlite = new Database(E2E_DATABASE, { timeout: 5_000 });
  try {
    const user = {
      email: `sre-${run}@pitstop.example`,
      name: `Riley Okafor ${run}`,
      id: `e2e-sre-${run}`,
    };
    const now = new Date().toISOString().replace("Z", "+00:00");
    sqlite
      .prepare(
        `INSERT INTO "User" (id, email, name, role, passwordHash, passwordChangedAt, createdAt, updatedAt)
         SELECT ?, ?, ?, 'sre', passwordHash, ?, ?, ? FROM "User" WHERE email = ?`,
      )
      .run(user.id, user.email, user.name, now, now, now, DEMO_EMAILS.sre);
    return user;
  } finally {
    sqlite.close();
  }
}

function setOwner(incidentId: string, ownerEmail: string) {
  const sqlite = new Database(E2E_DATABASE, { timeout: 5_000 });
  try {
    sqlite
      .prepare(
        `UPDATE "Incident" SET ownerId = (SELECT id FROM "User" WHERE email = ?) WHERE id = ?`,
      )
      .run(ownerEmail, incidentId);
  } finally {
    sqlite.close();
  }
}

// Two people signing in and polling take longer than one page's test on a shared machine.
test.describe.configure({ timeout: 90_000 });

let riley: ReturnType<typeof createSecondSre>;
test.beforeAll(() => {
  riley = createSecondSre();
});

let counter = 0;
/** Files an incident through the API with the page's session, as a script in the page would. */
async function fileIncident(
  request: APIRequestContext,
  baseURL: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const response = await request.post("/api/v1/incidents", {
    headers: { Origin: baseURL },
    data: {
      correlationId: `live-${run}-${++counter}`,
      title: `Live ${run} ${counter}`,
      environment: "prod",
      tenant: `live-${run}`,
      errorString: "HTTP 503 upstream unavailable",
      httpStatus: 503,
      ...fields,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Marks the window; a reload or navigation would lose the mark. */
const markWindow = (page: Page) =>
  page.evaluate(() => Object.assign(window, { liveMarker: "still here" }));
const windowMark = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker);

test("two SREs on one incident see each other, and one's edit without a reload", async ({
  browser,
  baseURL,
}) => {
  const pageA = await signedInPage(browser, DEMO_EMAILS.sre);
  const pageB = await signedInPage(browser, riley.email);
  const id = await fileIncident(pageA.request, baseURL!, { severity: "sev2" });

  await pageA.goto(`/incidents/${id}`);
  await markWindow(pageA);
  await pageB.goto(`/incidents/${id}`);
  await expect(pageA.getByText(`Also viewing: ${riley.name}`)).toBeVisible({ timeout: 15_000 });
  await expect(pageB.getByText("Also viewing: Sam Rivera")).toBeVisible({ timeout: 15_000 });

  await pageB.goto(`/incidents/${id}/edit`);
  await pageB.getByLabel("Title").fill(`Renamed by Riley ${run}`);
  await pageB.getByRole("button", { name: /save/i }).click();
  await expect(pageB).toHaveURL(new RegExp(`/incidents/${id}$`));

  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText(`Renamed by Riley ${run}`, {
    timeout: 15_000,
  });
  await expect(pageA.getByText("Updated just now")).toBeVisible();
  expect(await windowMark(pageA)).toBe("still here");

  // What has been tried: Riley's note reaches Sam's open page, rendered, without a reload.
  await pageB.getByLabel("Note", { exact: true }).fill(`Riley tried **relinking** ${run}`);
  await pageB.getByRole("button", { name: "Add note" }).click();
  const samsTimeline = pageA.getByRole("list", { name: "Timeline" });
  await expect(samsTimeline.getByText(`Riley tried relinking ${run}`)).toBeVisible({
    timeout: 15_000,
  });
  await expect(samsTimeline.locator("strong", { hasText: "relinking" })).toBeVisible();
  expect(await windowMark(pageA)).toBe("still here");

  // Riley leaves: Sam stops seeing them well before the presence window would run out.
  await pageB.goto("/incidents");
  await expect(pageA.getByText("No one else is viewing")).toBeVisible({ timeout: 15_000 });
  await pageA.context().close();
  await pageB.context().close();
});

test("the list shows an incident another SRE files, without a reload", async ({
  browser,
  baseURL,
}) => {
  const pageA = await signedInPage(browser, DEMO_EMAILS.sre);
  const pageB = await signedInPage(browser, riley.email);
  await pageA.goto(`/incidents?tenant=live-${run}`);
  await markWindow(pageA);

  await fileIncident(pageB.request, baseURL!, { severity: "sev1", title: `Filed by Riley ${run}` });
  await expect(pageA.getByRole("link", { name: `Filed by Riley ${run}` })).toBeVisible({
    timeout: 15_000,
  });
  expect(await windowMark(pageA)).toBe("still here");

  // An unchanged list answers 304: the poll costs no body.
  const search = new URL(pageA.url()).search;
  const first = await pageA.request.get(`/api/v1/incidents/live${search}`);
  const again = await pageA.request.get(`/api/v1/incidents/live${search}`, {
    headers: { "If-None-Match": first.headers().etag! },
  });
  expect([first.status(), again.status()]).toEqual([200, 304]);
  await pageA.context().close();
  await pageB.context().close();
});

test("the on-call order, the severity filter and saved views live in the URL", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  const tenant = `oncall-${run}`;
  const file = (title: string, fields: Record<string, unknown>) =>
    fileIncident(page.request, baseURL!, { tenant, title: `${title} ${run}`, ...fields });
  await file("sev3 open", { severity: "sev3", occurredAt: "2026-11-01T10:00:00Z" });
  await file("sev1 resolved", {
    severity: "sev1",
    status: "resolved",
    occurredAt: "2026-11-05T10:00:00Z",
  });
  await file("sev1 older", { severity: "sev1", occurredAt: "2026-11-02T10:00:00Z" });
  const mine = await file("sev1 newer", { severity: "sev1", occurredAt: "2026-11-04T10:00:00Z" });
  await file("sev2 mitigated", {
    severity: "sev2",
    status: "mitigated",
    occurredAt: "2026-11-03T10:00:00Z",
  });
  setOwner(mine, DEMO_EMAILS.sre);

  const listRows = () =>
    page
      .getByRole("table", { name: "Incidents" })
      .getByRole("row")
      .filter({ has: page.getByRole("cell") });
  const titles = async () => {
    await expect(listRows().first()).toBeVisible();
    return Promise.all(
      (await listRows().all()).map(async (row) =>
        (await row.getByRole("link").first().innerText()).replace(` ${run}`, ""),
      ),
    );
  };

  await page.goto(`/incidents?tenant=${tenant}`);
  expect(await titles()).toEqual([
    "sev1 newer",
    "sev1 older",
    "sev2 mitigated",
    "sev3 open",
    "sev1 resolved",
  ]);
  const firstRow = listRows().first();
  await expect(firstRow.getByRole("cell", { name: "Sam Rivera" })).toBeVisible();
  // Relative time, with the exact time on keyboard focus.
  const occurred = firstRow.locator("time");
  await expect(occurred).toHaveAttribute("datetime", "2026-11-04T10:00:00.000Z");
  await expect(occurred).toHaveAttribute("title", "2026-11-04 10:00:00 UTC");
  await occurred.focus();
  await expect(firstRow.getByText("2026-11-04 10:00:00 UTC")).toBeVisible();

  const filters = page.getByRole("search", { name: "Filter incidents" });
  await filters.getByRole("checkbox", { name: "sev2" }).check();
  await filters.getByRole("checkbox", { name: "sev3" }).check();
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/severity=sev2&severity=sev3/);
  expect(await titles()).toEqual(["sev2 mitigated", "sev3 open"]);
  await expect(filters.getByRole("checkbox", { name: "sev2" })).toBeChecked();

  const views = page.getByRole("navigation", { name: "Saved views" });
  await views.getByRole("link", { name: "Mine" }).click();
  await expect(page).toHaveURL(/\/incidents\?status=unresolved&owner=me$/);
  await expect(views.getByRole("link", { name: "Mine" })).toHaveAttribute("aria-current", "page");
  expect(await titles()).toContain("sev1 newer");

  await views.getByRole("link", { name: "Sev1–2" }).click();
  await expect(page).toHaveURL(/status=unresolved&severity=sev1%2Csev2/);
  // A bookmark or a shared link brings the same view back.
  const shared = page.url();
  await page.goto("/incidents");
  await page.goto(shared);
  await expect(views.getByRole("link", { name: "Sev1–2" })).toHaveAttribute("aria-current", "page");
  await expect(listRows().first()).toBeVisible();
  for (const row of await listRows().all()) {
    await expect(row.getByText(/^sev[12]$/)).toBeVisible();
    await expect(row.getByText("resolved", { exact: true })).toHaveCount(0);
  }

  await page.goto("/incidents?severity=sev9&owner=a%20b");
  await expect(
    page.getByRole("alert").filter({ hasText: "severity must be one or more of" }),
  ).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "owner must be me, none or a user id" }),
  ).toBeVisible();
});

import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, signIn, openFirstIncident, test } from "./support";

test("an SRE runs the checks, watches them land, and reads the tree and ranked causes", async ({
  page,
  request,
}) => {
  // A failing call the way an app makes it: Eli's subscription has expired.
  const token = await request.post(`${SIMULATOR}/sandbox/oauth2/token`, {
    form: {
      grant_type: "password",
      username: "eli.expired@example.com",
      password: "Drive-2026!",
      client_id: "fleetco-sandbox",
      client_secret: "secret_sandbox_fleetco",
    },
  });
  const { access_token: accessToken } = await token.json();
  const correlationId = `e2e-diag-${Date.now()}`;
  const failed = await request.get(`${SIMULATOR}/sandbox/v1/vehicles/3TMLB5JN9MM100003/status`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      "x-api-key": "key_sandbox_fleetco",
      "x-api-version": "2025-09-01",
      "x-correlationid": correlationId,
    },
  });
  expect(failed.status()).toBe(403);

  await signIn(page, DEMO_EMAILS.sre);
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Title").fill("Remote start refused for Eli");
  await page.getByLabel("Correlation id").fill(correlationId);
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByLabel("Error string").fill(`HTTP 403 ${await failed.text()}`);
  await page.getByLabel("VIN").fill("3TMLB5JN9MM100003");
  await page.getByLabel("Account ref").fill("eli.expired@example.com");
  await page.getByLabel("OAuth scopes").fill("openid vehicle:read vehicle:commands");
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByRole("heading", { name: "Remote start refused for Eli" })).toBeVisible();

  await page.getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByRole("status").filter({ hasText: "checks done" })).toBeVisible();
  const ranked = page.getByRole("list", { name: "Ranked causes" });
  await expect(ranked.getByRole("listitem").first()).toContainText("Subscription inactive");
  await expect(page.getByRole("table", { name: "Check results" })).toContainText(
    "The subscription is expired",
  );

  const tree = page.getByRole("figure", { name: "Decision tree" });
  await expect(
    tree.getByRole("button", { name: /Subscription inactive: confirmed/ }),
  ).toBeVisible();
  await tree
    .getByRole("button", { name: /Vehicle connectivity/ })
    .first()
    .click();
  await expect(tree).toContainText("Telematics reachability and signal");

  await page.reload();
  await expect(
    page.getByRole("list", { name: "Ranked causes" }).getByRole("listitem").first(),
  ).toContainText("Subscription inactive");
});

test("a manager sees stored diagnoses but cannot run checks", async ({ page, baseURL }) => {
  await signIn(page, DEMO_EMAILS.manager);
  await openFirstIncident(page);
  await expect(page.getByRole("heading", { name: "Diagnosis" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Run checks/ })).toHaveCount(0);
  const id = page.url().split("/").pop();
  const response = await page.request.post(`/api/v1/incidents/${id}/checks`, {
    headers: { Origin: baseURL! },
  });
  expect(response.status()).toBe(403);
});

test("the replay of a remote start waits for the SRE's confirmation and shows its curl -v with a copy button", async ({
  page,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill("Remote start never arrived for Gus");
  await page.getByLabel("Correlation id").fill(`e2e-replay-${Date.now()}`);
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Tenant").fill("fleetco");
  await page
    .getByLabel("Error string")
    .fill("status: 504 command engine_start for 5TFLA5DB7RX100006 timed out after 30000ms");
  await page.getByLabel("VIN").fill("5TFLA5DB7RX100006");
  await page.getByLabel("Account ref").fill("gus.garage@example.com");
  await page.getByLabel("OAuth scopes").fill("openid vehicle:read vehicle:commands");
  await page.getByRole("button", { name: "Create incident" }).click();

  await page.getByRole("button", { name: "Run checks" }).click();
  const replay = page.getByRole("region", { name: "Replay" });
  await expect(replay).toContainText("Read-only validation", { timeout: 15_000 });
  await expect(replay).not.toContainText("reproduced");

  await page.getByLabel("Replay write calls (sends the command to the vehicle)").check();
  await page.getByRole("button", { name: "Run checks again" }).click();
  await expect(replay).toContainText("Reproduced", { timeout: 15_000 });
  await expect(replay.getByText(/curl -v -X POST/).first()).toBeVisible();
  await expect(replay.getByRole("button", { name: /Copy/ }).first()).toBeVisible();
});

/** Files an incident through the API with the signed-in page's session; returns its page. */
async function fileIncident(page: Page, baseURL: string, title: string): Promise<string> {
  const response = await page.request.post("/api/v1/incidents", {
    headers: { Origin: baseURL },
    data: {
      correlationId: `e2e-diag-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      title,
      environment: "sandbox",
      tenant: "fleetco",
      errorString: "HTTP 403 subscription expired",
      httpStatus: 403,
      occurredAt: new Date().toISOString(),
    },
  });
  expect(response.status()).toBe(201);
  return `/incidents/${(await response.json()).id}`;
}

test("running the checks again shows the comparison and the new history entry at once", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  await page.goto(await fileIncident(page, baseURL!, "Checks twice without a reload"));
  const history = page.getByRole("region", { name: "History" });
  const checkRuns = history.getByRole("listitem").filter({ hasText: /checks/ });

  await page.getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByRole("button", { name: "Run checks again" })).toBeEnabled();
  await expect(checkRuns).toHaveCount(1);

  await page.getByRole("button", { name: "Run checks again" }).click();
  await expect(page.getByRole("heading", { name: /Compared with the run before/ })).toBeVisible();
  await expect(checkRuns).toHaveCount(2);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the decision tree's labels are readable", async ({ page, baseURL }) => {
    await signIn(page, DEMO_EMAILS.sre);
    const incident = await fileIncident(page, baseURL!, "Decision tree on a phone");
    const run = await page.request.post(`/api/v1${incident}/checks`, {
      headers: { Origin: baseURL! },
    });
    expect(run.status()).toBe(201);
    await page.goto(incident);

    const tree = page.getByRole("figure", { name: "Decision tree" });
    for (const label of ["Incident", "1. Subscription", "Subscription inactive"]) {
      const text = tree.getByText(label, { exact: true }).filter({ visible: true }).first();
      await expect(text).toBeVisible();
      const box = await text.boundingBox();
      // About 12 px is the smallest text read on a phone without zooming in.
      expect(box!.height).toBeGreaterThanOrEqual(12);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    await tree
      .getByRole("button", { name: /Subscription inactive:/ })
      .first()
      .click();
    await expect(tree).toContainText("Checks here");
  });
});

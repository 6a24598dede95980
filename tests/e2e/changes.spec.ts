import { expect } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, signIn, test } from "./support";

const ADMIN_HEADERS = { "x-admin-key": "e2e-admin-key" };

test("an SRE records a change and imports the vendor audit log; an incident filed after shows both in its timeline", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const summary = `connected-sdk 4.3.0 rolled out (${stamp})`;
  await signIn(page, DEMO_EMAILS.sre);

  await page.getByRole("link", { name: "Changes", exact: true }).click();
  await page.getByRole("link", { name: "Record a change" }).click();
  // The list's filters have Kind and Environment selects too: wait for the form's page.
  await expect(page.getByRole("heading", { name: "Record a change", level: 1 })).toBeVisible();
  await page.getByLabel("Kind").selectOption({ label: "SDK bump" });
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByRole("button", { name: "Record change" }).click();
  // Nothing typed in Summary: the form says so by the field and keeps what was chosen.
  await expect(page.getByLabel("Summary")).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByRole("alert").filter({ hasText: "Some fields need attention" }),
  ).toContainText("Summary is required");
  await expect(page.getByLabel("Kind")).toHaveValue("sdk_bump");

  await page.getByLabel("Summary").fill(summary);
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page).toHaveURL(/\/changes\?environment=sandbox/);
  const recorded = page
    .getByRole("table", { name: "Changes" })
    .getByRole("row")
    .filter({ hasText: summary });
  await expect(recorded).toContainText("SDK bump");
  await expect(recorded).toContainText("Recorded");

  // A key rotation at the vendor lands in its audit log; the import brings it in once.
  const rotated = await request.post(`${SIMULATOR}/admin/keys/rotate`, {
    headers: ADMIN_HEADERS,
    data: { environment: "sandbox" },
  });
  expect(rotated.status()).toBe(200);
  const { kid } = (await rotated.json()) as { kid: string };
  const importSandbox = page.getByRole("button", { name: "Import vendor audit log (sandbox)" });
  await importSandbox.click();
  const outcome = page.getByRole("status").filter({ hasText: "sandbox audit log" });
  await expect(outcome).toHaveText(
    /^Imported [1-9]\d*, already had \d+, skipped \d+ from the sandbox audit log\.$/,
  );
  await page.reload();
  await expect(
    page.getByRole("table", { name: "Changes" }).getByRole("row").filter({ hasText: kid }),
  ).toContainText("Vendor audit log");
  await importSandbox.click();
  await expect(page.getByRole("status").filter({ hasText: "sandbox audit log" })).toHaveText(
    /^Imported 0, already had [1-9]\d*, skipped \d+/,
  );

  // The incident form fills in "now" to the second; let a second pass so the rotation is before it.
  await page.waitForTimeout(1_100);
  await page.getByRole("link", { name: "Incidents", exact: true }).click();
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Title").fill("Tokens rejected after the weekend");
  await page.getByLabel("Correlation id").fill(`e2e-changes-${stamp}`);
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Tenant").fill("fleetco");
  await page
    .getByLabel("Error string")
    .fill('HTTP 401 {"code":"INVALID_TOKEN","message":"token signature is not valid"}');
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(
    page.getByRole("heading", { name: "Tokens rejected after the weekend" }),
  ).toBeVisible();

  const timeline = page.getByRole("list", { name: "Changes before the incident, nearest first" });
  const ownChange = timeline.getByRole("listitem").filter({ hasText: summary });
  await expect(ownChange).toContainText("SDK bump");
  await expect(ownChange).toContainText("tenant fleetco");
  await expect(ownChange).toContainText(/(\d+ s|\d+ m) before/);
  const rotation = timeline.getByRole("listitem").filter({ hasText: kid });
  await expect(rotation).toContainText("Key rotation");
  await expect(rotation).toContainText("environment-wide");
  await expect(rotation).toContainText("Vendor audit log");
});

test("a manager reads changes but cannot record or import one", async ({ page, baseURL }) => {
  await signIn(page, DEMO_EMAILS.manager);
  await page.getByRole("link", { name: "Changes", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Changes", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Record a change" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Import vendor audit log/ })).toHaveCount(0);

  await page.goto("/changes/new");
  await expect(
    page.getByRole("alert").filter({ hasText: "The Manager role cannot record changes" }),
  ).toBeVisible();

  // The server refuses too, whatever the page shows: writes with the manager's own session.
  const record = await page.request.post("/api/v1/changes", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: { kind: "sdk_bump", environment: "prod", summary: "manager write" },
  });
  expect(record.status()).toBe(403);
  const importing = await page.request.post("/api/v1/changes/import", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: { environment: "prod" },
  });
  expect(importing.status()).toBe(403);
  const listed = await page.request.get("/api/v1/changes");
  expect(listed.status()).toBe(200);
  expect(
    ((await listed.json()) as { items: { summary: string }[] }).items.map((item) => item.summary),
  ).not.toContain("manager write");
});

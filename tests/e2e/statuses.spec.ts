// Links that lead nowhere answer 404 and pages a role may not see answer 403, so monitors,
// crawlers and the browser's history treat them as what they are; the console stays around them.
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

async function expectConsoleChrome(page: Page) {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Incidents" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Runbooks" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

for (const [path, heading] of [
  ["/incidents/no-such-incident", "Incident not found"],
  ["/incidents/no-such-incident/edit", "Incident not found"],
  ["/runbooks/no-such-entry", "Runbook entry not found"],
  ["/soak/no-such-run", "Soak run not found"],
  ["/no-such-page", "Page not found"],
] as const) {
  test(`${path} answers 404 inside the console`, async ({ page }) => {
    await signIn(page, DEMO_EMAILS.sre);
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expectConsoleChrome(page);
  });
}

for (const [path, refusal] of [
  ["/incidents/new", "The Manager role cannot file incidents."],
  ["/changes/new", "The Manager role cannot record changes."],
  ["/soak/new", "The Manager role cannot run soak tests."],
  ["/runbooks/new", "The Manager role cannot draft runbook entries."],
] as const) {
  test(`${path} answers 403 to a manager, with the reason`, async ({ page }) => {
    await signIn(page, DEMO_EMAILS.manager);
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: refusal })).toBeVisible();
    await expectConsoleChrome(page);
  });
}

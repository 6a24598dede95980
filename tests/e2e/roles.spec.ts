import { expect } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

test("a manager can read incidents but cannot file, edit or change them", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.manager);
  await expect(page.getByLabel("Role")).toHaveText("Manager");
  await expect(page.getByRole("link", { name: "New incident" })).toHaveCount(0);

  await page.goto("/incidents/new");
  await expect(
    page.getByRole("alert").filter({ hasText: "The Manager role cannot file incidents" }),
  ).toBeVisible();

  const firstIncident = page.getByRole("table", { name: "Incidents" });
  await page.goto("/incidents");
  await firstIncident.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("button", { name: "Change status" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);

  // The server refuses too, whatever the page shows: a write with the manager's own session.
  const response = await page.request.post("/api/v1/incidents", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: {
      correlationId: "manager-write",
      title: "x",
      environment: "prod",
      tenant: "t",
      errorString: "e",
      occurredAt: new Date().toISOString(),
    },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: "forbidden" });
});

test("a cookie-authenticated write without an Origin header is refused", async ({ page }) => {
  await signIn(page, DEMO_EMAILS.sre);
  const response = await page.request.post("/api/v1/incidents", {
    headers: { "Content-Type": "application/json" },
    data: {
      correlationId: "no-origin",
      title: "x",
      environment: "prod",
      tenant: "t",
      errorString: "e",
      occurredAt: new Date().toISOString(),
    },
  });
  expect(response.status()).toBe(403);
});

// A form names a field by the label the user sees, not by the JSON name the API uses.
import { expect } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_EMAILS.sre);
});

test("the incident form names missing fields by their labels", async ({ page }) => {
  await page.goto("/incidents/new");
  await page.getByLabel("VIN").fill("JTMBFREV0HD12345O");
  await page.getByRole("button", { name: "Create incident" }).click();
  for (const message of [
    "Correlation id is required",
    "Title is required",
    "Tenant is required",
    "Error string is required",
    "VIN must be 17 letters and digits, without I, O or Q",
  ]) {
    await expect(page.getByText(message).first()).toBeVisible();
  }
  await expect(page.getByText("correlationId is required", { exact: true })).toHaveCount(0);
});

test("the change form names a missing summary by its label", async ({ page }) => {
  await page.goto("/changes/new");
  await page.getByRole("button", { name: "Record change" }).click();
  await expect(page.getByText("Summary is required").first()).toBeVisible();
  await expect(page.getByText("summary is required", { exact: true })).toHaveCount(0);
});

test("the runbook form names missing fields by their labels", async ({ page }) => {
  await page.goto("/runbooks/new");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Title is required").first()).toBeVisible();
  await expect(page.getByText("Fix applied is required").first()).toBeVisible();
  await expect(page.getByText("fixApplied is required", { exact: true })).toHaveCount(0);
});

test("the soak form names fields by their labels", async ({ page }) => {
  await page.goto("/soak/new");
  await page.getByLabel("Name").fill("");
  await page.getByLabel("Run duration (s)").fill("0");
  await page.getByRole("button", { name: "Start soak run" }).click();
  await expect(page.getByText("Name is required").first()).toBeVisible();
  await expect(page.getByText("Run duration (s) must be at least 1 second").first()).toBeVisible();
  await expect(page.getByText("durationS must be at least 1 second", { exact: true })).toHaveCount(
    0,
  );
});

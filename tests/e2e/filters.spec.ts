// Clear must clear what the form shows, not only the URL: a select left on its old value is
// silently applied again by the next search.
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_EMAILS.sre);
});

async function applyThenClear(page: Page, form: string, field: string, value: string) {
  const search = page.getByRole("search", { name: form });
  await search.getByLabel(field).selectOption(value);
  await search.getByRole("button", { name: /Apply filters|Search/ }).click();
  await expect(page).toHaveURL(new RegExp(`${field.toLowerCase()}=${value}`));
  await search.getByRole("link", { name: "Clear" }).click();
  await expect(page).not.toHaveURL(new RegExp(`${field.toLowerCase()}=`));
  await expect(search.getByLabel(field)).toHaveValue("");
}

test("Clear on Incidents empties the filter form", async ({ page }) => {
  await page.goto("/incidents");
  await page.getByRole("search", { name: "Filter incidents" }).getByLabel("Search").fill("429");
  await applyThenClear(page, "Filter incidents", "Status", "resolved");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
});

test("Clear on Changes empties the filter form", async ({ page }) => {
  await page.goto("/changes");
  await applyThenClear(page, "Filter changes", "Environment", "sandbox");
});

test("Clear on Runbooks empties the search form", async ({ page }) => {
  await page.goto("/runbooks");
  await applyThenClear(page, "Search runbooks", "Status", "approved");
});

test("the form follows the URL when going back", async ({ page }) => {
  await page.goto("/incidents?status=triaging");
  const search = page.getByRole("search", { name: "Filter incidents" });
  await search.getByRole("link", { name: "Clear" }).click();
  await expect(search.getByLabel("Status")).toHaveValue("");
  await page.goBack();
  await expect(page).toHaveURL(/status=triaging/);
  await expect(search.getByLabel("Status")).toHaveValue("triaging");
});

import { expect } from "@playwright/test";
import { DEMO_EMAILS, test, signIn } from "./support";

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_EMAILS.sre);
});

test("creating an incident with a bad VIN shows the error by the field; fixing it files the incident", async ({
  page,
}) => {
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Title").fill("Pairing fails after relink");
  await page.getByLabel("Correlation id").fill("e2e-pairing-0001");
  await page.getByLabel("Tenant").fill("fleetco");
  await page
    .getByLabel("Error string")
    .fill("Couldn't pair your vehicle. Please try again. (VIN JTMBFREV0HD123456)");
  await page.getByLabel("HTTP status").fill("409");
  await page.getByLabel("VIN").fill("JTMBFREV0HD12345O");
  await page.getByLabel("OAuth scopes").fill("openid vehicle:link");
  await page.getByRole("button", { name: "Create incident" }).click();

  const vin = page.getByLabel("VIN");
  await expect(vin).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText("VIN must be 17 letters and digits, without I, O or Q").first(),
  ).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Pairing fails after relink");

  await vin.fill("JTMBFREV0HD123456");
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByRole("heading", { name: "Pairing fails after relink" })).toBeVisible();
  await expect(page.getByText("e2e-pairing-0001")).toBeVisible();
  await expect(
    page.getByText("couldn't pair your vehicle. please try again. (vin <vin>)"),
  ).toBeVisible();
  await expect(page.getByText("openid vehicle:link")).toBeVisible();

  await page.getByLabel("Status").selectOption("triaging");
  await page.getByRole("button", { name: "Change status" }).click();
  // The history (audit trail) and the timeline both say so.
  await expect(
    page
      .getByRole("list", { name: "Timeline" })
      .getByText("Sam Rivera changed the status open → triaging"),
  ).toBeVisible();
});

test("filters, search and grouping live in the URL", async ({ page }) => {
  await page.goto("/incidents");
  await page.getByRole("search").getByLabel("Environment").selectOption("sandbox");
  await page.getByRole("search").getByLabel("Status").selectOption("resolved");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/environment=sandbox/);
  await expect(page).toHaveURL(/status=resolved/);
  const rows = page.getByRole("table", { name: "Incidents" }).getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  for (const row of await rows.all()) {
    if ((await row.getByRole("cell").count()) === 0) continue;
    await expect(row).toContainText("sandbox");
    await expect(row).toContainText("resolved");
  }

  await page.getByRole("searchbox", { name: "Search" }).fill("rate limit");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=rate\+limit/);

  await page.goto("/incidents?view=groups");
  const groups = page.getByRole("table", { name: "Incidents grouped by signature" });
  await expect(groups).toBeVisible();
  const firstGroup = groups.getByRole("row").nth(1);
  const count = Number((await firstGroup.getByRole("cell").first().innerText()).replace(/,/g, ""));
  expect(count).toBeGreaterThan(1);
  await firstGroup.getByRole("link").click();
  await expect(page).toHaveURL(/signature=/);
  await expect(page.getByText(`of ${count}`)).toBeVisible();
});

test("bad filters in the URL are named and ignored, not a crash", async ({ page }) => {
  await page.goto("/incidents?status=closed&page=-3");
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "status must be one of open, triaging, mitigated, resolved" }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "Incidents" })).toBeVisible();
});

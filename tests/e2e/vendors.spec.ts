// Vendor connections in the browser: an admin adds one whose secrets are never shown again,
// tests it call by call, links a Smartcar account through Connect on the simulator's face,
// files an incident naming a connection; other roles are refused.
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, signIn, signedInPage, test } from "./support";

const ADMIN_KEY = "e2e-admin-key";
const TENANT_KEY = "key_sandbox_fleetco";
const WRONG_SECRET = "sc-wrong-secret-e2e-7731";

async function createConnection(page: Page, fill: (page: Page) => Promise<void>) {
  await page.goto("/admin/vendors");
  await page.getByRole("link", { name: "New connection" }).click();
  await fill(page);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("status").first()).toContainText("Connection created.");
}

test("an admin adds a simulator connection whose secrets are never shown again, and tests it", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO_EMAILS.admin);
  const name = `Simulator e2e ${Date.now()}`;
  await createConnection(page, async (form) => {
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Kind").selectOption("pitstop-simulator");
    await form.getByLabel("Base URL").fill(SIMULATOR);
    await form.getByLabel("Simulator admin key").fill(ADMIN_KEY);
    await form.getByLabel("Tenant keys").fill(`fleetco=${TENANT_KEY}`);
  });
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByLabel("Simulator admin key")).toHaveValue("");
  await expect(settings.getByText("Set for fleetco")).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(ADMIN_KEY);
  expect(html).not.toContain(TENANT_KEY);

  await page.getByRole("button", { name: "Test connection" }).click();
  const results = page.getByRole("region", { name: "Connection test results" });
  await expect(results.getByRole("status")).toHaveText(/Everything answered as expected/, {
    timeout: 20_000,
  });
  await expect(results).toContainText(`GET ${SIMULATOR}/health`);
  await expect(results).toContainText("the admin key is accepted");
  await expect(results).toContainText("fleetco's API key is accepted");
  expect(await page.content()).not.toContain(TENANT_KEY);

  await page.goto("/admin/vendors");
  await expect(page.getByRole("table", { name: "Vendor connections" })).toContainText(name);
});

test("a Smartcar connection with a wrong secret says which call refused it", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO_EMAILS.admin);
  await createConnection(page, async (form) => {
    await form.getByLabel("Name", { exact: true }).fill(`Smartcar wrong secret ${Date.now()}`);
    await form.getByLabel("Kind").selectOption("smartcar");
    await form.getByLabel("Base URL").fill(`${SIMULATOR}/smartcar/sandbox`);
    await form.getByLabel("Client ID").fill("sc-demo-client");
    await form.getByLabel("Client secret").fill(WRONG_SECRET);
  });
  await expect(
    page.getByRole("region", { name: "Settings" }).getByText(/^Set; leave blank/),
  ).toBeVisible();
  await page.getByRole("button", { name: "Test connection" }).click();
  const results = page.getByRole("region", { name: "Connection test results" });
  await expect(results.getByRole("status")).toHaveText(/Some calls failed/, { timeout: 20_000 });
  await expect(results).toContainText(`POST ${SIMULATOR}/smartcar/sandbox/oauth/token`);
  await expect(results).toContainText("the client id or secret was refused");
  expect(await page.content()).not.toContain(WRONG_SECRET);
});

test("an admin links a Smartcar account through Connect, tests it and unlinks it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO_EMAILS.admin);
  await page.goto("/admin/vendors");
  await page.getByRole("link", { name: "Smartcar (simulator sandbox)" }).click();
  await page.getByLabel("Account to link").fill("ava.active@example.com");
  await page.getByRole("button", { name: "Link an account" }).click();
  // The simulator's Connect sign-in page.
  await expect(page).toHaveURL(new RegExp(`^${SIMULATOR}/smartcar/sandbox/oauth/authorize`));
  await page.getByLabel("Email").fill("ava.active@example.com");
  await page.getByLabel("Password").fill("Drive-2026!");
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("status").first()).toContainText("Linked ava.active@example.com", {
    timeout: 20_000,
  });
  const links = page.getByRole("table", { name: "Linked Smartcar accounts" });
  await expect(links).toContainText("ava.active@example.com");

  await page.getByRole("button", { name: "Test connection" }).click();
  const results = page.getByRole("region", { name: "Connection test results" });
  await expect(results.getByRole("status")).toHaveText(/Everything answered as expected/, {
    timeout: 20_000,
  });
  await expect(results).toContainText("the token works for Smartcar user");

  await page.getByRole("button", { name: "Unlink ava.active@example.com" }).click();
  await expect(page.getByRole("status").first()).toContainText("Account unlinked");
  await expect(page.getByRole("table", { name: "Linked Smartcar accounts" })).toHaveCount(0);
});

test("a declined Connect sign-in is shown as a clear refusal", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO_EMAILS.admin);
  await page.goto("/admin/vendors");
  await page.getByRole("link", { name: "Smartcar (simulator sandbox)" }).click();
  await page.getByLabel("Account to link").fill("ava.active@example.com");
  await page.getByRole("button", { name: "Link an account" }).click();
  await page.getByLabel("Email").fill("ava.active@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "declined access" })).toContainText(
    "nothing was linked",
    { timeout: 20_000 },
  );
});

test("an incident names its vendor connection, shown on its page", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, DEMO_EMAILS.sre);
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill("Smartcar lock failed");
  await page.getByLabel("Correlation id").fill(`vc-e2e-${Date.now()}`);
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByLabel("Error string").fill("VEHICLE_STATE:ASLEEP vehicle is asleep");
  await expect(page.getByLabel("Vendor connection")).toHaveValue("");
  await page
    .getByLabel("Vendor connection")
    .selectOption({ label: "Smartcar (simulator sandbox)" });
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/(?!new)[^/?]+$/);
  await expect(page.getByRole("region", { name: "Context" })).toContainText(
    "Smartcar (simulator sandbox)",
  );
});

test("other roles are refused the vendors page and API", async ({ browser }) => {
  for (const email of [DEMO_EMAILS.sre, DEMO_EMAILS.manager]) {
    const page = await signedInPage(browser, email);
    const response = await page.goto("/admin/vendors");
    expect(response?.status()).toBe(403);
    const api = await page.request.get("/api/v1/vendor-connections");
    expect(api.status()).toBe(403);
    expect(await api.text()).not.toContain("sc-demo-secret");
    await page.context().close();
  }
});

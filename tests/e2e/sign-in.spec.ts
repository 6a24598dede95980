import { expect } from "@playwright/test";
import { DEMO_EMAILS, DEMO_PASSWORD, signIn, openFirstIncident, test } from "./support";

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to Pitstop" })).toBeVisible();
});

test("a wrong password is refused, the right one signs in and sign-out ends the session", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_EMAILS.sre);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Email or password is wrong." }),
  ).toBeVisible();

  await signIn(page, DEMO_EMAILS.sre);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sam Rivera" })).toBeVisible();
  await expect(page.getByLabel("Role")).toHaveText("SRE");
  const cookie = (await page.context().cookies()).find((c) => c.name === "pitstop_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("repeated failures for one email are throttled", async ({ page }) => {
  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.getByLabel("Email").fill("someone-else@pitstop.example");
    await page.getByLabel("Password").fill(`guess-${attempt}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // The button reads "Signing in…" until the server has answered this attempt.
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await expect(
    page.getByRole("alert").filter({ hasText: "Too many failed sign-ins" }),
  ).toBeVisible();

  // Scripts see the same refusal as a 429 with Retry-After, before any password is hashed.
  const response = await page.request.post("/sign-in/session", {
    headers: { origin: new URL(page.url()).origin },
    data: { email: "someone-else@pitstop.example", password: "one-more-guess" },
  });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
});

test("changing one's password ends one's other sessions and keeps this one", async ({
  browser,
  page,
}) => {
  // Every sign-in and change hashes with scrypt, which is slow on a loaded machine.
  test.setTimeout(180_000);
  const newPassword = "a-brand-new-password";
  const changePassword = async (current: string, next: string) => {
    await page.goto("/account");
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("Confirm new password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible({
      timeout: 60_000,
    });
  };

  await signIn(page, DEMO_EMAILS.manager);
  const elsewhere = await browser.newPage();
  await signIn(elsewhere, DEMO_EMAILS.manager);

  await page.getByRole("link", { name: "Morgan Ito" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await changePassword(DEMO_PASSWORD, newPassword);

  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/incidents$/);
  await elsewhere.goto("/incidents");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await signIn(elsewhere, DEMO_EMAILS.manager, newPassword);
  await elsewhere.close();

  await changePassword(newPassword, DEMO_PASSWORD);
});

test("a signed-out deep link to a filtered list comes back after sign-in, path and query", async ({
  page,
}) => {
  await page.goto("/incidents?status=resolved&environment=sandbox");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(DEMO_EMAILS.sre);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/incidents\?status=resolved&environment=sandbox$/);
  await expect(
    page.getByRole("search", { name: "Filter incidents" }).getByLabel("Status"),
  ).toHaveValue("resolved");
});

test("a signed-out link to one incident opens that incident after sign-in", async ({
  browser,
  page,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  await openFirstIncident(page);
  const incidentPath = new URL(page.url()).pathname;
  const title = await page.getByRole("heading", { level: 1 }).innerText();

  const signedOut = await browser.newPage();
  await signedOut.goto(incidentPath);
  await signedOut.getByLabel("Email").fill(DEMO_EMAILS.manager);
  await signedOut.getByLabel("Password").fill(DEMO_PASSWORD);
  await signedOut.getByRole("button", { name: "Sign in" }).click();
  await expect(signedOut).toHaveURL(new RegExp(`${incidentPath}$`));
  await expect(signedOut.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await signedOut.close();
});

for (const next of [
  "//evil.example/incidents",
  "https://evil.example/",
  "/\\evil.example",
  "/%5Cevil.example",
]) {
  test(`sign-in refuses to send anyone off-site: next=${next}`, async ({ page }) => {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(DEMO_EMAILS.sre);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/incidents$/);
  });
}

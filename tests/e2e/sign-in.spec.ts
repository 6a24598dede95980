import { expect, test } from "@playwright/test";
import { DEMO_EMAILS, signIn } from "./support";

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
  await expect(page.getByText("Sam Rivera")).toBeVisible();
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
});

import { test as base, expect, type Browser, type Page } from "@playwright/test";

/** The simulator the browser tests run beside the app (playwright.config.ts starts it). */
export const SIMULATOR = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4210}`;
export const DEMO_PASSWORD = "pitstop-demo";
export const DEMO_EMAILS = {
  sre: "sre@pitstop.example",
  supportLead: "lead@pitstop.example",
  manager: "manager@pitstop.example",
  admin: "admin@pitstop.example",
} as const;

/**
 * Playwright's test, with two guards every browser test needs:
 * - it fails any test whose page reports a Content-Security-Policy violation: a blocked script
 *   or style shows only as a console message, while the page silently breaks;
 * - it closes every browser context a test opened beside its own (a second person, a signed-out
 *   visitor). One browser serves the whole run, so a context left open keeps its page polling
 *   and re-rendering on the server through every later test, slowing them all.
 */
export const test = base.extend<{ failOnCspViolation: void; closeOtherContexts: void }>({
  failOnCspViolation: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  closeOtherContexts: [
    async ({ browser, context }, use) => {
      await use();
      const others = browser.contexts().filter((other) => other !== context);
      await Promise.all(others.map((other) => other.close()));
    },
    { auto: true },
  ],
});

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Sign-ins queue for the password hash (lib/auth/hash-admission.ts): on a busy machine, and
  // with several people signing in at once, that takes seconds.
  await expect(page).toHaveURL(/\/incidents/, { timeout: 30_000 });
}

/** A second person: a new browser context (its own cookies) signed in as `email`. */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** Opens the first incident of the list on screen and waits for its page. */
export async function openFirstIncident(page: Page) {
  await page
    .getByRole("table", { name: "Incidents" })
    .getByRole("row")
    .nth(1)
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/incidents\/[^/?]+$/);
}

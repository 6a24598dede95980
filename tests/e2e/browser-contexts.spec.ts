// One browser serves the whole run: a context a test opens beside its own must not outlive it.
import { expect } from "@playwright/test";
import { test } from "./support";

test.describe.serial("contexts a test opens", () => {
  test("a test opens a second person's context and leaves it to the fixture", async ({
    browser,
  }) => {
    const other = await (await browser.newContext()).newPage();
    await other.goto("/sign-in");
    expect(browser.contexts()).toHaveLength(2);
  });

  test("the next test starts with only its own context", async ({ browser, context }) => {
    expect(browser.contexts()).toEqual([context]);
  });
});

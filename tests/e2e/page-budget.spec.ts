// The JavaScript budget of a signed-in page's first load (issue 16): at most 150 kB compressed
// for a page without charts, 280 kB for a page that draws them, and no layout shift worth the
// name (CLS under 0.05). LCP is only reported: absolute times drift on shared machines.
import { expect } from "@playwright/test";
import { describePage, measurePages, PAGE_BUDGETS } from "./page-weight";
import { DEMO_EMAILS, SIMULATOR, signIn, test } from "./support";

test("every main signed-in page loads within its JavaScript budget, without layout shifts", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_EMAILS.admin);
  const figures = await measurePages(browser, await page.context().storageState(), {
    request: page.request,
    origin: baseURL!,
    simulatorUrl: SIMULATOR,
  });
  await testInfo.attach("page-weight.json", {
    body: JSON.stringify(figures, null, 2),
    contentType: "application/json",
  });

  const overBudget = figures
    .filter((page) => page.jsKb > (page.charts ? PAGE_BUDGETS.chartJsKb : PAGE_BUDGETS.jsKb))
    .map(describePage);
  expect(overBudget, "pages over their compressed JavaScript budget").toEqual([]);
  const shifting = figures.filter((page) => page.cls >= PAGE_BUDGETS.cls).map(describePage);
  expect(shifting, `pages with CLS at or over ${PAGE_BUDGETS.cls}`).toEqual([]);
  // The figures are of compressed scripts: an uncompressed framework chunk would hide here.
  const uncompressed = figures.flatMap((page) =>
    page.scripts.filter((script) => script.encoding === "identity" && script.kb > 2),
  );
  expect(uncompressed, "scripts over 2 kB served without compression").toEqual([]);
  // Charts are drawn where charts belong: the trends page draws them, the incident list does not.
  expect(figures.find((page) => page.name === "trends")?.charts).toBe(true);
  expect(figures.find((page) => page.name === "incident list")?.charts).toBe(false);
});

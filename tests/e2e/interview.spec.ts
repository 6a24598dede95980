import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, test, signIn } from "./support";

/** Files an incident whose text tells the classifier almost nothing; returns its page's path. */
async function fileAmbiguousIncident(page: Page, baseURL: string): Promise<string> {
  const response = await page.request.post("/api/v1/incidents", {
    headers: { Origin: baseURL, "Content-Type": "application/json" },
    data: {
      correlationId: `e2e-interview-${Date.now()}`,
      title: "Owner says the app just fails",
      environment: "prod",
      tenant: "fleetco",
      errorString: "Something went wrong",
      severity: "sev3",
      occurredAt: new Date().toISOString(),
    },
  });
  expect(response.status()).toBe(201);
  return `/incidents/${(await response.json()).id}`;
}

const OFFICIAL_APP = "Does the vendor's official app work for this user right now?";
const EVERY_USER = "Is every user hit, rather than one account or vehicle?";

test("an ambiguous incident says unsure and asks; answering re-ranks the causes at once, in the report too", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  const path = await fileAmbiguousIncident(page, baseURL!);
  await page.goto(path);

  await expect(page.getByLabel("Top cause")).toContainText("Unsure");
  const interview = page.getByRole("region", { name: "Questions that would settle it" });
  await expect(interview.getByRole("group", { name: OFFICIAL_APP })).toBeVisible();
  const ranked = page.getByRole("list", { name: "Ranked causes" });
  await expect(ranked.getByRole("listitem").first()).not.toContainText("Vendor outage");

  await interview
    .getByRole("group", { name: OFFICIAL_APP })
    .getByLabel("No", { exact: true })
    .check();
  await interview
    .getByRole("group", { name: EVERY_USER })
    .getByLabel("Yes", { exact: true })
    .check();
  await interview.getByRole("button", { name: "Save answers" }).click();

  await expect(ranked.getByRole("listitem").first()).toContainText("Vendor outage");
  await expect(ranked.getByRole("listitem").first()).toContainText(
    `interview: ${EVERY_USER} → Yes`,
  );
  await expect(page.getByRole("list", { name: "Interview answers" })).toContainText(
    `${OFFICIAL_APP} → No`,
  );
  await expect(interview.getByRole("group", { name: OFFICIAL_APP })).toHaveCount(0);

  await page.reload();
  await expect(
    page.getByRole("list", { name: "Ranked causes" }).getByRole("listitem").first(),
  ).toContainText("Vendor outage");

  await page.goto(`${path}/report`);
  const reported = page.getByRole("table", { name: "Ranked causes" });
  await expect(reported.getByRole("row").nth(1)).toContainText("Vendor outage");
});

test("a manager sees the questions but may not answer them", async ({ page, baseURL }) => {
  await signIn(page, DEMO_EMAILS.sre);
  const path = await fileAmbiguousIncident(page, baseURL!);
  await page.context().clearCookies();
  await signIn(page, DEMO_EMAILS.manager);
  await page.goto(path);
  const interview = page.getByRole("region", { name: "Questions that would settle it" });
  await expect(interview).toContainText(OFFICIAL_APP);
  await expect(interview.getByRole("button", { name: "Save answers" })).toHaveCount(0);
  const response = await page.request.post(`/api/v1${path}/answers`, {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: { answers: [{ question: "every_user", answer: "yes" }] },
  });
  expect(response.status()).toBe(403);
});

import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, signedInPage, test } from "./support";

const run = Date.now().toString(36);
const errorFor = (account: string, requests: number) =>
  `Quota e2erunbook exceeded for account acct-${account} after ${requests} requests (HTTP 429)`;

async function fileIncident(page: Page, correlationId: string, errorString: string) {
  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill(`Quota exhausted ${correlationId}`);
  await page.getByLabel("Correlation id").fill(correlationId);
  await page.getByLabel("Tenant").fill("fleetco");
  await page.getByLabel("Error string").fill(errorString);
  await page.getByLabel("HTTP status").fill("429");
  await page.getByLabel("OAuth scopes").fill("openid vehicle:read");
  await page.getByLabel("SDK version").fill("4.2.1");
  await page.getByLabel("API version").fill("2025-09-01");
  await page.getByRole("button", { name: "Create incident" }).click();
  // Filing is a write, a redirect and the incident page's first render with its diagnosis.
  await expect(page.getByRole("heading", { name: `Quota exhausted ${correlationId}` })).toBeVisible(
    { timeout: 15_000 },
  );
}

test("an SRE drafts from an incident, the lead asks for changes, the SRE revises, the lead approves, and a later incident with the same signature shows the entry first", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const sre = await signedInPage(browser, DEMO_EMAILS.sre);
  const lead = await signedInPage(browser, DEMO_EMAILS.supportLead);

  await fileIncident(sre, `e2e-rb-${run}-1`, errorFor("4411", 120));
  await sre.getByRole("link", { name: "Draft runbook entry" }).click();
  await expect(sre.getByLabel("Title")).toHaveValue(`Quota exhausted e2e-rb-${run}-1`);
  await expect(sre.getByLabel("Error string")).toHaveValue(errorFor("4411", 120));
  await expect(sre.getByLabel("Cause")).toHaveValue("rate_limited");
  await expect(sre.getByLabel("SDK version")).toHaveValue("4.2.1");
  await expect(sre.getByLabel("OAuth scopes")).toHaveValue("openid vehicle:read");
  await expect(sre.getByLabel("Failing correlation id")).toHaveValue(`e2e-rb-${run}-1`);

  await sre.getByRole("button", { name: "Save draft" }).click();
  await expect(sre.getByLabel("Fix applied")).toHaveAttribute("aria-invalid", "true");
  await expect(sre.getByText("Fix applied is required").first()).toBeVisible();
  await sre
    .getByLabel("Fix applied")
    .fill("Spread the fleet's polling over the minute; ask the vendor for a quota raise.");
  await sre.getByLabel("Green dependency pin").fill("@vendor/sdk@4.1.9");
  await sre.getByRole("button", { name: "Save draft" }).click();
  await expect(sre).toHaveURL(/\/runbooks\/(?!new)[^/?]+$/);
  await expect(sre.getByText("version 1 of 1")).toBeVisible();
  const entryUrl = sre.url();
  await sre.getByRole("button", { name: "Submit for review" }).click();
  await expect(sre.getByText("In review").first()).toBeVisible();

  await lead.goto(entryUrl);
  await lead.getByRole("button", { name: "Request changes" }).click();
  await expect(
    lead.getByText("Review comment is required when rejecting or asking for changes"),
  ).toBeVisible();
  await lead.getByLabel("Review comment").fill("Name the SDK pin you actually rolled back to.");
  await lead.getByRole("button", { name: "Request changes" }).click();
  await expect(lead.getByText("Changes requested").first()).toBeVisible();
  await expect(lead.getByText("Name the SDK pin you actually rolled back to.")).toBeVisible();
  await expect(lead.getByRole("button", { name: "Approve" })).toHaveCount(0);

  await sre.goto(entryUrl);
  await expect(sre.getByText("Name the SDK pin you actually rolled back to.")).toBeVisible();
  await sre.getByRole("link", { name: "Edit" }).click();
  await sre.getByLabel("Green dependency pin").fill("@vendor/sdk@4.1.8");
  await sre.getByRole("button", { name: "Save new version" }).click();
  await expect(sre.getByText("version 2 of 2")).toBeVisible();
  const diff = sre.getByRole("table", { name: "Changes from version 1 to version 2" });
  await expect(diff).toContainText("@vendor/sdk@4.1.9");
  await expect(diff).toContainText("@vendor/sdk@4.1.8");
  await sre.getByRole("button", { name: "Submit for review" }).click();
  await expect(sre.getByText("In review").first()).toBeVisible();
  await expect(sre.getByRole("button", { name: "Approve" })).toHaveCount(0);

  await lead.goto(entryUrl);
  await lead.getByRole("button", { name: "Approve" }).click();
  await expect(lead.getByText("Approved").first()).toBeVisible();
  await expect(lead.getByText("version 2 of 2 (approved)")).toBeVisible();

  const markdown = await lead.request.get(
    `${entryUrl.replace("/runbooks/", "/api/v1/runbooks/")}/markdown`,
  );
  expect(markdown.status()).toBe(200);
  expect(markdown.headers()["content-disposition"]).toMatch(/^attachment; filename=".+-v2\.md"$/);
  const text = await markdown.text();
  expect(text).toContain(`# Quota exhausted e2e-rb-${run}-1`);
  expect(text).toContain("| Green dependency pin | `@vendor/sdk@4.1.8` |");

  await fileIncident(sre, `e2e-rb-${run}-2`, errorFor("9001", 87));
  const suggestions = sre.getByRole("region", { name: "Runbook entries that match" });
  await expect(suggestions).toBeVisible();
  await expect(
    suggestions.getByRole("link", { name: `Quota exhausted e2e-rb-${run}-1` }),
  ).toBeVisible();
  await expect(suggestions).toContainText("same signature");
  // Shown first: above the diagnosis.
  const suggestionsTop = (await suggestions.boundingBox())!.y;
  const diagnosisTop = (await sre
    .getByRole("heading", { name: "Diagnosis", exact: true })
    .boundingBox())!.y;
  expect(suggestionsTop).toBeLessThan(diagnosisTop);

  await sre.getByRole("link", { name: "Printable report" }).click();
  await expect(sre.getByRole("heading", { name: `Quota exhausted e2e-rb-${run}-2` })).toBeVisible();
  await expect(sre.getByRole("region", { name: "Runbook entries" })).toContainText(
    "same signature",
  );
  await expect(sre.getByRole("button", { name: "Print" })).toBeVisible();
});

test("the manager reads runbooks but reaches no write action: refusal pages, no buttons, 403 from the API", async ({
  browser,
}) => {
  const sre = await signedInPage(browser, DEMO_EMAILS.sre);
  await sre.goto("/runbooks/new");
  await sre.getByLabel("Title").fill(`Manager check ${run}`);
  await sre.getByLabel("Cause").selectOption("server_outage");
  await sre.getByLabel("Error string").fill("HTTP 503 Service Unavailable: maintenance window");
  await sre.getByLabel("Fix applied").fill("Wait for the vendor's maintenance to end.");
  await sre.getByRole("button", { name: "Save draft" }).click();
  await expect(sre).toHaveURL(/\/runbooks\/(?!new)[^/?]+$/);
  await sre.getByRole("button", { name: "Submit for review" }).click();
  await expect(sre.getByText("In review").first()).toBeVisible();
  const entryUrl = sre.url();

  const manager = await signedInPage(browser, DEMO_EMAILS.manager);
  await manager.goto("/runbooks");
  await expect(manager.getByRole("link", { name: `Manager check ${run}` })).toBeVisible();
  await expect(manager.getByRole("link", { name: "New entry" })).toHaveCount(0);
  await manager.goto(entryUrl);
  await expect(manager.getByRole("heading", { name: `Manager check ${run}` })).toBeVisible();
  for (const name of ["Edit", "Submit for review", "Approve", "Reject", "Request changes"]) {
    await expect(
      manager.getByRole(name === "Edit" ? "link" : "button", { name, exact: true }),
    ).toHaveCount(0);
  }
  for (const path of ["/runbooks/new", `${new URL(entryUrl).pathname}/edit`]) {
    await manager.goto(path);
    await expect(manager.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(
      manager.getByText(/The Manager role cannot (draft|edit) runbook entries/),
    ).toBeVisible();
  }
  const origin = new URL(entryUrl).origin;
  const review = await manager.request.post(
    `${entryUrl.replace("/runbooks/", "/api/v1/runbooks/")}/reviews`,
    {
      headers: { Origin: origin },
      data: { decision: "approve" },
    },
  );
  expect(review.status()).toBe(403);
  expect((await review.json()).error).toBe("forbidden");
  const sreReview = await sre.request.post(
    `${entryUrl.replace("/runbooks/", "/api/v1/runbooks/")}/reviews`,
    {
      headers: { Origin: origin },
      data: { decision: "approve" },
    },
  );
  expect(sreReview.status()).toBe(403);
});

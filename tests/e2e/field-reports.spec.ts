import { expect } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

test("an incident's page shows the closest real field reports with links, and what moved the prior", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_EMAILS.sre);
  const response = await page.request.post("/api/v1/incidents", {
    headers: { Origin: baseURL! },
    data: {
      correlationId: `e2e-field-${Date.now()}`,
      title: "Vehicle list refused after re-login",
      environment: "prod",
      tenant: "fleetco",
      errorString:
        'Request Failed. 403, {"status":{"messages":[{"responseCode":"APIGW-403","description":"Unauthorized","detailedDescription":"invalid guid and vin mapping"}]}}',
      httpStatus: 403,
    },
  });
  expect(response.status()).toBe(201);
  await page.goto(`/incidents/${(await response.json()).id}`);

  const field = page.getByRole("region", { name: "Seen in the field" });
  const reports = field.getByRole("list", { name: "Similar field reports" }).getByRole("link");
  await expect(reports).toHaveCount(3);
  for (const link of await reports.all()) await expect(link).toHaveAttribute("href", /^https:\/\//);
  await expect(field.getByRole("list", { name: "What moved the prior" })).toContainText(
    "nearest field reports",
  );
});

// Outbound webhooks in the browser: an admin points one at a receiver this test runs, an event
// arrives signed with the secret shown once, the deliveries log shows it, and a failing
// receiver's delivery is retried and then shown as failed.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

type Received = { headers: IncomingHttpHeaders; body: string };

async function receiver(status: number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function createWebhook(page: Page, url: string): Promise<string> {
  await page.goto("/admin/webhooks");
  const form = page.getByRole("region", { name: "New webhook" });
  await form.getByLabel("URL").fill(url);
  await form.getByLabel("runbook.review_requested").check();
  await form.getByRole("button", { name: "Create webhook" }).click();
  await expect(page.getByRole("status")).toContainText(`Webhook created for ${url}`);
  const secret = await page.getByLabel("New webhook's secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  return secret;
}

async function submitRunbookEntry(page: Page, title: string) {
  await page.goto("/runbooks/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Cause").selectOption("rate_limited");
  await page.getByLabel("Error string").fill("HTTP 429 Too Many Requests");
  await page.getByLabel("Fix applied").fill("Spread the fleet's polling over the minute.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/runbooks\/(?!new)[^/?]+$/);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("In review").first()).toBeVisible();
}

test("an admin's webhook receives a signed event, and a failing one is retried and logged failed", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const healthy = await receiver(200);
  const failing = await receiver(500);
  try {
    await signIn(page, DEMO_EMAILS.admin);

    await page.goto("/admin/webhooks");
    const form = page.getByRole("region", { name: "New webhook" });
    await form.getByLabel("URL").fill("http://169.254.169.254/latest/meta-data/");
    await form.getByLabel("probe.down").check();
    await form.getByRole("button", { name: "Create webhook" }).click();
    await expect(form.getByRole("alert")).toContainText(
      "URL points at 169.254.169.254, a cloud metadata address",
    );

    const secret = await createWebhook(page, healthy.url);
    await createWebhook(page, failing.url);
    const webhooks = page.getByRole("table", { name: "Webhooks" });
    await expect(webhooks).toContainText(healthy.url);
    await expect(webhooks).not.toContainText(secret);

    const title = `Webhook drill ${Date.now().toString(36)}`;
    await submitRunbookEntry(page, title);

    await expect.poll(() => healthy.received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = healthy.received;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
      String(delivery!.headers["x-pitstop-signature"]),
    )!;
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${delivery!.body}`).digest("hex"));
    const payload = JSON.parse(delivery!.body) as Record<string, unknown>;
    expect(payload).toMatchObject({
      event: "runbook.review_requested",
      data: { title, submittedBy: "Ada Admin" },
    });
    expect(payload.text).toContain(`"${title}"`);

    await page.goto("/admin/webhooks");
    await page.getByRole("link", { name: healthy.url }).click();
    const log = page.getByRole("table", { name: "Deliveries" });
    await expect(log.getByRole("row").nth(1)).toContainText("runbook.review_requested");
    await expect(log.getByRole("row").nth(1)).toContainText("delivered");
    await expect(log.getByRole("row").nth(1)).toContainText("HTTP 200");

    await page.goto("/admin/webhooks");
    await page.getByRole("link", { name: failing.url }).click();
    const failed = page.getByRole("table", { name: "Deliveries" }).getByRole("row").nth(1);
    // The log refreshes itself while a retry is due: no reload.
    await expect(failed).toContainText("failed", { timeout: 20_000 });
    const attempts = failed.getByRole("list", {
      name: "Attempts of runbook.review_requested delivery",
    });
    await expect(attempts.getByRole("listitem")).toHaveCount(3);
    await expect(attempts.getByRole("listitem").nth(2)).toContainText("#3");
    await expect(attempts).toContainText("HTTP 500");
    expect(failing.received).toHaveLength(3);

    await page.goto("/admin/webhooks");
    for (const url of [healthy.url, failing.url]) {
      const disable = page.getByRole("button", { name: `Disable webhook ${url}` });
      await disable.click();
      await expect(disable).toHaveCount(0);
    }
  } finally {
    await healthy.close();
    await failing.close();
  }
});

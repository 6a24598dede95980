// The simulator's fault board against the simulator the e2e run starts: an admin's drill
// (inject an outage, see it active and really applied by the vendor, clear it, reset), and the
// read-only board other roles see, with the API refusing their writes.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { DEMO_EMAILS, SIMULATOR, signIn, test } from "./support";

const SIMULATOR_ADMIN = { "x-admin-key": "e2e-admin-key" };

function createToken(role: string): string {
  return execFileSync(
    "./bin/pitstop",
    ["token", "create", "--name", `faults-${role}`, "--role", role],
    { env: { ...process.env, PITSTOP_DATA_DIR: path.resolve("data/e2e") }, encoding: "utf8" },
  ).trim();
}

// A drill spans sign-in, the simulator and two pages: more than one page's default time.
test.describe.configure({ timeout: 90_000 });

/** What the loadlab tenant's app gets from the vendor API right now. */
const vendorStatus = async (request: APIRequestContext) =>
  (
    await request.get(`${SIMULATOR}/sandbox/v1/account`, {
      headers: { "x-api-key": "key_sandbox_loadlab" },
    })
  ).status();

/** A fault put on the board by someone other than Pitstop: straight through the simulator. */
async function injectDirectly(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${SIMULATOR}/admin/faults`, {
    headers: SIMULATOR_ADMIN,
    data: { kind: "rate_limited", environment: "prod", params: { limit: 5 }, durationS: 600 },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

test("an admin drills an outage: injects it, sees it active and applied, clears it, resets", async ({
  page,
  request,
}) => {
  const normally = await vendorStatus(request);
  expect(normally).not.toBe(503);
  await signIn(page, DEMO_EMAILS.admin);
  await page.goto("/simulator");
  await expect(page.getByRole("heading", { name: "Fault board" })).toBeVisible();

  const form = page.getByRole("form", { name: "Inject a fault" });
  await form.getByLabel("Fault kind").selectOption("server_outage");
  await expect(form.getByRole("group", { name: "Parameters of server_outage" })).toBeVisible();
  await form.getByLabel("Environment").selectOption("sandbox");
  await form.getByLabel("Tenant").fill("loadlab");
  await form.getByLabel("Duration (s)").fill("600");
  await form.getByLabel("Mode").selectOption("unavailable");
  await form.getByLabel("Hold (ms)").fill("999999");
  await form.getByLabel("Note").fill("e2e drill");
  await form.getByRole("button", { name: "Inject fault" }).click();
  await expect(form.getByRole("alert")).toContainText("Hold (ms)");
  await expect(form.getByLabel("Hold (ms)")).toHaveAttribute("aria-invalid", "true");
  expect(await vendorStatus(request)).toBe(normally);

  await form.getByLabel("Hold (ms)").fill("1000");
  await form.getByRole("button", { name: "Inject fault" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Injected server_outage" }),
  ).toBeVisible();
  const row = page
    .getByRole("table", { name: "Active faults" })
    .getByRole("row")
    .filter({ hasText: "server_outage" });
  await expect(row).toContainText("sandbox");
  await expect(row).toContainText("tenant loadlab");
  await expect(row).toContainText("mode=unavailable");
  await expect(row).toContainText(/(9|10) min/);
  await expect(row).toContainText("Ada Admin");
  await expect(row).toContainText("e2e drill");
  // The vendor really is down for that tenant's app.
  expect(await vendorStatus(request)).toBe(503);

  await row.getByRole("button", { name: "Clear server_outage fault in sandbox" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fault cleared." })).toBeVisible();
  await expect(page.getByText("No active faults")).toBeVisible();
  expect(await vendorStatus(request)).toBe(normally);

  await injectDirectly(request);
  await page.reload();
  const outside = page
    .getByRole("table", { name: "Active faults" })
    .getByRole("row")
    .filter({ hasText: "rate_limited" });
  await expect(outside).toContainText("outside Pitstop");
  const reset = page.getByRole("form", { name: "Reset the simulator" });
  await reset.getByRole("checkbox").check();
  await reset.getByRole("button", { name: "Reset simulator" }).click();
  await expect(page.getByRole("status").filter({ hasText: "seeded state" })).toBeVisible();
  await expect(page.getByText("No active faults")).toBeVisible();
  const left = await request.get(`${SIMULATOR}/admin/faults`, { headers: SIMULATOR_ADMIN });
  expect((await left.json()).faults).toEqual([]);
});

test("an SRE sees the board read-only, and the API refuses an SRE's writes", async ({
  page,
  request,
}) => {
  const id = await injectDirectly(request);
  try {
    await signIn(page, DEMO_EMAILS.sre);
    await page.goto("/simulator");
    const row = page
      .getByRole("table", { name: "Active faults" })
      .getByRole("row")
      .filter({ hasText: "rate_limited" });
    await expect(row).toContainText("limit=5");
    await expect(
      page.getByText("Read-only: injecting, clearing and resetting are for admins."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /Clear/ })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Inject a fault" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Reset the simulator" })).toHaveCount(0);

    const headers = { Authorization: `Bearer ${createToken("sre")}` };
    const listed = await request.get("/api/v1/simulator/faults", { headers });
    expect(listed.status()).toBe(200);
    expect((await listed.json()).items).toEqual([
      expect.objectContaining({ id, kind: "rate_limited", injectedBy: null }),
    ]);
    const injected = await request.post("/api/v1/simulator/faults", {
      headers,
      data: { kind: "server_outage", environment: "sandbox", durationS: 60 },
    });
    expect(injected.status()).toBe(403);
    expect((await injected.json()).message).toMatch(/may not do this \(simulator\.control\)/);
    const cleared = await request.delete(`/api/v1/simulator/faults/${id}`, { headers });
    expect(cleared.status()).toBe(403);
  } finally {
    await request.delete(`${SIMULATOR}/admin/faults/${id}`, { headers: SIMULATOR_ADMIN });
  }
});

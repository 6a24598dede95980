// Working an incident as a team, through the API and in the browser: one winner when ten people
// acknowledge or resolve at once, bad input named by its field, notes rendered inert, and the
// incident page's owner, note, resolve and reopen controls per role.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { DEMO_EMAILS, signIn, test } from "./support";

function createToken(role: string): string {
  return execFileSync(
    "./bin/pitstop",
    ["token", "create", "--name", `team-${role}`, "--role", role],
    { env: { ...process.env, PITSTOP_DATA_DIR: path.resolve("data/e2e") }, encoding: "utf8" },
  ).trim();
}

let tokens: { sre: string; admin: string; lead: string };
test.beforeAll(() => {
  tokens = {
    sre: createToken("sre"),
    admin: createToken("admin"),
    lead: createToken("support_lead"),
  };
});
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

let filed = 0;
async function fileIncident(request: APIRequestContext, title = "Couldn't pair the vehicle") {
  const response = await request.post("/api/v1/incidents", {
    headers: auth(tokens.sre),
    data: {
      correlationId: `team-${Date.now()}-${++filed}`,
      title,
      environment: "prod",
      tenant: "fleetco",
      errorString: "HTTP 403 insufficient_scope: vehicle:commands required",
      httpStatus: 403,
      severity: "sev2",
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.describe("the team API", () => {
  test("ten acknowledges, then ten resolves, at once: one 200 and nine 409s naming the winner", async ({
    request,
  }) => {
    const id = await fileIncident(request);
    // Two callers, so a 409 naming the wrong one would show.
    const callers = Array.from({ length: 10 }, (_, n) => (n % 2 ? tokens.sre : tokens.admin));

    const acks = await Promise.all(
      callers.map((token) =>
        request.post(`/api/v1/incidents/${id}/acknowledge`, { headers: auth(token) }),
      ),
    );
    const ackStatuses = acks.map((response) => response.status());
    console.log(`team work: ten acknowledges answered ${ackStatuses.join(",")}`);
    expect(ackStatuses.filter((status) => status === 200)).toHaveLength(1);
    expect(ackStatuses.filter((status) => status === 409)).toHaveLength(9);
    const winner = (await acks[ackStatuses.indexOf(200)]!.json()) as { acknowledgedBy: string };
    expect(winner.acknowledgedBy).toMatch(/^token team-(sre|admin)$/);
    for (const response of acks.filter((r) => r.status() === 409))
      expect(((await response.json()) as { message: string }).message).toContain(
        `already acknowledged by ${winner.acknowledgedBy} at `,
      );

    const resolves = await Promise.all(
      callers.map((token) =>
        request.patch(`/api/v1/incidents/${id}`, {
          headers: auth(token),
          data: {
            status: "resolved",
            confirmedCause: "missing_scope",
            resolutionNote: "Re-linked with vehicle:commands",
          },
        }),
      ),
    );
    const resolveStatuses = resolves.map((response) => response.status());
    console.log(`team work: ten resolves answered ${resolveStatuses.join(",")}`);
    expect(resolveStatuses.filter((status) => status === 200)).toHaveLength(1);
    expect(resolveStatuses.filter((status) => status === 409)).toHaveLength(9);
    const timeline = (await (
      await request.get(`/api/v1/incidents/${id}/timeline`, { headers: auth(tokens.sre) })
    ).json()) as { items: Array<{ kind: string; actor: string }> };
    const resolvedBy = timeline.items.filter((item) => item.kind === "resolved");
    expect(resolvedBy).toHaveLength(1);
    for (const response of resolves.filter((r) => r.status() === 409))
      expect(((await response.json()) as { message: string }).message).toContain(
        `already resolved by ${resolvedBy[0]!.actor}`,
      );
    const incident = await (
      await request.get(`/api/v1/incidents/${id}`, { headers: auth(tokens.sre) })
    ).json();
    expect(incident).toMatchObject({ status: "resolved", confirmedCause: "missing_scope" });
  });

  test("bad input is refused with 400 naming the field, and nothing is saved", async ({
    request,
  }) => {
    const id = await fileIncident(request);
    for (const [data, field] of [
      [{ ownerId: "no-such-user" }, "ownerId"],
      [{ status: "resolved", resolutionNote: "fixed it" }, "confirmedCause"],
      [{ status: "open" }, "reopenReason"],
    ] as const) {
      const response = await request.patch(`/api/v1/incidents/${id}`, {
        headers: auth(tokens.sre),
        data,
      });
      expect(response.status(), JSON.stringify(data)).toBe(400);
      expect(Object.keys(((await response.json()) as { fields: object }).fields)).toEqual([field]);
    }
    const tooLong = await request.post(`/api/v1/incidents/${id}/notes`, {
      headers: auth(tokens.sre),
      data: { body: "x".repeat(20_001) },
    });
    expect(tooLong.status()).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      fields: { body: "body must be at most 20000 characters" },
    });
    const incident = await (
      await request.get(`/api/v1/incidents/${id}`, { headers: auth(tokens.sre) })
    ).json();
    expect(incident).toMatchObject({ status: "open", ownerId: null, confirmedCause: null });
    const timeline = await request.get(`/api/v1/incidents/${id}/timeline`, {
      headers: auth(tokens.sre),
    });
    const kinds = ((await timeline.json()) as { items: Array<{ kind: string }> }).items.map(
      (item) => item.kind,
    );
    expect(kinds.filter((kind) => kind === "note" || kind === "resolved")).toEqual([]);
  });

  test("a note with a script is stored as written but rendered inert on the page", async ({
    request,
    page,
  }) => {
    const id = await fileIncident(request);
    const body =
      '<script>window.__noteRan = 1</script>\n\n<img src="x" onerror="window.__noteRan = 2">\n\n[click me](javascript:window.__noteRan=3) **still bold**';
    const created = await request.post(`/api/v1/incidents/${id}/notes`, {
      headers: auth(tokens.lead),
      data: { body },
    });
    expect(created.status()).toBe(201);
    const timeline = (await (
      await request.get(`/api/v1/incidents/${id}/timeline`, { headers: auth(tokens.sre) })
    ).json()) as { items: Array<{ kind: string; body?: string }> };
    expect(timeline.items.find((item) => item.kind === "note")?.body).toBe(body);

    await signIn(page, DEMO_EMAILS.sre);
    await page.goto(`/incidents/${id}`);
    const list = page.getByRole("list", { name: "Timeline" });
    await expect(list.getByText("still bold")).toBeVisible();
    expect(await list.locator("script, img, [onerror]").count()).toBe(0);
    await expect(list.getByText("click me")).not.toHaveAttribute("href", /javascript:/);
    await list.getByText("click me").click();
    expect(await page.evaluate(() => (window as { __noteRan?: number }).__noteRan)).toBeUndefined();
  });
});

test.describe("the incident page", () => {
  test("an SRE takes an incident, writes a note, resolves it with a confirmed cause and reopens it with a reason", async ({
    page,
    request,
  }) => {
    const id = await fileIncident(request, "Remote lock refused for a new scope");
    await signIn(page, DEMO_EMAILS.sre);
    await page.goto(`/incidents/${id}`);
    const team = page.getByRole("region", { name: "Team" });

    await team.getByRole("button", { name: "Take it" }).click();
    await expect(team.getByRole("definition").filter({ hasText: /^Sam Rivera$/ })).toBeVisible();
    await expect(team.getByRole("button", { name: "Take it" })).toHaveCount(0);
    await team.getByRole("button", { name: "Acknowledge" }).click();
    await expect(
      team.getByRole("definition").filter({ hasText: /^by Sam Rivera at / }),
    ).toBeVisible();

    await page.getByLabel("Note", { exact: true }).fill("Tried **relinking** the vehicle");
    await page.getByRole("button", { name: "Add note" }).click();
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline.locator("strong", { hasText: "relinking" })).toBeVisible();
    await expect(page.getByLabel("Note", { exact: true })).toHaveValue("");

    const resolve = page.getByRole("form", { name: "Resolve" });
    await resolve.getByLabel("Confirmed cause").selectOption("");
    await resolve.getByLabel("Resolution note").fill("Granted vehicle:commands and relinked");
    await resolve.getByRole("button", { name: "Resolve" }).click();
    await expect(resolve.getByText("Confirmed cause is required")).toBeVisible();
    await expect(resolve.getByLabel("Resolution note")).toHaveValue(
      "Granted vehicle:commands and relinked",
    );

    await resolve.getByLabel("Confirmed cause").selectOption("missing_scope");
    await resolve.getByRole("button", { name: "Resolve" }).click();
    await expect(timeline.getByText("resolved it: Missing OAuth scope")).toBeVisible();
    await expect(timeline.getByText("Granted vehicle:commands and relinked")).toBeVisible();
    await expect(team.getByText("resolved", { exact: true })).toBeVisible();
    await expect(team.getByRole("button", { name: "Change status" })).toHaveCount(0);

    const reopen = page.getByRole("form", { name: "Reopen" });
    await reopen.getByRole("button", { name: "Reopen" }).click();
    await expect(reopen.getByText("Why reopen is required")).toBeVisible();
    await reopen.getByLabel("Why reopen").fill("Came back after the token refresh");
    await reopen.getByRole("button", { name: "Reopen" }).click();
    await expect(
      timeline.getByText("reopened it: Came back after the token refresh"),
    ).toBeVisible();
    await expect(page.getByRole("form", { name: "Resolve" })).toBeVisible();
  });

  test("losing a race shows who won as the action's refusal", async ({ page, request }) => {
    const id = await fileIncident(request);
    await signIn(page, DEMO_EMAILS.sre);
    await page.goto(`/incidents/${id}`);
    const acknowledged = await request.post(`/api/v1/incidents/${id}/acknowledge`, {
      headers: auth(tokens.admin),
    });
    expect(acknowledged.status()).toBe(200);
    await page
      .getByRole("region", { name: "Team" })
      .getByRole("button", { name: "Acknowledge" })
      .click();
    await expect(
      page.getByRole("alert").filter({ hasText: "already acknowledged by token team-admin" }),
    ).toBeVisible();
  });

  test("a support lead can add a note but sees no acknowledge, owner or resolve controls", async ({
    page,
    request,
  }) => {
    const id = await fileIncident(request);
    await signIn(page, DEMO_EMAILS.supportLead);
    await page.goto(`/incidents/${id}`);
    const team = page.getByRole("region", { name: "Team" });
    await expect(team).toBeVisible();
    for (const name of ["Acknowledge", "Take it", "Set owner", "Resolve", "Change status"])
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);

    await page.getByLabel("Note", { exact: true }).fill("Customer confirms the app was updated");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(
      page
        .getByRole("list", { name: "Timeline" })
        .getByText("Customer confirms the app was updated"),
    ).toBeVisible();
  });

  test("a manager reads the timeline but cannot add notes", async ({ page, request }) => {
    const id = await fileIncident(request);
    await signIn(page, DEMO_EMAILS.manager);
    await page.goto(`/incidents/${id}`);
    await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add note" })).toHaveCount(0);
  });
});

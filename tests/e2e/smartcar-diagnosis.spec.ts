// Issue 12's "Done when": for every cause id, a fault injected in the simulator's Smartcar face
// makes the real smartcar SDK fail; the incident is filed through Pitstop's API with the SDK's
// error verbatim, naming the demo Smartcar connection whose accounts an admin linked through
// Connect; the checks run through Pitstop's API; that cause ranks first with the evidence that
// proves it. Nothing here calls the checks in-process: the app does, over its own HTTP.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { shortenSdkTimeout, smartcar, type SdkError } from "../unit/simulator/smartcar/sdk";
import { DEMO_EMAILS, SIMULATOR, signIn, signedInPage, test } from "./support";

const FACE = `${SIMULATOR}/smartcar/sandbox`;
const SIMULATOR_ADMIN = { "x-admin-key": "e2e-admin-key" };
const FLEET_PASSWORD = "Drive-2026!";
const CONNECTION_NAME = "Smartcar (simulator sandbox)";
const DEMO_REDIRECT = "http://127.0.0.1:8000/callback";
// Ava's account carries the faults; the caller's-network case uses Tom's, so that no earlier
// case's failures sit in the request log around its time.
const AVA = "ava.active@example.com";
const TOM = "tom.trial@example.com";
const PERMISSIONS = [
  "read_vehicle_info",
  "read_vin",
  "read_odometer",
  "read_security",
  "control_security",
];

test.describe.configure({ mode: "serial" });

// The SDK reads its origins from the environment on every call; a dropped request should fail
// the case in a second, not after the SDK's 310 s default.
for (const name of [
  "SMARTCAR_AUTH_ORIGIN",
  "SMARTCAR_API_ORIGIN",
  "SMARTCAR_API_V3_ORIGIN",
  "SMARTCAR_MANAGEMENT_API_ORIGIN",
])
  process.env[name] = FACE;
shortenSdkTimeout(2_000);

function createToken(role: string): string {
  return execFileSync(
    "./bin/pitstop",
    ["token", "create", "--name", `e2e-smartcar-${role}`, "--role", role],
    { env: { ...process.env, PITSTOP_DATA_DIR: path.resolve("data/e2e") }, encoding: "utf8" },
  ).trim();
}

/** The owner's app: Connect by its scriptable form post, the code exchanged by the SDK. */
async function ownerApp(email: string) {
  const auth = new smartcar.AuthClient({
    clientId: "sc-demo-client",
    clientSecret: "sc-demo-secret",
    redirectUri: DEMO_REDIRECT,
    mode: "test",
  });
  const signedIn = await fetch(auth.getAuthUrl(PERMISSIONS, { state: "e2e" }), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: FLEET_PASSWORD }).toString(),
    redirect: "manual",
  });
  const code = new URL(signedIn.headers.get("location")!).searchParams.get("code");
  if (!code) throw new Error(`Connect refused ${email}`);
  const access = await auth.exchangeCode(code);
  const [vehicleId] = (await smartcar.getVehicles(access.accessToken)).vehicles as string[];
  const vehicle = new smartcar.Vehicle(vehicleId!, access.accessToken);
  const { vin } = (await vehicle.vin()) as { vin: string };
  return { vehicle, vin };
}
type OwnerApp = Awaited<ReturnType<typeof ownerApp>>;

/** An admin links the account to the demo connection through Pitstop's page and Connect. */
async function linkThroughPitstop(page: Page, connectionId: string, email: string) {
  await page.goto(`/admin/vendors/${connectionId}`);
  await page.getByLabel("Account to link").fill(email);
  await page.getByRole("button", { name: "Link an account" }).click();
  // Smartcar Connect's sign-in page (the face's), then back on Pitstop's callback.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(FLEET_PASSWORD);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("status")).toContainText(`Linked ${email}`);
}

async function injectFault(
  request: APIRequestContext,
  kind: string,
  target: Record<string, string>,
  params: Record<string, unknown>,
) {
  const response = await request.post(`${SIMULATOR}/admin/faults`, {
    headers: SIMULATOR_ADMIN,
    data: { kind, environment: "sandbox", face: "smartcar", target, params, durationS: 300 },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** What the SDK threw, as an integrator would paste it. */
async function sdkFailure(call: () => Promise<unknown>) {
  const occurredAt = new Date();
  const error = await call().then(
    () => null,
    (thrown: SdkError) => thrown,
  );
  if (!error) throw new Error("the SDK call succeeded under the fault");
  return { error, occurredAt };
}

type Case = {
  cause: string;
  account: string;
  fault: { kind: string; params: Record<string, unknown>; target: "account" | "vin" | "both" };
  /** Calls that the fault lets through first (a rate limit's allowance). */
  warmup?: number;
  /** The check whose evidence proves the cause, and what its summary says. */
  proof: { checkId: string; summary: RegExp };
};

const CASES: Case[] = [
  {
    cause: "phone_network",
    account: TOM,
    fault: { kind: "phone_network", params: { mode: "reset" }, target: "account" },
    proof: {
      checkId: "request_trace",
      summary: /logged no failed call .* while our own call reached it/,
    },
  },
  {
    cause: "subscription_inactive",
    account: AVA,
    fault: { kind: "subscription_inactive", params: { status: "expired" }, target: "vin" },
    proof: { checkId: "request_trace", summary: /CONNECTED_SERVICES_ACCOUNT:SUBSCRIPTION/ },
  },
  {
    cause: "account_auth",
    account: AVA,
    fault: { kind: "account_auth", params: { mode: "token_expired" }, target: "account" },
    proof: { checkId: "request_trace", summary: /401 AUTHENTICATION:null/ },
  },
  {
    cause: "missing_scope",
    account: AVA,
    fault: { kind: "missing_scope", params: { scope: "read_odometer" }, target: "account" },
    proof: { checkId: "permissions", summary: /did not grant read_odometer/ },
  },
  {
    cause: "vehicle_not_linked",
    account: AVA,
    fault: { kind: "vehicle_not_linked", params: { mode: "unlinked" }, target: "both" },
    proof: { checkId: "request_trace", summary: /CONNECTED_SERVICES_ACCOUNT:VEHICLE_MISSING/ },
  },
  {
    cause: "app_version",
    account: AVA,
    fault: { kind: "app_version", params: { smartcarVersion: "2.0" }, target: "account" },
    proof: { checkId: "request_trace", summary: /404 RESOURCE_NOT_FOUND:VERSION/ },
  },
  {
    cause: "vehicle_connectivity",
    account: AVA,
    fault: { kind: "vehicle_connectivity", params: { mode: "asleep" }, target: "vin" },
    proof: { checkId: "vehicle_connectivity", summary: /VEHICLE_STATE:ASLEEP/ },
  },
  {
    cause: "server_outage",
    account: AVA,
    fault: { kind: "server_outage", params: { mode: "unavailable" }, target: "account" },
    proof: { checkId: "request_trace", summary: /500 SERVER:INTERNAL/ },
  },
  {
    cause: "rate_limited",
    account: AVA,
    fault: {
      kind: "rate_limited",
      params: { limit: 1, windowS: 60, per: "vehicle" },
      target: "vin",
    },
    warmup: 1,
    proof: { checkId: "request_trace", summary: /429 RATE_LIMIT:VEHICLE/ },
  },
  {
    cause: "region_unavailable",
    account: AVA,
    fault: { kind: "region_unavailable", params: {}, target: "vin" },
    proof: { checkId: "region", summary: /offers read_odometer for this vehicle in none of/ },
  },
];

let sre = "";
let connectionId = "";
const owners = new Map<string, OwnerApp>();

test.beforeAll(async ({ browser, request }) => {
  await request.delete(`${SIMULATOR}/admin/faults`, { headers: SIMULATOR_ADMIN });
  sre = createToken("sre");
  const connections = await request.get("/api/v1/vendor-connections", {
    headers: { authorization: `Bearer ${createToken("admin")}` },
  });
  expect(connections.status()).toBe(200);
  const listed = (await connections.json()) as { items: Array<{ id: string; name: string }> };
  connectionId = listed.items.find((connection) => connection.name === CONNECTION_NAME)!.id;
  const page = await browser.newPage();
  await signIn(page, DEMO_EMAILS.admin);
  for (const email of [AVA, TOM]) {
    await linkThroughPitstop(page, connectionId, email);
    owners.set(email, await ownerApp(email));
  }
  await page.close();
});

// The links are this file's own: unlinked the way an admin does, so later files start clean.
test.afterAll(async ({ browser }) => {
  const page = await signedInPage(browser, DEMO_EMAILS.admin);
  await page.goto(`/admin/vendors/${connectionId}`);
  for (const email of [AVA, TOM]) {
    await page.getByRole("button", { name: `Unlink ${email}` }).click();
    await expect(page.getByRole("status").first()).toContainText("Account unlinked");
  }
  await page.close();
});

test.afterEach(async ({ request }) => {
  await request.delete(`${SIMULATOR}/admin/faults`, { headers: SIMULATOR_ADMIN });
});

/** The incident as an integrator files it: the SDK's error verbatim, on the Smartcar connection. */
async function fileIncident(
  request: APIRequestContext,
  cause: string,
  account: string,
  error: SdkError,
  occurredAt: Date,
): Promise<string> {
  const filed = await request.post("/api/v1/incidents", {
    headers: { authorization: `Bearer ${sre}` },
    data: {
      correlationId: error.requestId ?? `sdk-no-answer-${occurredAt.getTime()}`,
      title: `Odometer read failed (${cause})`,
      environment: "sandbox",
      tenant: "sc-demo-client",
      vin: owners.get(account)!.vin,
      accountRef: account,
      sdkName: "smartcar",
      sdkVersion: "10.4.0",
      apiVersion: "2.0",
      scopes: PERMISSIONS,
      errorString: String(error),
      ...(error.statusCode ? { httpStatus: error.statusCode } : {}),
      occurredAt: occurredAt.toISOString(),
      severity: "sev3",
      vendorConnectionId: connectionId,
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  return ((await filed.json()) as { id: string }).id;
}

for (const testCase of CASES) {
  test(`${testCase.cause}: the fault the SDK hit through Smartcar ranks first, with its evidence`, async ({
    request,
  }) => {
    const owner = owners.get(testCase.account)!;
    const target = {
      ...(testCase.fault.target !== "vin" ? { account: testCase.account } : {}),
      ...(testCase.fault.target !== "account" ? { vin: owner.vin } : {}),
    };
    await injectFault(request, testCase.fault.kind, target, testCase.fault.params);
    for (let call = 0; call < (testCase.warmup ?? 0); call++) await owner.vehicle.odometer();
    const { error, occurredAt } = await sdkFailure(() => owner.vehicle.odometer());

    const id = await fileIncident(request, testCase.cause, testCase.account, error, occurredAt);

    const ran = await request.post(`/api/v1/incidents/${id}/checks`, {
      headers: { authorization: `Bearer ${sre}` },
    });
    expect(ran.status(), await ran.text()).toBe(201);
    const { diagnosis, results } = (await ran.json()) as {
      diagnosis: { ranked: Array<{ cause: string; confidence: number }> };
      results: Array<{
        checkId: string;
        outcome: string;
        summary: string;
        signals: Array<{ cause: string; weight: number; proves?: boolean }>;
      }>;
    };
    expect(diagnosis.ranked[0]!.cause, JSON.stringify(diagnosis.ranked.slice(0, 3))).toBe(
      testCase.cause,
    );
    const proof = results.find((result) => result.checkId === testCase.proof.checkId)!;
    expect(proof.summary).toMatch(testCase.proof.summary);
    expect(
      proof.signals.some((signal) => signal.cause === testCase.cause && signal.weight > 0),
    ).toBe(true);
    if (testCase.cause === "phone_network") {
      // The SDK saw only a failed fetch; Smartcar never logged it, while Pitstop got through.
      expect(String(error)).toMatch(/fetch failed/);
      expect(error.requestId).toBeUndefined();
    } else {
      expect(error.requestId).toBeTruthy();
    }
  });
}

test("the incident page draws a Smartcar run on the same seven-branch tree", async ({
  browser,
  request,
}) => {
  const owner = owners.get(AVA)!;
  await injectFault(request, "vehicle_connectivity", { vin: owner.vin }, { mode: "asleep" });
  const { error, occurredAt } = await sdkFailure(() => owner.vehicle.odometer());
  const id = await fileIncident(request, "vehicle_connectivity", AVA, error, occurredAt);

  const page = await signedInPage(browser, DEMO_EMAILS.sre);
  await page.goto(`/incidents/${id}`);
  await page.getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByRole("status").filter({ hasText: "checks done" })).toBeVisible();
  const ranked = page.getByRole("list", { name: "Ranked causes" });
  await expect(ranked.getByRole("listitem").first()).toContainText("Vehicle connectivity");
  await expect(page.getByRole("table", { name: "Check results" })).toContainText(
    "Smartcar's request log",
  );
  const tree = page.getByRole("figure", { name: "Decision tree" });
  // Branch 5 and its one leaf share the name; both are confirmed.
  await expect(tree.getByRole("button", { name: /Vehicle connectivity: confirmed/ })).toHaveCount(
    2,
  );
  await expect(page.getByRole("region", { name: "Replay" })).toContainText("Reproduced");
});

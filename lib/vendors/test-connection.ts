import "server-only";
// "Test connection": each call a connection depends on, made for real, with what it proved or
// how it failed. Nothing here throws for a vendor's answer: HTML, an empty body, a redirect
// loop, a TLS failure or a timeout is a failed step that says so.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { maskText } from "@/lib/security/secrets";
import { SMARTCAR_CALLBACK_PATH } from "./constants";
import { readVendorJson, shapeProblem, vendorCall, type VendorCall } from "./http";
import {
  connectionForIncident,
  smartcarAccessToken,
  type SimulatorConnectionRuntime,
  type SmartcarConnectionRuntime,
} from "./runtime";
import { endpoint, errorAnswer, smartcarUser, tokenCall } from "./smartcar-auth";

export type ConnectionTestStep = {
  /** What was tried, e.g. "GET http://…/health" or "Linked account ava@…: GET …/v2.0/user". */
  call: string;
  outcome: "pass" | "fail" | "skip";
  detail: string;
  durationMs: number;
};
export type ConnectionTestReport = {
  connectionId: string;
  name: string;
  kind: string;
  ok: boolean;
  testedAt: string;
  steps: ConnectionTestStep[];
};

type Expectation = (status: number, body: unknown) => { pass: boolean; detail: string };

/** One call whose JSON answer the expectation judges; an unusable answer fails the step. */
async function step(
  call: VendorCall,
  expect: Expectation,
  label?: string,
): Promise<ConnectionTestStep> {
  const started = performance.now();
  const answer = await vendorCall(call);
  const durationMs = Math.round(performance.now() - started);
  const name = label ? `${label}: ${answer.name}` : answer.name;
  const problem = shapeProblem(answer);
  if (problem) return { call: name, outcome: "fail", detail: problem, durationMs };
  const read = readVendorJson(answer, z.unknown());
  const judged = read.ok ? expect(read.status, read.data) : { pass: false, detail: read.problem };
  return {
    call: name,
    outcome: judged.pass ? "pass" : "fail",
    detail: maskText(judged.detail),
    durationMs,
  };
}

const okStatus =
  (what: string): Expectation =>
  (status, body) =>
    status >= 200 && status < 300
      ? { pass: true, detail: `${status}: ${what}` }
      : { pass: false, detail: `answered ${errorAnswer(status, body)}` };

/** The simulator's data is per environment: the connection's own is the one tested. */
async function testSimulator(
  connection: SimulatorConnectionRuntime,
  environment: string,
): Promise<ConnectionTestStep[]> {
  const base = connection.baseUrl;
  const steps = [
    await step({ method: "GET", url: endpoint(base, "/health") }, okStatus("the simulator is up")),
  ];
  steps.push(
    await step(
      { method: "GET", url: endpoint(base, `/${environment}/status`) },
      okStatus("the status page answers"),
    ),
    await step(
      {
        method: "GET",
        url: endpoint(base, `/${environment}/console/versions`),
        headers: { "x-admin-key": connection.adminKey },
      },
      (status, body) =>
        status === 401 || status === 403
          ? {
              pass: false,
              detail: `answered ${errorAnswer(status, body)}: the admin key was refused`,
            }
          : okStatus("the admin key is accepted")(status, body),
      "Admin key",
    ),
  );
  const tenants = Object.entries(connection.tenantKeys).sort(([a], [b]) => a.localeCompare(b));
  if (tenants.length === 0)
    steps.push({
      call: "Tenant keys",
      outcome: "skip",
      detail: "none set: the checks look each tenant's credentials up through the admin endpoints",
      durationMs: 0,
    });
  for (const [tenant, key] of tenants)
    steps.push(
      await step(
        {
          method: "GET",
          url: endpoint(base, `/${environment}/console/quota`),
          headers: { "x-api-key": key },
        },
        (status, body) =>
          status === 401 || status === 403
            ? {
                pass: false,
                detail: `answered ${errorAnswer(status, body)}: ${tenant}'s key was refused`,
              }
            : okStatus(`${tenant}'s API key is accepted`)(status, body),
        `Tenant ${tenant}`,
      ),
    );
  return steps;
}

async function testSmartcar(
  connection: SmartcarConnectionRuntime,
  redirectUri: string,
): Promise<ConnectionTestStep[]> {
  const steps: ConnectionTestStep[] = [];
  // A made-up code: Smartcar judges the client before the code, so invalid_grant proves the
  // client id and secret, and invalid_client says they are wrong.
  const started = performance.now();
  const exchange = await tokenCall(connection, {
    grant_type: "authorization_code",
    code: `pitstop-connection-test-${randomBytes(8).toString("hex")}`,
    redirect_uri: redirectUri,
  });
  const durationMs = Math.round(performance.now() - started);
  const tokenCallName = `Client credentials: POST ${endpoint(connection.authOrigin, "/oauth/token")}`;
  if (exchange.ok)
    steps.push({
      call: tokenCallName,
      outcome: "fail",
      detail:
        "a made-up authorization code was accepted: this is not a real Smartcar token endpoint",
      durationMs,
    });
  else if (exchange.oauthError === "invalid_grant")
    steps.push({
      call: tokenCallName,
      outcome: "pass",
      detail: `the client id and secret are accepted (a made-up code answered ${exchange.status} invalid_grant, as it should)`,
      durationMs,
    });
  else
    steps.push({
      call: tokenCallName,
      outcome: "fail",
      detail:
        exchange.oauthError === "invalid_client"
          ? `the client id or secret was refused: ${exchange.problem}`
          : exchange.problem,
      durationMs,
    });
  if (!connection.managementToken)
    steps.push({
      call: "Management token",
      outcome: "skip",
      detail: "not set: webhook verification and the management API are unavailable",
      durationMs: 0,
    });
  else
    steps.push(
      await step(
        {
          method: "GET",
          url: `${endpoint(connection.managementOrigin, "/v2.0/management/connections")}?limit=1`,
          headers: {
            authorization: `Basic ${Buffer.from(`default:${connection.managementToken}`).toString("base64")}`,
          },
        },
        (status, body) =>
          status === 401 || status === 403
            ? {
                pass: false,
                detail: `answered ${errorAnswer(status, body)}: the management token was refused`,
              }
            : okStatus("the management token is accepted")(status, body),
        "Management token",
      ),
    );
  const links = await db.smartcarAccountLink.findMany({
    where: { connectionId: connection.id },
    select: { label: true },
    orderBy: { label: "asc" },
  });
  if (links.length === 0)
    steps.push({
      call: "Linked accounts",
      outcome: "skip",
      detail: "none linked yet: link the accounts to diagnose with Connect",
      durationMs: 0,
    });
  for (const { label } of links) {
    const linkStarted = performance.now();
    const call = `Linked account ${label}: GET ${endpoint(connection.apiOrigin, "/v2.0/user")}`;
    const token = await smartcarAccessToken(connection, label);
    const user = token.ok ? await smartcarUser(connection.apiOrigin, token.accessToken) : null;
    steps.push({
      call,
      outcome: token.ok && user?.ok ? "pass" : "fail",
      detail: !token.ok
        ? token.problem
        : user!.ok
          ? `200: the token works for Smartcar user ${user!.id}`
          : user!.problem,
      durationMs: Math.round(performance.now() - linkStarted),
    });
  }
  return steps;
}

export async function testVendorConnection(
  id: string,
  options: { origin: string },
): Promise<ConnectionTestReport | null> {
  const row = await db.vendorConnection.findUnique({
    where: { id },
    select: { environment: true },
  });
  if (!row) return null;
  const connection = await connectionForIncident(id);
  const steps =
    connection.kind === "pitstop-simulator"
      ? await testSimulator(connection, row.environment)
      : await testSmartcar(connection, `${options.origin}${SMARTCAR_CALLBACK_PATH}`);
  return {
    connectionId: connection.id,
    name: connection.name,
    kind: connection.kind,
    ok: steps.every((each) => each.outcome !== "fail"),
    testedAt: new Date().toISOString(),
    steps,
  };
}

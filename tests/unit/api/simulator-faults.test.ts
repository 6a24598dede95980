// The fault board's API against a real simulator: inject, see, clear and reset, each audited
// with who did it; read-only for the roles that may only look; a clear refusal (never a 500)
// when the simulator does not answer.
import { createServer } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DELETE as clearFault } from "@/app/api/v1/simulator/faults/[id]/route";
import { GET as listFaults, POST as injectFault } from "@/app/api/v1/simulator/faults/route";
import { POST as resetSimulator } from "@/app/api/v1/simulator/reset/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { unique } from "@/tests/support/factories";
import { FAULT_KINDS } from "@/lib/simulator/faults";
import { ADMIN_KEY, clientOf, startSimulatorForFile } from "../simulator/support";

const harness = startSimulatorForFile();
const useSimulator = () => {
  process.env.SIMULATOR_URL = harness.baseUrl;
  process.env.SIMULATOR_ADMIN_KEY = ADMIN_KEY;
};
beforeAll(useSimulator);
afterEach(useSimulator);

const tokens = new Map<Role, { token: string; name: string }>();
async function bearer(role: Role) {
  if (!tokens.has(role)) {
    const name = unique(`faults-${role}`);
    tokens.set(role, { name, token: (await createApiToken({ name, role }, system)).token });
  }
  return tokens.get(role)!;
}
const system = { kind: "system", label: "fault board test" } as const;

async function call(role: Role, path: string, init: { method?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${(await bearer(role)).token}` };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://pitstop.test${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}
/** A loopback port nothing listens on: the one a just-closed server had. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

const OUTAGE = {
  kind: "server_outage",
  environment: "sandbox",
  target: { tenant: "loadlab" },
  durationS: 300,
  params: { mode: "unavailable" },
  note: "drill: vendor down",
};
// What a client of the loadlab tenant gets from the vendor API: a refusal of its own, or 503 in an outage.
const vendorAnswer = async () =>
  (
    await harness.request("/sandbox/v1/account", {
      headers: { "x-api-key": clientOf("loadlab").apiKey },
    })
  ).status;

const auditOf = (entityId: string) =>
  db.auditEvent.findMany({
    where: { entityType: "simulator_fault", entityId },
    orderBy: { id: "asc" },
  });

describe("/api/v1/simulator/faults", () => {
  it("injects a fault the simulator really applies, lists it with who injected it, and clears it", async () => {
    const normally = await vendorAnswer();
    expect(normally).not.toBe(503);
    const injected = await injectFault(
      await call("admin", "/api/v1/simulator/faults", { method: "POST", json: OUTAGE }),
    );
    expect(injected.status).toBe(201);
    const fault = await injected.json();
    const injector = `token ${(await bearer("admin")).name}`;
    expect(fault).toMatchObject({
      kind: "server_outage",
      environment: "sandbox",
      target: { tenant: "loadlab" },
      params: { mode: "unavailable", holdMs: 30_000 },
      state: "active",
      injectedBy: injector,
      maskedSecrets: 0,
    });
    expect(fault.remainingS).toBeGreaterThan(290);
    expect(fault.remainingS).toBeLessThanOrEqual(300);
    expect(await vendorAnswer()).toBe(503);

    const listed = await (await listFaults(await call("sre", "/api/v1/simulator/faults"))).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ id: fault.id, injectedBy: injector, note: "drill: vendor down" }),
    ]);

    const cleared = await clearFault(
      await call("admin", `/api/v1/simulator/faults/${fault.id}`, { method: "DELETE" }),
      params(fault.id),
    );
    expect(cleared.status).toBe(200);
    expect(await vendorAnswer()).toBe(normally);
    const after = await (await listFaults(await call("admin", "/api/v1/simulator/faults"))).json();
    expect(after.items).toEqual([]);

    const audit = await auditOf(fault.id);
    expect(audit.map((entry) => [entry.action, entry.actorLabel])).toEqual([
      ["simulator.fault_inject", injector],
      ["simulator.fault_clear", injector],
    ]);
  });

  it("shows a fault injected outside Pitstop with no injector", async () => {
    const direct = await harness.admin("POST", "/admin/faults", {
      kind: "rate_limited",
      environment: "prod",
      params: { limit: 3 },
    });
    expect(direct.status).toBe(201);
    const listed = await (
      await listFaults(await call("manager", "/api/v1/simulator/faults"))
    ).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ id: direct.body.id, injectedBy: null }),
    ]);
  });

  it("refuses a bad fault with 400 naming the field, sending nothing to the simulator", async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ params: { holdMs: 999_999 } }, "params.holdMs", /120000/],
      [{ target: { vin: "ABC" } }, "target.vin", /17 characters/],
      [{ kind: "meteor" }, "kind", /kind must be one of/],
      [{ environment: "staging" }, "environment", /sandbox or prod/],
      [{ durationS: 1.5 }, "durationS", /expected int/],
      [{ note: "x".repeat(501) }, "note", /at most 500/],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await injectFault(
        await call("admin", "/api/v1/simulator/faults", {
          method: "POST",
          json: { ...OUTAGE, ...overrides },
        }),
      );
      expect(response.status, field).toBe(400);
      const body = await response.json();
      expect(body.error).toBe("validation_failed");
      expect(body.fields[field], JSON.stringify(body)).toMatch(message);
    }
    expect(harness.simulator.faults.list()).toEqual([]);
  });

  it("masks a secret pasted in the note", async () => {
    const response = await injectFault(
      await call("admin", "/api/v1/simulator/faults", {
        method: "POST",
        json: {
          ...OUTAGE,
          note: "drill with Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456",
        },
      }),
    );
    expect(response.status).toBe(201);
    const fault = await response.json();
    expect(fault.maskedSecrets).toBe(1);
    expect(harness.simulator.faults.list()[0]!.note).not.toContain("abcdefghijklmnop");
  });

  it("answers 404 for a fault the simulator does not have", async () => {
    const response = await clearFault(
      await call("admin", "/api/v1/simulator/faults/fault_nope", { method: "DELETE" }),
      params("fault_nope"),
    );
    expect(response.status).toBe(404);
  });

  it("lets the roles that may only look list faults, and forbids them the rest", async () => {
    for (const role of ["sre", "support_lead", "manager"] as const) {
      expect((await listFaults(await call(role, "/api/v1/simulator/faults"))).status, role).toBe(
        200,
      );
      const writes = [
        await injectFault(
          await call(role, "/api/v1/simulator/faults", { method: "POST", json: OUTAGE }),
        ),
        await clearFault(
          await call(role, "/api/v1/simulator/faults/fault_x", { method: "DELETE" }),
          params("fault_x"),
        ),
        await resetSimulator(
          await call(role, "/api/v1/simulator/reset", { method: "POST", json: { confirm: true } }),
        ),
      ];
      expect(
        writes.map((response) => response.status),
        role,
      ).toEqual([403, 403, 403]);
    }
    expect(harness.simulator.faults.list()).toEqual([]);
  });
});

describe("/api/v1/simulator/reset", () => {
  it("needs confirm: true, then clears every fault and is audited", async () => {
    await harness.admin("POST", "/admin/faults", { kind: "latency", environment: "sandbox" });
    const unconfirmed = await resetSimulator(
      await call("admin", "/api/v1/simulator/reset", { method: "POST", json: {} }),
    );
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).fields.confirm).toMatch(/confirm must be true/);
    expect(harness.simulator.faults.list()).toHaveLength(1);

    const before = await db.auditEvent.count({ where: { action: "simulator.reset" } });
    const reset = await resetSimulator(
      await call("admin", "/api/v1/simulator/reset", { method: "POST", json: { confirm: true } }),
    );
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ reset: true });
    expect(harness.simulator.faults.list()).toEqual([]);
    const entries = await db.auditEvent.findMany({
      where: { action: "simulator.reset" },
      orderBy: { id: "desc" },
    });
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]!.actorLabel).toBe(`token ${(await bearer("admin")).name}`);
  });
});

describe("when the simulator cannot serve the board", () => {
  it("answers 503 simulator_unreachable when it does not answer, auditing nothing", async () => {
    process.env.SIMULATOR_URL = `http://127.0.0.1:${await closedPort()}`;
    const audited = await db.auditEvent.count({ where: { entityType: "simulator_fault" } });
    const answers = [
      await listFaults(await call("admin", "/api/v1/simulator/faults")),
      await injectFault(
        await call("admin", "/api/v1/simulator/faults", { method: "POST", json: OUTAGE }),
      ),
      await clearFault(
        await call("admin", "/api/v1/simulator/faults/fault_x", { method: "DELETE" }),
        params("fault_x"),
      ),
      await resetSimulator(
        await call("admin", "/api/v1/simulator/reset", { method: "POST", json: { confirm: true } }),
      ),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      const body = await answer.json();
      expect(body.error).toBe("simulator_unreachable");
      expect(body.message).toMatch(/did not answer \(connection_refused/);
    }
    expect(await db.auditEvent.count({ where: { entityType: "simulator_fault" } })).toBe(audited);
  });

  it("answers 502 simulator_bad_answer when it refuses Pitstop's admin key", async () => {
    process.env.SIMULATOR_ADMIN_KEY = "not-the-key";
    const answer = await listFaults(await call("admin", "/api/v1/simulator/faults"));
    expect(answer.status).toBe(502);
    expect(await answer.json()).toMatchObject({
      error: "simulator_bad_answer",
      message: expect.stringMatching(/answered 401/),
    });
  });
});

describe("the OpenAPI document", () => {
  it("lists the fault board's endpoints with the simulator's fault schema as the body", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/api/v1/simulator/faults"]!)).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/simulator/faults/{id}"]!)).toEqual(["delete"]);
    expect(Object.keys(paths["/api/v1/simulator/reset"]!)).toEqual(["post"]);
    const body = (
      paths["/api/v1/simulator/faults"]!.post as {
        requestBody: { content: { "application/json": { schema: unknown } } };
      }
    ).requestBody.content["application/json"].schema as {
      required: string[];
      properties: {
        kind: { enum: string[] };
        params: { "x-params-by-kind": Record<string, unknown> };
      };
    };
    expect(body.required).toEqual(expect.arrayContaining(["kind", "environment"]));
    expect(body.properties.kind.enum).toEqual(FAULT_KINDS);
    expect(Object.keys(body.properties.params["x-params-by-kind"])).toEqual(FAULT_KINDS);
  });
});

// The vendor-audit import against a real simulator over HTTP: changes made through the
// simulator's admin API show up in its audit log and come into Pitstop once, however often
// the import runs; a vendor that is down, refuses us or answers garbage stores nothing.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  importVendorAudit,
  mapVendorAuditEntry,
  VENDOR_ACTION_KINDS,
  type VendorOptions,
} from "@/lib/changes/vendor-audit";
import { POST as importRoute } from "@/app/api/v1/changes/import/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { userActor } from "@/tests/support/db-factories";
import { ADMIN_KEY, startSimulatorForFile } from "../simulator/support";

const harness = startSimulatorForFile();
const vendor = (): VendorOptions => ({ baseUrl: harness.baseUrl, adminKey: ADMIN_KEY });

beforeAll(() => {
  // The API route finds the vendor the way the app does.
  process.env.SIMULATOR_URL = harness.baseUrl;
  process.env.SIMULATOR_ADMIN_KEY = ADMIN_KEY;
});

beforeEach(async () => {
  await db.changeEvent.deleteMany({});
});

/** A loopback port nothing listens on: a vendor that is down. */
async function closedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

async function rotateKey(environment: "sandbox" | "prod" = "sandbox") {
  const answer = await harness.admin("POST", "/admin/keys/rotate", { environment });
  expect(answer.status).toBe(200);
  return answer.body.kid as string;
}

describe("vendor audit import", () => {
  it("imports a key rotation and a scope change with their vendor ids, then nothing new on the second run", async () => {
    const sre = await userActor("sre");
    const kid = await rotateKey();
    await harness.injectFault({
      kind: "missing_scope",
      target: { tenant: "fleetco" },
      params: { scope: "vehicle:commands" },
      durationS: 60,
    });

    const first = await importVendorAudit("sandbox", sre, vendor());
    expect(first).toEqual({
      ok: true,
      environment: "sandbox",
      imported: 2,
      alreadyHad: 0,
      skipped: 0,
    });
    const stored = await db.changeEvent.findMany({ orderBy: { occurredAt: "asc" } });
    expect(
      stored.map((change) => [
        change.kind,
        change.environment,
        change.tenant,
        change.source,
        change.createdById,
      ]),
    ).toEqual([
      ["key_rotation", "sandbox", null, "vendor_audit", sre.id],
      ["scope_change", "sandbox", "fleetco", "vendor_audit", sre.id],
    ]);
    expect(stored[0]!.summary).toContain(kid);
    expect(stored[1]!.summary).toContain("vehicle:commands");
    expect(stored.every((change) => change.externalId?.startsWith("vendor:sandbox:aud_"))).toBe(
      true,
    );

    await rotateKey();
    const second = await importVendorAudit("sandbox", sre, vendor());
    expect(second).toEqual({
      ok: true,
      environment: "sandbox",
      imported: 1,
      alreadyHad: 2,
      skipped: 0,
    });
    const third = await importVendorAudit("sandbox", sre, vendor());
    expect(third).toEqual({
      ok: true,
      environment: "sandbox",
      imported: 0,
      alreadyHad: 3,
      skipped: 0,
    });
    expect(await db.changeEvent.count()).toBe(3);
    const audits = await db.auditEvent.findMany({
      where: { action: "change.import", actorId: sre.id },
      orderBy: { id: "asc" },
    });
    expect(audits.map((audit) => JSON.parse(audit.after!).imported)).toEqual([2, 1, 0]);
  });

  it("reads only the environment asked for", async () => {
    await rotateKey("prod");
    const sandbox = await importVendorAudit("sandbox", await userActor("sre"), vendor());
    expect(sandbox).toMatchObject({ ok: true, imported: 0 });
    const prod = await importVendorAudit("prod", await userActor("sre"), vendor());
    expect(prod).toMatchObject({ ok: true, imported: 1 });
    expect(await db.changeEvent.findFirst()).toMatchObject({
      environment: "prod",
      kind: "key_rotation",
    });
  });

  it("maps each vendor action to a change kind and skips actions that are not changes", () => {
    const entry = (kind: string) => ({
      id: `aud_${kind}`,
      at: "2026-11-20T08:00:00.000Z",
      kind,
      tenant: "fleetco",
      summary: `${kind} happened`,
      details: { a: 1 },
    });
    expect(
      Object.keys(VENDOR_ACTION_KINDS).map(
        (kind) => mapVendorAuditEntry("prod", entry(kind))?.kind,
      ),
    ).toEqual([
      "key_rotation",
      "scope_change",
      "oauth_relink",
      "oauth_relink",
      "token_regeneration",
      "policy_change",
      "policy_change",
      "api_version_pin",
    ]);
    expect(mapVendorAuditEntry("prod", entry("report_downloaded"))).toBeNull();
    expect(mapVendorAuditEntry("prod", entry("password_change"))).toMatchObject({
      externalId: "vendor:prod:aud_password_change",
      occurredAt: new Date("2026-11-20T08:00:00.000Z"),
      details: JSON.stringify({ vendorAction: "password_change", a: 1 }),
    });
  });

  it("says why and stores nothing when the vendor refuses the admin key", async () => {
    await rotateKey();
    const result = await importVendorAudit("sandbox", await userActor("sre"), {
      ...vendor(),
      adminKey: "wrong-key",
    });
    expect(result).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^The vendor's audit log answered 401/),
    });
    expect(await db.changeEvent.count()).toBe(0);
  });

  it("says the vendor did not answer, and stores nothing, when it is down", async () => {
    const result = await importVendorAudit("sandbox", await userActor("sre"), {
      baseUrl: await closedPort(),
      adminKey: ADMIN_KEY,
      timeoutMs: 1_000,
    });
    expect(result).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^The vendor did not answer \(connection_refused/),
    });
    expect(await db.changeEvent.count()).toBe(0);
  });
});

describe("a vendor answering garbage", () => {
  let answer: { status: number; type: string; body: string } = {
    status: 200,
    type: "application/json",
    body: "{}",
  };
  let server: Server;
  let baseUrl = "";
  beforeAll(async () => {
    server = createServer((_request, response) =>
      response.writeHead(answer.status, { "content-type": answer.type }).end(answer.body),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const good = {
    id: "aud_1",
    at: "2026-11-20T08:00:00.000Z",
    kind: "key_rotation",
    tenant: null,
    summary: "rotated",
    details: {},
  };

  it("stores none of a batch when one entry is malformed, and names where", async () => {
    answer = {
      status: 200,
      type: "application/json",
      body: JSON.stringify({ entries: [good, { ...good, id: "aud_2", at: "last tuesday" }] }),
    };
    const result = await importVendorAudit("sandbox", await userActor("sre"), {
      baseUrl,
      adminKey: "k",
    });
    expect(result).toMatchObject({
      ok: false,
      problem: expect.stringContaining("unexpected shape at entries.1.at"),
    });
    expect(await db.changeEvent.count()).toBe(0);
  });

  it("explains an HTML page instead of JSON", async () => {
    answer = { status: 200, type: "text/html", body: "<html>Gateway maintenance</html>" };
    const result = await importVendorAudit("sandbox", await userActor("sre"), {
      baseUrl,
      adminKey: "k",
    });
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining("not JSON") });
  });

  it("counts an entry the vendor lists twice once", async () => {
    answer = {
      status: 200,
      type: "application/json",
      body: JSON.stringify({
        entries: [good, good, { ...good, id: "aud_3", kind: "report_downloaded" }],
      }),
    };
    const result = await importVendorAudit("sandbox", await userActor("sre"), {
      baseUrl,
      adminKey: "k",
    });
    expect(result).toEqual({
      ok: true,
      environment: "sandbox",
      imported: 1,
      alreadyHad: 1,
      skipped: 1,
    });
    expect(await db.changeEvent.count()).toBe(1);
  });
});

describe("POST /api/v1/changes/import", () => {
  const post = async (role: "sre" | "manager", body: unknown) => {
    const { token } = await createApiToken(
      { name: `import-${role}`, role },
      await userActor("admin"),
    );
    return importRoute(
      new Request("http://pitstop.test/api/v1/changes/import", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  };

  it("imports for an SRE token and reports the counts", async () => {
    await rotateKey();
    const answer = await post("sre", { environment: "sandbox" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      environment: "sandbox",
      imported: 1,
      alreadyHad: 0,
      skipped: 0,
      message: "Imported 1, already had 0, skipped 0 from the sandbox audit log.",
    });
  });

  it("refuses a manager (403) and a bad environment (400 naming it)", async () => {
    expect((await post("manager", { environment: "sandbox" })).status).toBe(403);
    const bad = await post("sre", { environment: "staging" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toEqual({
      environment: "environment must be sandbox or prod",
    });
  });

  it("answers 502 with the reason, not a 500, when the vendor is down", async () => {
    process.env.SIMULATOR_URL = await closedPort();
    try {
      const answer = await post("sre", { environment: "sandbox" });
      expect(answer.status).toBe(502);
      expect(await answer.json()).toMatchObject({
        error: "vendor_unavailable",
        message: expect.stringContaining("Nothing was imported. The vendor did not answer"),
      });
    } finally {
      process.env.SIMULATOR_URL = harness.baseUrl;
    }
  });
});

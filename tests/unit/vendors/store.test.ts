// Vendor connections in the store: secrets encrypted at rest and write-only (blank keeps them),
// the audit log naming which secret changed but never its value, the kind rules, and deletes
// refused while the connection is the default or named by an incident.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createIncident } from "@/lib/incidents/store";
import { incidentInputSchema } from "@/lib/incidents/schema";
import {
  vendorConnectionInputSchema,
  vendorConnectionPatchSchema,
  vendorConnectionFieldsFromForm,
} from "@/lib/vendors/schema";
import {
  createConnection,
  deleteConnection,
  getConnection,
  updateConnection,
  vendorConnectionJson,
} from "@/lib/vendors/store";
import { connectionForIncident } from "@/lib/vendors/runtime";
import { seedVendorConnections } from "@/lib/vendors/seed";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";
import { clearVendorData, system, uniqueName } from "./support";

const SECRET = "cs-live-7f6e5d4c3b2a1908";
const NEW_SECRET = "cs-live-rotated-00112233";
const AMT = "amt-4455667788990011";
const TENANT_KEY = "tk-fleetco-99887766";

beforeEach(clearVendorData);

async function auditText(entityId: string) {
  const rows = await db.auditEvent.findMany({ where: { entityId } });
  return JSON.stringify(rows);
}

describe("vendorConnectionInputSchema", () => {
  it("names the field that is wrong", () => {
    const parsed = vendorConnectionInputSchema.safeParse({
      name: "",
      kind: "toyota",
      environment: "staging",
      baseUrl: "ftp://x",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "kind", "environment", "baseUrl"]));
  });

  it("refuses fields of the other kind, URLs with credentials, and keeps blank secrets out", () => {
    const base = { name: "x", kind: "smartcar", environment: "sandbox" };
    const withCredentials = vendorConnectionInputSchema.safeParse({
      ...base,
      baseUrl: "https://user:pw@example.com",
    });
    expect(withCredentials.error!.issues[0]).toMatchObject({
      path: ["baseUrl"],
      message: expect.stringMatching(/user name or password/),
    });
    const foreign = vendorConnectionInputSchema.safeParse({ ...base, adminKey: "k" });
    expect(foreign.error!.issues[0]).toMatchObject({
      path: ["adminKey"],
      message: "adminKey belongs to a Pitstop simulator connection",
    });
    const blank = vendorConnectionPatchSchema.parse({
      clientSecret: "",
      baseUrl: "https://a.example/b/",
    });
    expect(blank.clientSecret).toBeUndefined();
    expect(blank.baseUrl).toBe("https://a.example/b");
  });

  it("reads the form: tenant keys one per line, blank secrets left out", () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      name: "Sim B",
      kind: "pitstop-simulator",
      environment: "prod",
      baseUrl: "",
      adminKey: "",
      tenantKeys: "fleetco = k1\n\ndrivewise=k2\n",
    }))
      form.set(name, value);
    const parsed = vendorConnectionInputSchema.parse(vendorConnectionFieldsFromForm(form));
    expect(parsed).toMatchObject({ baseUrl: null, adminKey: undefined, isDefault: false });
    expect(parsed.tenantKeys).toEqual({ fleetco: "k1", drivewise: "k2" });
    form.set("tenantKeys", "no equals sign");
    const bad = vendorConnectionInputSchema.safeParse(vendorConnectionFieldsFromForm(form));
    expect(bad.error!.issues[0]).toMatchObject({
      path: ["tenantKeys"],
      message: "tenantKeys line 1 must read tenant=key",
    });
  });
});

describe("createConnection / updateConnection", () => {
  it("stores secrets encrypted, reports only whether they are set, and never audits a value", async () => {
    const admin = await userActor("admin");
    const created = await createConnection(
      vendorConnectionInputSchema.parse({
        name: uniqueName("Sim"),
        kind: "pitstop-simulator",
        environment: "sandbox",
        adminKey: SECRET,
        tenantKeys: { fleetco: TENANT_KEY },
      }),
      admin,
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { connection } = created;
    expect(connection.secrets).toEqual({
      clientSecret: false,
      managementToken: false,
      adminKey: true,
      tenantKeys: true,
    });
    expect(connection.tenants).toEqual(["fleetco"]);
    const json = JSON.stringify(vendorConnectionJson(connection));
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain(TENANT_KEY);
    const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM "VendorConnection" WHERE id = ${connection.id}`;
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(TENANT_KEY);
    expect(String(row!.adminKeyEnc)).toMatch(/^v1\./);

    const runtime = await connectionForIncident(connection.id);
    expect(runtime).toMatchObject({
      kind: "pitstop-simulator",
      adminKey: SECRET,
      tenantKeys: { fleetco: TENANT_KEY },
    });

    const audit = await auditText(connection.id);
    expect(audit).toContain('\\"adminKey\\":\\"changed\\"');
    expect(audit).not.toContain(SECRET);
    expect(audit).not.toContain(TENANT_KEY);
  });

  it("keeps a secret when the update leaves it blank, replaces it when given, and audits neither value", async () => {
    const admin = await userActor("admin");
    const created = await createConnection(
      vendorConnectionInputSchema.parse({
        name: uniqueName("SC"),
        kind: "smartcar",
        environment: "prod",
        clientId: "client-a",
        clientSecret: SECRET,
        managementToken: AMT,
      }),
      admin,
    );
    if (!created.ok) throw new Error("create failed");
    const id = created.connection.id;
    const kept = await updateConnection(
      id,
      vendorConnectionPatchSchema.parse({
        name: "Renamed " + id,
        clientSecret: "",
        managementToken: "",
      }),
      admin,
    );
    expect(kept.ok).toBe(true);
    let runtime = await connectionForIncident(id);
    expect(runtime).toMatchObject({ kind: "smartcar", clientSecret: SECRET, managementToken: AMT });
    expect(runtime.name).toBe("Renamed " + id);
    // Real Smartcar's origins when none is set.
    expect(runtime).toMatchObject({
      authOrigin: "https://auth.smartcar.com",
      v3Origin: "https://vehicle.api.smartcar.com",
    });

    await updateConnection(
      id,
      vendorConnectionPatchSchema.parse({ clientSecret: NEW_SECRET, managementToken: null }),
      admin,
    );
    runtime = await connectionForIncident(id);
    expect(runtime).toMatchObject({ clientSecret: NEW_SECRET, managementToken: null });

    const audit = await auditText(id);
    for (const value of [SECRET, NEW_SECRET, AMT]) expect(audit).not.toContain(value);
    expect(audit).toContain('\\"clientSecret\\":\\"changed\\"');
    expect(audit).toContain('\\"managementToken\\":\\"cleared\\"');
  });

  it("refuses a Smartcar connection without client credentials, a taken name, and a kind change", async () => {
    const admin = await userActor("admin");
    const missing = await createConnection(
      vendorConnectionInputSchema.parse({
        name: uniqueName("SC"),
        kind: "smartcar",
        environment: "sandbox",
      }),
      admin,
    );
    expect(missing).toMatchObject({
      ok: false,
      fields: {
        clientId: "clientId is required for a Smartcar connection",
        clientSecret: "clientSecret is required for a Smartcar connection",
      },
    });
    const name = uniqueName("Sim");
    const input = vendorConnectionInputSchema.parse({
      name,
      kind: "pitstop-simulator",
      environment: "sandbox",
    });
    const first = await createConnection(input, admin);
    expect(await createConnection(input, admin)).toMatchObject({
      ok: false,
      fields: { name: `a connection named "${name}" already exists` },
    });
    if (!first.ok) throw new Error("create failed");
    expect(
      await updateConnection(
        first.connection.id,
        vendorConnectionPatchSchema.parse({ kind: "smartcar" }),
        admin,
      ),
    ).toMatchObject({ ok: false, fields: { kind: expect.stringMatching(/cannot change/) } });
  });
});

describe("deleteConnection", () => {
  it("refuses the default connection and one an incident names, with the count", async () => {
    const admin = await userActor("admin");
    await seedVendorConnections();
    const connections = await db.vendorConnection.findMany();
    const defaultOne = connections.find((row) => row.isDefault)!;
    const other = connections.find((row) => !row.isDefault)!;
    expect(await deleteConnection(defaultOne.id, admin)).toEqual({
      ok: false,
      reason: "is_default",
    });
    const incident = await createIncident(
      incidentInputSchema.parse({
        ...incidentBody(),
        correlationId: unique("vc"),
        vendorConnectionId: other.id,
      }),
      system,
    );
    expect(incident.ok).toBe(true);
    expect(await deleteConnection(other.id, admin)).toEqual({
      ok: false,
      reason: "in_use",
      incidents: 1,
    });
    await db.incident.updateMany({
      where: { vendorConnectionId: other.id },
      data: { vendorConnectionId: null },
    });
    expect(await deleteConnection(other.id, admin)).toEqual({ ok: true });
    expect(await getConnection(other.id)).toBeNull();
  });
});

describe("seedVendorConnections", () => {
  it("seeds the default simulator (following SIMULATOR_URL) and the demo Smartcar connection once", async () => {
    expect(await seedVendorConnections()).toEqual(["Simulator", "Smartcar (simulator sandbox)"]);
    expect(await seedVendorConnections()).toEqual([]);
    const simulator = await connectionForIncident(null);
    expect(simulator).toMatchObject({
      kind: "pitstop-simulator",
      name: "Simulator",
      adminKey: "sim-admin-key",
    });
    const previous = process.env.SIMULATOR_URL;
    process.env.SIMULATOR_URL = "http://127.0.0.1:4999";
    try {
      expect((await connectionForIncident(null)) as { baseUrl: string }).toMatchObject({
        baseUrl: "http://127.0.0.1:4999",
      });
    } finally {
      if (previous === undefined) delete process.env.SIMULATOR_URL;
      else process.env.SIMULATOR_URL = previous;
    }
    const demo = await db.vendorConnection.findUniqueOrThrow({
      where: { name: "Smartcar (simulator sandbox)" },
    });
    expect(await connectionForIncident(demo.id)).toMatchObject({
      kind: "smartcar",
      authOrigin: expect.stringMatching(/\/smartcar\/sandbox$/),
      managementOrigin: expect.stringMatching(/\/smartcar\/sandbox$/),
      clientId: "sc-demo-client",
      clientSecret: "sc-demo-secret",
      managementToken: "sc-demo-amt",
    });
  });

  it("creates the default simulator connection on first use when the database has none", async () => {
    const runtime = await connectionForIncident(null);
    expect(runtime).toMatchObject({ kind: "pitstop-simulator", name: "Simulator" });
    expect(await db.vendorConnection.count({ where: { isDefault: true } })).toBe(1);
  });
});

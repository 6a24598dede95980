// Incident.likelyCause is what the trends group by: the classifier's top cause on every write
// path, a completed check run's top cause once one exists, and a backfill for older rows.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { diagnoseIncident } from "@/lib/diagnosis/diagnose";
import { incidentInputSchema, type IncidentInput } from "@/lib/incidents/schema";
import { createIncident, createIncidents, updateIncident } from "@/lib/incidents/store";
import { backfillLikelyCauses } from "@/lib/trends/backfill";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";
import { ADMIN_KEY, startSimulatorForFile, VINS } from "../simulator/support";

const harness = startSimulatorForFile();
beforeAll(() => {
  process.env.SIMULATOR_URL = harness.baseUrl;
  process.env.SIMULATOR_ADMIN_KEY = ADMIN_KEY;
});

const input = (overrides: Record<string, unknown> = {}): IncidentInput =>
  incidentInputSchema.parse(incidentBody(overrides));
const RATE_LIMITED = {
  errorString: "HTTP 429 Too Many Requests: rate limit exceeded, retry after 30 seconds",
  httpStatus: 429,
};
const EXPIRED_TOKEN = {
  errorString: 'HTTP 401 {"error":"invalid_token","error_description":"token expired"}',
  httpStatus: 401,
};

async function filed(overrides: Record<string, unknown>) {
  const created = await createIncident(input(overrides), await userActor("sre"));
  if (!created.ok) throw new Error("could not file the incident");
  return created.incident;
}

describe("incident likely cause", () => {
  it("is the classifier's top cause on create and on a batch create", async () => {
    expect((await filed(RATE_LIMITED)).likelyCause).toBe("rate_limited");
    const sre = await userActor("sre");
    const batch = await db.$transaction((tx) =>
      createIncidents([input(RATE_LIMITED), input(EXPIRED_TOKEN)], sre, tx),
    );
    const stored = await db.incident.findMany({
      where: { id: { in: batch.map((incident) => incident.id) } },
      select: { likelyCause: true },
    });
    expect(stored.map((row) => row.likelyCause).sort()).toEqual(["account_auth", "rate_limited"]);
  });

  it("follows an edited error string, and keeps a check run's cause when only other fields change", async () => {
    const sre = await userActor("sre");
    const incident = await filed(RATE_LIMITED);
    const edited = await updateIncident(
      incident.id,
      input({ ...EXPIRED_TOKEN, correlationId: incident.correlationId }),
      sre,
    );
    expect(edited.ok && edited.incident.likelyCause).toBe("account_auth");
    await db.incident.update({
      where: { id: incident.id },
      data: { likelyCause: "server_outage" },
    });
    const retitled = await updateIncident(
      incident.id,
      input({ ...EXPIRED_TOKEN, correlationId: incident.correlationId, title: "Renamed" }),
      sre,
    );
    expect(retitled.ok && retitled.incident.likelyCause).toBe("server_outage");
  });

  it("becomes a completed check run's top cause, whatever it was before", async () => {
    await harness.injectFault({ kind: "server_outage", params: { mode: "unavailable" } });
    const incident = await filed({
      environment: "sandbox",
      vin: VINS.ava,
      accountRef: "ava.active@example.com",
      errorString: "Something went wrong. Please try again later.",
      httpStatus: null,
      occurredAt: new Date().toISOString(),
    });
    await db.incident.update({
      where: { id: incident.id },
      data: { likelyCause: "region_unavailable" },
    });
    const { diagnosis } = await diagnoseIncident(incident, await userActor("sre"));
    expect(diagnosis.ranked[0]!.cause).toBe("server_outage");
    expect((await db.incident.findUnique({ where: { id: incident.id } }))?.likelyCause).toBe(
      "server_outage",
    );
  });

  it("is backfilled in batches for incidents stored without one", async () => {
    const tenant = unique("backfill");
    const ids = await Promise.all(
      Array.from(
        { length: 5 },
        async (_, n) => (await filed({ tenant, ...(n % 2 ? RATE_LIMITED : EXPIRED_TOKEN) })).id,
      ),
    );
    await db.incident.updateMany({ where: { tenant }, data: { likelyCause: null } });
    expect(await backfillLikelyCauses(2)).toBeGreaterThanOrEqual(5);
    const rows = await db.incident.findMany({
      where: { id: { in: ids } },
      orderBy: { correlationId: "asc" },
    });
    expect(
      rows.every(
        (row) => row.likelyCause === (row.httpStatus === 429 ? "rate_limited" : "account_auth"),
      ),
    ).toBe(true);
    expect(await db.incident.count({ where: { likelyCause: null } })).toBe(0);
  });

  it("gives incidents stored without a cause at filing the backfilled one, for diagnosis accuracy, and keeps one they have", async () => {
    const tenant = unique("backfill-initial");
    const bare = await filed({ tenant, ...RATE_LIMITED });
    const kept = await filed({ tenant, ...EXPIRED_TOKEN });
    await db.incident.update({
      where: { id: bare.id },
      data: { likelyCause: null, initialCause: null },
    });
    await db.incident.update({
      where: { id: kept.id },
      data: { likelyCause: null, initialCause: "missing_scope" },
    });
    await backfillLikelyCauses();
    const rows = await db.incident.findMany({ where: { tenant }, orderBy: { id: "asc" } });
    expect(
      Object.fromEntries(rows.map((row) => [row.id, [row.likelyCause, row.initialCause]])),
    ).toEqual({
      [bare.id]: ["rate_limited", "rate_limited"],
      [kept.id]: ["account_auth", "missing_scope"],
    });
  });
});

// Secrets pasted into free text are stored masked, counted, kept out of signatures and audit
// snapshots, and never carried by an export, on every write path.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ingestIncidentLines } from "@/lib/cli/ingest";
import { db } from "@/lib/db/client";
import { exportFile } from "@/lib/exports/weekly";
import { createIncidentBatchViaApi } from "@/lib/incidents/api-writes";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident, updateIncident } from "@/lib/incidents/store";
import { createSoakRun } from "@/lib/load/store";
import { runbookMarkdown } from "@/lib/runbooks/markdown";
import { newRunbookEntrySchema } from "@/lib/runbooks/schema";
import { createRunbookEntry } from "@/lib/runbooks/store";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";
import { soakPlan, system } from "../load/soak-factories";

const BEARER = "4f9a8b7c6d5e4f3a2b1c0d9e";
const JWT =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY2N0LTAwMDEifQ.c2lnbmF0dXJlLXBsYW50ZWQtMDE";
const CLIENT_SECRET = "cs-planted-7e6d5c4b3a29";
const PASSWORD = "hunter2-planted";
const PLANTED = [BEARER, JWT, CLIENT_SECRET, PASSWORD];
const KEPT = ["JTMBFREVXRD100001", "0b5e4c0e-8d7e-4a59-9d7b-1f2e3d4c5b6a", "TSC-4003"];

// Four secrets, and the things that look alike but are not secrets.
const errorString =
  `POST /oauth/token failed 401 TSC-4003 for VIN JTMBFREVXRD100001 (req 0b5e4c0e-8d7e-4a59-9d7b-1f2e3d4c5b6a): ` +
  `Authorization: Bearer ${BEARER} id_token ${JWT} body client_secret=${CLIENT_SECRET}&password=${PASSWORD}`;
const title = `Token refused, client_secret=${CLIENT_SECRET}`;

const leaks = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return PLANTED.filter((secret) => text.includes(secret));
};

async function storedIncident(id: string) {
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT * FROM "Incident" WHERE id = ${id}`;
  const audit = await db.auditEvent.findMany({ where: { entityId: id } });
  return { row: row!, audit };
}

function expectMaskedIncident(stored: Awaited<ReturnType<typeof storedIncident>>) {
  expect(leaks(stored.row)).toEqual([]);
  expect(leaks(stored.audit)).toEqual([]);
  expect(stored.row.maskedSecrets).toBe(5);
  for (const kept of KEPT) expect(stored.row.errorString).toContain(kept);
  expect(stored.row.errorString).toContain("Authorization: Bearer ****");
}

describe("secrets in incident text", () => {
  it("stores them masked and counted, before the signature, when filed one at a time", async () => {
    const result = await createIncident(
      incidentInputSchema.parse(incidentBody({ errorString, title })),
      await userActor("sre"),
    );
    if (!result.ok) throw new Error("not created");
    expect(leaks(result.incident)).toEqual([]);
    expectMaskedIncident(await storedIncident(result.incident.id));
  });

  it("stores them masked when filed in a batch through the API", async () => {
    const sre = await userActor("sre");
    const correlationId = unique("corr-batch-secret");
    const body = { incidents: [incidentBody({ correlationId, errorString, title })] };
    const outcome = await createIncidentBatchViaApi(
      body.incidents,
      body,
      sre,
      { key: `user:${sre.id}`, apiTokenId: null },
      unique("idem"),
    );
    expect(leaks(outcome)).toEqual([]);
    const created = await db.incident.findUniqueOrThrow({ where: { correlationId } });
    expectMaskedIncident(await storedIncident(created.id));
    expect(leaks(await db.idempotencyRecord.findMany())).toEqual([]);
  });

  it("stores them masked when ingested by the CLI", async () => {
    const correlationId = unique("corr-ingest-secret");
    await ingestIncidentLines(
      Readable.from([JSON.stringify(incidentBody({ correlationId, errorString, title }))]),
      { kind: "system", label: "pitstop CLI" },
      () => undefined,
    );
    const created = await db.incident.findUniqueOrThrow({ where: { correlationId } });
    expectMaskedIncident(await storedIncident(created.id));
  });

  it("stores them masked on edit, and counts the new ones on top of the earlier", async () => {
    const sre = await userActor("sre");
    const first = await createIncident(incidentInputSchema.parse(incidentBody()), sre);
    if (!first.ok) throw new Error("not created");
    await updateIncident(
      first.incident.id,
      incidentInputSchema.parse(
        incidentBody({ correlationId: first.incident.correlationId, errorString, title }),
      ),
      sre,
    );
    expectMaskedIncident(await storedIncident(first.incident.id));
  });
});

describe("secrets in runbook entries and soak runs", () => {
  it("stores a runbook entry's text masked and counted", async () => {
    const result = await createRunbookEntry(
      newRunbookEntrySchema.parse({
        title,
        causeId: "account_auth",
        errorString,
        fixApplied: `Rotated the key; the old one was password: ${PASSWORD}`,
      }),
      await userActor("sre"),
    );
    if (!result.ok) throw new Error(result.message);
    const [version] = await db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM "RunbookVersion" WHERE "entryId" = ${result.entry.id}`;
    expect(leaks(version)).toEqual([]);
    expect(leaks(await db.runbookEntry.findUnique({ where: { id: result.entry.id } }))).toEqual([]);
    expect(leaks(await db.auditEvent.findMany({ where: { entityId: result.entry.id } }))).toEqual(
      [],
    );
    expect(version!.maskedSecrets).toBe(6);
  });

  it("stores a soak run's target URL and name masked and counted", async () => {
    const run = await createSoakRun(
      system,
      soakPlan({
        name: `soak with password=${PASSWORD}`,
        targetUrl: `http://127.0.0.1:9/sandbox/v1/account?client_secret=${CLIENT_SECRET}&vin=JTMBFREVXRD100001`,
      }),
      "cli",
    );
    const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT * FROM "SoakRun" WHERE id = ${run.id}`;
    expect(leaks(row)).toEqual([]);
    expect(leaks(run)).toEqual([]);
    expect(row!.targetUrl).toContain("vin=JTMBFREVXRD100001");
    expect(row!.maskedSecrets).toBe(2);
  });
});

describe("exports", () => {
  it("re-mask as a last line: an audit row stored with a secret leaves the weekly CSV masked", async () => {
    await db.auditEvent.create({
      data: {
        actorType: "system",
        actorLabel: "legacy import",
        action: "incident.create",
        entityType: "incident",
        after: JSON.stringify({ errorString }),
      },
    });
    const file = await exportFile("audit-events", new Date(Date.now() + 60_000));
    if (!file.ok) throw new Error(file.problem);
    expect(file.csv).toContain("legacy import");
    expect(leaks(file.csv)).toEqual([]);
  });

  it("never write a secret into a runbook's Markdown", () => {
    const markdown = runbookMarkdown(
      { id: "rb-1", status: "approved", approvedVersion: 1, currentVersion: 1 },
      {
        version: 1,
        title,
        causeId: "account_auth",
        signature: "sig",
        errorString,
        fixApplied: `password=${PASSWORD}`,
        sdkVersion: null,
        apiVersion: null,
        scopes: [],
        correlationId: null,
        vendorIncidentId: null,
        supportCaseNumber: null,
        greenDependencyPin: null,
        authorName: null,
        createdAt: new Date(),
      },
    );
    expect(markdown).toContain("TSC-4003");
    expect(leaks(markdown)).toEqual([]);
  });
});

// POST /api/v1/incidents/batch called as Next calls it: each item stands or falls on its own.
import { describe, expect, it } from "vitest";
import { POST as createBatch } from "@/app/api/v1/incidents/batch/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { incidentBody, unique } from "@/tests/support/factories";
import { system } from "@/tests/unit/load/soak-factories";

async function postBatch(incidents: unknown[]): Promise<Response> {
  const { token } = await createApiToken({ name: unique("batch"), role: "sre" }, system);
  return createBatch(
    new Request("http://pitstop.test/api/v1/incidents/batch", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ incidents }),
    }),
  );
}

describe("POST /api/v1/incidents/batch", () => {
  it("files the good items and answers each bad or duplicate one by its index", async () => {
    const stored = incidentBody();
    expect((await postBatch([stored])).status).toBe(207);
    const { id: storedId } = await db.incident.findUniqueOrThrow({
      where: { correlationId: stored.correlationId as string },
    });

    const fresh = incidentBody();
    const response = await postBatch([
      fresh,
      incidentBody({ vin: "not a vin" }),
      incidentBody({ correlationId: stored.correlationId }),
      incidentBody({ correlationId: fresh.correlationId, title: "The same call, filed twice" }),
    ]);

    expect(response.status).toBe(207);
    const body = await response.json();
    expect(body).toMatchObject({ created: 1, failed: 3 });
    const [created, invalid, alreadyStored, repeated] = body.results;
    expect(created).toMatchObject({ index: 0, status: 201 });
    expect(invalid).toMatchObject({
      index: 1,
      status: 400,
      error: "validation_failed",
      fields: { vin: expect.any(String) },
    });
    expect(alreadyStored).toMatchObject({
      index: 2,
      status: 409,
      error: "duplicate_correlation_id",
      existingId: storedId,
    });
    expect(repeated).toMatchObject({
      index: 3,
      status: 409,
      error: "duplicate_correlation_id",
      message: `An incident with correlationId ${fresh.correlationId} already exists earlier in this batch.`,
    });
    expect(repeated).not.toHaveProperty("existingId");
    const filed = await db.incident.findUniqueOrThrow({
      where: { correlationId: fresh.correlationId as string },
    });
    expect(filed).toMatchObject({ id: created.id, title: fresh.title });
  });
});

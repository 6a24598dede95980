// An alert pipeline rarely knows when the failure happened: occurredAt defaults to when the API
// received the incident, for one incident and for a batch, and the OpenAPI document says so.
import { describe, expect, it } from "vitest";
import { POST as createBatch } from "@/app/api/v1/incidents/batch/route";
import { POST as createIncident } from "@/app/api/v1/incidents/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { incidentBody, unique } from "@/tests/support/factories";
import { system } from "@/tests/unit/load/soak-factories";

async function post(
  handler: (request: Request) => Promise<Response>,
  path: string,
  body: unknown,
): Promise<Response> {
  const { token } = await createApiToken({ name: unique("occurred-at"), role: "sre" }, system);
  return handler(
    new Request(`http://pitstop.test${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

const withoutOccurredAt = () => {
  const { occurredAt: _omitted, ...body } = incidentBody();
  return body;
};

async function storedOccurredAt(correlationId: unknown): Promise<number> {
  const stored = await db.incident.findUniqueOrThrow({
    where: { correlationId: correlationId as string },
  });
  return stored.occurredAt.getTime();
}

describe("occurredAt left out", () => {
  it("files a single incident as having occurred when it was received", async () => {
    const body = withoutOccurredAt();
    const before = Date.now();
    const response = await post(createIncident, "/api/v1/incidents", body);
    const after = Date.now();

    expect(response.status).toBe(201);
    const occurredAt = await storedOccurredAt(body.correlationId);
    expect(occurredAt).toBeGreaterThanOrEqual(before - 1000);
    expect(occurredAt).toBeLessThanOrEqual(after);
  });

  it("files each batch item without one as having occurred when the batch was received", async () => {
    const body = withoutOccurredAt();
    const before = Date.now();
    const response = await post(createBatch, "/api/v1/incidents/batch", { incidents: [body] });

    expect(response.status).toBe(207);
    expect(await response.json()).toMatchObject({ created: 1, failed: 0 });
    expect(await storedOccurredAt(body.correlationId)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("is documented as optional, defaulting to the time received", () => {
    const schema = openApiDocument().components.schemas.IncidentInput as {
      required?: string[];
      properties: Record<string, { description?: string }>;
    };
    expect(schema.required).not.toContain("occurredAt");
    expect(schema.properties.occurredAt?.description).toMatch(/defaults to the time .*received/i);
  });
});

// The team endpoints called as Next calls them, with a bearer token per role.
import { describe, expect, it } from "vitest";
import { PATCH as patchIncident } from "@/app/api/v1/incidents/[id]/route";
import { POST as acknowledge } from "@/app/api/v1/incidents/[id]/acknowledge/route";
import { POST as postNote } from "@/app/api/v1/incidents/[id]/notes/route";
import { GET as getTimeline } from "@/app/api/v1/incidents/[id]/timeline/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident } from "@/lib/incidents/store";
import { incidentBody } from "@/tests/support/factories";
import { system } from "@/tests/unit/load/soak-factories";

const tokens = new Map<Role, string>();
async function bearer(role: Role): Promise<string> {
  if (!tokens.has(role))
    tokens.set(role, (await createApiToken({ name: `team-${role}`, role }, system)).token);
  return `Bearer ${tokens.get(role)}`;
}

type Answer = {
  message: string;
  fields: Record<string, string>;
  items: Array<{ kind: string; html?: string }>;
  [field: string]: unknown;
};

async function call(
  handler: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>,
  { role, id, method, body }: { role: Role; id: string; method: string; body?: unknown },
) {
  const response = await handler(
    new Request(`http://pitstop.test/api/v1/incidents/${id}`, {
      method,
      headers: { authorization: await bearer(role), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: (await response.json()) as Answer };
}

async function incidentId() {
  const created = await createIncident(incidentInputSchema.parse(incidentBody()), system);
  if (!created.ok) throw new Error("the factory's incident was refused");
  return created.incident.id;
}

describe("team endpoints", () => {
  it("acknowledges once, then answers 409 naming who did it", async () => {
    const id = await incidentId();
    const first = await call(acknowledge, { role: "sre", id, method: "POST" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ acknowledgedBy: "token team-sre" });
    const second = await call(acknowledge, { role: "admin", id, method: "POST" });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain("already acknowledged by token team-sre");
    expect((await call(acknowledge, { role: "support_lead", id, method: "POST" })).status).toBe(
      403,
    );
  });

  it.each([
    [{ ownerId: "no-such-user" }, "ownerId"],
    [{ status: "resolved", resolutionNote: "fixed" }, "confirmedCause"],
    [{ status: "open" }, "reopenReason"],
  ])("PATCH %j answers 400 naming %s", async (body, field) => {
    const id = await incidentId();
    const answer = await call(patchIncident, { role: "sre", id, method: "PATCH", body });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.fields)).toEqual([field]);
  });

  it("PATCH resolves with the confirmed cause, and the incident JSON shows it", async () => {
    const id = await incidentId();
    const body = {
      status: "resolved",
      confirmedCause: "rate_limited",
      resolutionNote: "Quota raised",
    };
    const answer = await call(patchIncident, { role: "sre", id, method: "PATCH", body });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: "resolved",
      confirmedCause: "rate_limited",
      resolutionNote: "Quota raised",
    });
    const again = await call(patchIncident, { role: "admin", id, method: "PATCH", body });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain("already resolved by token team-sre");
  });

  it("adds a note (201) for a support lead, refuses 20,001 characters naming body, lists it on the timeline", async () => {
    const id = await incidentId();
    const tooLong = await call(postNote, {
      role: "sre",
      id,
      method: "POST",
      body: { body: "x".repeat(20_001) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields).toEqual({ body: "body must be at most 20000 characters" });
    const note = await call(postNote, {
      role: "support_lead",
      id,
      method: "POST",
      body: { body: "<script>alert(1)</script>" },
    });
    expect(note.status).toBe(201);
    expect(
      (await call(postNote, { role: "manager", id, method: "POST", body: { body: "x" } })).status,
    ).toBe(403);
    const timeline = await call(getTimeline, { role: "manager", id, method: "GET" });
    expect(timeline.status).toBe(200);
    const [item] = timeline.body.items.filter((entry: { kind: string }) => entry.kind === "note");
    expect(item).toMatchObject({
      actor: "token team-support_lead",
      body: "<script>alert(1)</script>",
    });
    expect(item?.html).not.toContain("<script");
  });

  it("is described in the OpenAPI document", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/api/v1/incidents/{id}"]!)).toEqual(["get", "patch"]);
    for (const path of ["acknowledge", "notes", "timeline"])
      expect(paths[`/api/v1/incidents/{id}/${path}`]).toBeDefined();
  });
});

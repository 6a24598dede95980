// The on-call list's query and the live routes, called as Next calls them, with a bearer token.
import { describe, expect, it } from "vitest";
import { GET as getIncidentLive } from "@/app/api/v1/incidents/[id]/live/route";
import { PUT as putPresence } from "@/app/api/v1/incidents/[id]/presence/route";
import { GET as getListLive } from "@/app/api/v1/incidents/live/route";
import { GET as listIncidents } from "@/app/api/v1/incidents/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { changeIncidentStatus, createIncident } from "@/lib/incidents/store";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";
import { system } from "@/tests/unit/load/soak-factories";

let token: string | undefined;
async function get(path: string, headers: Record<string, string> = {}): Promise<Request> {
  token ??= (await createApiToken({ name: "live-reader", role: "support_lead" }, system)).token;
  return new Request(`http://pitstop.test${path}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function file(fields: Record<string, unknown>) {
  const created = await createIncident(incidentInputSchema.parse(incidentBody(fields)), system);
  if (!created.ok) throw new Error("setup failed");
  return created.incident.id;
}

describe("GET /api/v1/incidents with the on-call filters", () => {
  it("filters by severity and owner, in on-call order", async () => {
    const tenant = unique("api-oncall");
    const owner = await userActor("sre");
    const low = await file({ tenant, severity: "sev3" });
    const high = await file({ tenant, severity: "sev1" });
    await file({ tenant, severity: "sev4" });
    await db.incident.update({ where: { id: low }, data: { ownerId: owner.id } });

    const body = async (query: string) =>
      (await (
        await listIncidents(await get(`/api/v1/incidents?tenant=${tenant}&${query}`))
      ).json()) as {
        items: Array<{ id: string; ownerName: string | null }>;
      };
    expect((await body("severity=sev3,sev1")).items.map((item) => item.id)).toEqual([high, low]);
    expect((await body(`owner=${owner.id}`)).items).toMatchObject([
      { id: low, ownerName: owner.label },
    ]);
    expect((await body("owner=none")).items).toHaveLength(2);
  });

  it("answers 400 naming the parameter, never a 500", async () => {
    const cases: Array<[string, string]> = [
      ["severity=sev0", "severity"],
      ["owner=me", "owner"],
      ["owner=%3Cscript%3E", "owner"],
      ["status=closed", "status"],
    ];
    for (const [query, field] of cases) {
      const response = await listIncidents(await get(`/api/v1/incidents?${query}`));
      const answer = (await response.json()) as { fields: Record<string, string> };
      expect({ query, status: response.status, fields: Object.keys(answer.fields) }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
  });
});

describe("live routes", () => {
  it("answers the incident's version with an ETag, 304 while unchanged, 200 after a change", async () => {
    const id = await file({});
    const first = await getIncidentLive(await get(`/api/v1/incidents/${id}/live`), params(id));
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    const { version, viewers } = (await first.json()) as { version: string; viewers: unknown[] };
    expect(viewers).toEqual([]);

    const unchanged = await getIncidentLive(
      await get(`/api/v1/incidents/${id}/live`, { "if-none-match": etag }),
      params(id),
    );
    expect(unchanged.status).toBe(304);

    const viewer = await userActor("sre");
    await changeIncidentStatus(id, "triaging", viewer);
    const changed = await getIncidentLive(
      await get(`/api/v1/incidents/${id}/live`, { "if-none-match": etag }),
      params(id),
    );
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { version: string }).version).not.toBe(version);

    const missing = await getIncidentLive(await get("/api/v1/incidents/nope/live"), params("nope"));
    expect(missing.status).toBe(404);
  });

  it("validates the list query of the list's version, and refuses presence for a token", async () => {
    const bad = await getListLive(await get("/api/v1/incidents/live?severity=high"));
    expect(bad.status).toBe(400);
    const good = await getListLive(await get("/api/v1/incidents/live?status=unresolved"));
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({
      version: expect.any(String),
      total: expect.any(Number),
    });

    const id = await file({});
    const presence = await putPresence(
      new Request(`http://pitstop.test/api/v1/incidents/${id}/presence`, {
        method: "PUT",
        headers: { authorization: (await get("/")).headers.get("authorization")! },
      }),
      params(id),
    );
    expect(presence.status).toBe(422);
  });
});

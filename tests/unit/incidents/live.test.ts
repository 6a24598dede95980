import { describe, expect, it } from "vitest";
import { conditionalJson } from "@/lib/api/conditional";
import { db } from "@/lib/db/client";
import { recordIncidentEvent } from "@/lib/incidents/events";
import { incidentListQuerySchema } from "@/lib/incidents/list-query";
import {
  forgetViewer,
  incidentVersion,
  listVersion,
  recordViewer,
  viewersOf,
} from "@/lib/incidents/live";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { changeIncidentStatus, createIncident } from "@/lib/incidents/store";
import { resolveIncident } from "@/lib/incidents/team";
import { resolutionSchema } from "@/lib/incidents/team-schema";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";

async function newIncident(overrides: Record<string, unknown> = {}) {
  const sre = await userActor("sre");
  const created = await createIncident(incidentInputSchema.parse(incidentBody(overrides)), sre);
  if (!created.ok) throw new Error("setup failed");
  return { id: created.incident.id, sre };
}

describe("incident version", () => {
  it("is null for an incident that does not exist", async () => {
    expect(await incidentVersion("no-such-incident")).toBeNull();
  });

  it("moves with each kind of change and not with another incident's", async () => {
    const { id, sre } = await newIncident();
    const other = await newIncident();
    const seen = [await incidentVersion(id)];
    const moved = async (change: string, act: () => Promise<unknown>) => {
      await act();
      const version = await incidentVersion(id);
      expect({ change, new: !seen.includes(version) }).toEqual({ change, new: true });
      seen.push(version);
    };

    await moved("status change", () => changeIncidentStatus(id, "triaging", sre));
    await moved("note", () =>
      db.$transaction((tx) =>
        recordIncidentEvent(tx, sre, { incidentId: id, kind: "note", body: "tried X" }),
      ),
    );
    const run = await db.checkRun.create({ data: { incidentId: id, status: "running" } });
    seen.push(await incidentVersion(id));
    expect(new Set(seen).size, "a check run started").toBe(seen.length);
    await moved("check run finished", () =>
      db.checkRun.update({
        where: { id: run.id },
        data: { status: "completed", finishedAt: new Date() },
      }),
    );
    await moved("interview answer", () =>
      db.incidentAnswer.create({
        data: { incidentId: id, questionId: "every_user", answer: "yes", answeredBy: sre.label },
      }),
    );
    await moved("changed answer", () =>
      db.incidentAnswer.update({
        where: { incidentId_questionId: { incidentId: id, questionId: "every_user" } },
        data: { answer: "no", answeredAt: new Date(Date.now() + 1000) },
      }),
    );

    const before = await incidentVersion(id);
    await changeIncidentStatus(other.id, "mitigated", other.sre);
    await db.$transaction((tx) =>
      recordIncidentEvent(tx, other.sre, { incidentId: other.id, kind: "note", body: "elsewhere" }),
    );
    await db.checkRun.create({ data: { incidentId: other.id, status: "running" } });
    expect(await incidentVersion(id)).toBe(before);
  });
});

describe("list version", () => {
  it("moves when an incident is filed or changed, and counts what the filters match", async () => {
    const tenant = unique("live-list");
    const query = incidentListQuerySchema.parse({ tenant });
    const empty = await listVersion(query);
    expect(empty.total).toBe(0);
    const { id, sre } = await newIncident({ tenant });
    const filed = await listVersion(query);
    expect(filed.total).toBe(1);
    expect(filed.version).not.toBe(empty.version);
    expect((await listVersion(query)).version).toBe(filed.version);
    await resolveIncident({
      actor: sre,
      incidentId: id,
      input: resolutionSchema.parse({
        status: "resolved",
        confirmedCause: "rate_limited",
        resolutionNote: "Backed off to the vendor's quota",
      }),
    });
    expect((await listVersion(query)).version).not.toBe(filed.version);
    expect((await listVersion({ ...query, status: "unresolved" })).total).toBe(0);
  });
});

describe("presence", () => {
  it("lists who else viewed within the window, never the asker", async () => {
    const { id } = await newIncident();
    const [alice, bob] = [await userActor("sre"), await userActor("support_lead")];
    expect(await recordViewer(id, alice.id)).toBe(true);
    expect(await recordViewer(id, bob.id)).toBe(true);
    expect(await viewersOf(id, alice.id)).toEqual([{ id: bob.id, name: bob.label }]);
    expect((await viewersOf(id, null)).map((viewer) => viewer.id).sort()).toEqual(
      [alice.id, bob.id].sort(),
    );

    await db.incidentViewer.update({
      where: { incidentId_userId: { incidentId: id, userId: bob.id } },
      data: { seenAt: new Date(Date.now() - 31_000) },
    });
    expect(await viewersOf(id, alice.id)).toEqual([]);
    await forgetViewer(id, alice.id);
    expect(await viewersOf(id, bob.id)).toEqual([]);
  });

  it("refuses a heartbeat for an unknown incident and purges day-old rows in passing", async () => {
    const { id } = await newIncident();
    const viewer = await userActor("sre");
    expect(await recordViewer("no-such-incident", viewer.id)).toBe(false);
    const stale = await userActor("sre");
    await db.incidentViewer.create({
      data: { incidentId: id, userId: stale.id, seenAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    await recordViewer(id, viewer.id);
    expect(await db.incidentViewer.count({ where: { incidentId: id, userId: stale.id } })).toBe(0);
  });
});

describe("conditional JSON", () => {
  const request = (ifNoneMatch?: string) =>
    new Request("http://pitstop.test/live", {
      headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {},
    });

  it("answers 304 with no body when If-None-Match names the ETag, weak or in a list", async () => {
    const first = conditionalJson(request(), { version: "a" });
    const etag = first.headers.get("etag")!;
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ version: "a" });
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = conditionalJson(request(header), { version: "a" });
      expect({ header, status: again.status, body: await again.text() }).toEqual({
        header,
        status: 304,
        body: "",
      });
    }
    const changed = conditionalJson(request(etag), { version: "b" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(changed.headers.get("cache-control")).toBe("private, no-cache");
  });
});

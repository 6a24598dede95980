// Working an incident as a team: each verb writes its change, audit entry, timeline event and
// webhook event together, refuses bad input by field, and gives a race exactly one winner.
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db/client";
import { renderNoteHtml } from "@/lib/incidents/note-markdown";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { createIncident } from "@/lib/incidents/store";
import {
  acknowledgeIncident,
  addIncidentNote,
  reopenIncident,
  resolveIncident,
  setIncidentOwner,
} from "@/lib/incidents/team";
import {
  noteSchema,
  ownerChangeSchema,
  parseIncidentPatch,
  resolutionSchema,
} from "@/lib/incidents/team-schema";
import { incidentTimeline } from "@/lib/incidents/timeline";
import { fieldErrors } from "@/lib/incidents/schema";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";

let sre: Actor;
let otherSre: Actor;
let lead: Actor;

beforeAll(async () => {
  sre = await userActor("sre");
  otherSre = await userActor("sre");
  lead = await userActor("support_lead");
  await db.webhook.create({
    data: {
      url: "http://127.0.0.1:9/hook",
      secret: "unit-test-secret",
      events: JSON.stringify([
        "incident.created",
        "incident.acknowledged",
        "incident.owner_changed",
        "incident.resolved",
        "incident.reopened",
      ]),
    },
  });
});

async function incident(overrides: Record<string, unknown> = {}) {
  const created = await createIncident(
    incidentInputSchema.parse(incidentBody({ title: "Couldn't pair", ...overrides })),
    sre,
  );
  if (!created.ok) throw new Error("the factory's incident was refused");
  return created.incident;
}

const deliveries = async (incidentId: string) =>
  (await db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" } }))
    .map(
      (row) =>
        JSON.parse(row.payload) as {
          event: string;
          text: string;
          data: { incident?: { id: string } };
        },
    )
    .filter((payload) => payload.data.incident?.id === incidentId);

const eventsOf = (incidentId: string) =>
  db.incidentEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } });

const resolution = (overrides: Record<string, unknown> = {}) =>
  resolutionSchema.parse({
    status: "resolved",
    confirmedCause: "missing_scope",
    resolutionNote: "Re-linked with vehicle:commands",
    ...overrides,
  });

describe("acknowledgeIncident", () => {
  it("records who and when, with an audit entry, a timeline event and a Slack-ready webhook", async () => {
    const { id } = await incident();
    const result = await acknowledgeIncident({ actor: sre, incidentId: id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.incident.acknowledgedBy).toBe(sre.label);
    expect(result.incident.acknowledgedById).toBe(sre.id);
    expect(result.incident.acknowledgedAt).toBeInstanceOf(Date);
    expect(
      await db.auditEvent.count({ where: { entityId: id, action: "incident.acknowledge" } }),
    ).toBe(1);
    expect((await eventsOf(id)).map((event) => event.kind)).toEqual(["acknowledged"]);
    const sent = await deliveries(id);
    expect(sent.map((payload) => payload.event)).toEqual([
      "incident.created",
      "incident.acknowledged",
    ]);
    expect(sent[1]!.text).toBe(
      `${sre.label} acknowledged sev2 incident “Couldn't pair” (</incidents/${id}|open>)`,
    );
  });

  it("gives ten concurrent acknowledges exactly one winner, and names it to the others", async () => {
    const { id } = await incident();
    const actors = await Promise.all(Array.from({ length: 10 }, () => userActor("sre")));
    const results = await Promise.all(
      actors.map((actor) => acknowledgeIncident({ actor, incidentId: id })),
    );
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.ok ? winners[0]!.incident.acknowledgedBy! : "";
    const losers = results.filter((result) => !result.ok);
    expect(losers).toHaveLength(9);
    for (const loser of losers) {
      expect(loser).toMatchObject({ reason: "conflict", by: winner });
      expect(!loser.ok && loser.message).toMatch(
        new RegExp(`^This incident was already acknowledged by ${winner} at \\d{4}-`),
      );
    }
    expect(await db.incidentEvent.count({ where: { incidentId: id, kind: "acknowledged" } })).toBe(
      1,
    );
  });

  it("answers not_found for an unknown incident", async () => {
    expect(await acknowledgeIncident({ actor: sre, incidentId: "nope" })).toMatchObject({
      ok: false,
      reason: "not_found",
    });
  });

  it("is refused to a support lead", async () => {
    const { id } = await incident();
    await expect(acknowledgeIncident({ actor: lead, incidentId: id })).rejects.toThrow(
      "incident.write",
    );
  });
});

describe("setIncidentOwner", () => {
  it("sets and clears the owner, audited and on the timeline", async () => {
    const { id } = await incident();
    const taken = await setIncidentOwner({
      actor: sre,
      incidentId: id,
      input: { ownerId: sre.id },
    });
    expect(taken.ok && taken.incident.ownerId).toBe(sre.id);
    const given = await setIncidentOwner({
      actor: sre,
      incidentId: id,
      input: { ownerId: otherSre.id },
    });
    expect(given.ok && given.incident.ownerId).toBe(otherSre.id);
    const cleared = await setIncidentOwner({
      actor: sre,
      incidentId: id,
      input: { ownerId: null },
    });
    expect(cleared.ok && cleared.incident.ownerId).toBeNull();
    const events = await eventsOf(id);
    expect(events.map((event) => JSON.parse(event.data!))).toEqual([
      { from: null, to: { id: sre.id, name: sre.label } },
      { from: { id: sre.id, name: sre.label }, to: { id: otherSre.id, name: otherSre.label } },
      { from: { id: otherSre.id, name: otherSre.label }, to: null },
    ]);
    expect(
      await db.auditEvent.count({ where: { entityId: id, action: "incident.owner_change" } }),
    ).toBe(3);
    const texts = (await deliveries(id)).map((payload) => payload.text);
    expect(texts[1]).toMatch(new RegExp(`^${sre.label} took sev2 incident`));
    expect(texts[2]).toMatch(new RegExp(`made ${otherSre.label} the owner of sev2 incident`));
  });

  it("refuses an owner who is not a user, or is disabled, naming ownerId", async () => {
    const { id } = await incident();
    const disabled = await userActor("sre");
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    for (const ownerId of ["no-such-user", disabled.id]) {
      const result = await setIncidentOwner({ actor: sre, incidentId: id, input: { ownerId } });
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
      expect(!result.ok && result.reason === "invalid" && Object.keys(result.fields)).toEqual([
        "ownerId",
      ]);
    }
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).ownerId).toBeNull();
    expect(await eventsOf(id)).toEqual([]);
  });
});

describe("resolveIncident and reopenIncident", () => {
  it("resolves with the confirmed cause and note, then reopens with a reason", async () => {
    const { id } = await incident();
    const resolved = await resolveIncident({ actor: sre, incidentId: id, input: resolution() });
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.incident).toMatchObject({
      status: "resolved",
      confirmedCause: "missing_scope",
      confirmedCauseNote: null,
      resolutionNote: "Re-linked with vehicle:commands",
    });
    expect(resolved.incident.resolvedAt).toBeInstanceOf(Date);

    const reopened = await reopenIncident({
      actor: otherSre,
      incidentId: id,
      input: { status: "open", reopenReason: "Back after the next token refresh" },
    });
    expect(reopened.ok && reopened.incident).toMatchObject({
      status: "open",
      resolvedAt: null,
      confirmedCause: null,
    });
    const events = await eventsOf(id);
    expect(events.map((event) => [event.kind, event.actorLabel])).toEqual([
      ["resolved", sre.label],
      ["reopened", otherSre.label],
    ]);
    expect(JSON.parse(events[1]!.data!)).toMatchObject({
      reason: "Back after the next token refresh",
      previously: { confirmedCause: "missing_scope" },
    });
    const audit = await db.auditEvent.findMany({
      where: { entityId: id, action: { in: ["incident.resolve", "incident.reopen"] } },
    });
    expect(audit).toHaveLength(2);
    expect((await deliveries(id)).map((payload) => payload.event)).toEqual([
      "incident.created",
      "incident.resolved",
      "incident.reopened",
    ]);
  });

  it("gives ten concurrent resolves one winner and tells the rest who resolved it", async () => {
    const { id } = await incident();
    const actors = await Promise.all(Array.from({ length: 10 }, () => userActor("sre")));
    const results = await Promise.all(
      actors.map((actor) => resolveIncident({ actor, incidentId: id, input: resolution() })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const winner = (await eventsOf(id))[0]!.actorLabel;
    const losers = results.filter((result) => !result.ok);
    expect(losers).toHaveLength(9);
    for (const loser of losers)
      expect(!loser.ok && loser.message).toContain(`already resolved by ${winner}`);
  });

  it("keeps an 'other' cause's description, and masks secrets in the resolution note", async () => {
    const { id } = await incident();
    const result = await resolveIncident({
      actor: sre,
      incidentId: id,
      input: resolution({
        confirmedCause: "other",
        confirmedCauseNote: "Tenant's proxy stripped headers",
        resolutionNote: "Rotated api_key=sk_live_abcdefghijklmnop1234",
      }),
    });
    expect(result.ok && result.incident.confirmedCauseNote).toBe("Tenant's proxy stripped headers");
    expect(result.ok && result.incident.resolutionNote).not.toContain("abcdefghijklmnop1234");
  });

  it("refuses to reopen an incident that is not resolved", async () => {
    const { id } = await incident();
    const result = await reopenIncident({
      actor: sre,
      incidentId: id,
      input: { status: "open", reopenReason: "why not" },
    });
    expect(result).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("addIncidentNote", () => {
  it("stores a support lead's note with secrets masked and counted", async () => {
    const { id } = await incident();
    const result = await addIncidentNote({
      actor: lead,
      incidentId: id,
      input: noteSchema.parse({ body: "Tried with password=hunter2hunter2 on staging" }),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.note.body).not.toContain("hunter2hunter2");
    expect(result.note.maskedSecrets).toBe(1);
    const [event] = await eventsOf(id);
    expect(event).toMatchObject({ kind: "note", actorLabel: lead.label, maskedSecrets: 1 });
    expect(await db.auditEvent.count({ where: { entityId: id, action: "incident.note" } })).toBe(1);
  });

  it("is refused to a manager", async () => {
    const manager = await userActor("manager");
    const { id } = await incident();
    await expect(
      addIncidentNote({ actor: manager, incidentId: id, input: { body: "hello" } }),
    ).rejects.toThrow("incident.note");
  });
});

describe("the team's input", () => {
  const errorsOf = (result: { success: boolean; error?: z.ZodError }) =>
    result.error ? fieldErrors(result.error) : {};

  it.each([
    [
      "a note over 20,000 characters",
      noteSchema.safeParse({ body: "x".repeat(20_001) }),
      "body",
      "body must be at most 20000 characters",
    ],
    ["an empty note", noteSchema.safeParse({ body: "  " }), "body", "body is required"],
    [
      "a resolution without a cause",
      parseIncidentPatch({ status: "resolved", resolutionNote: "x" }),
      "confirmedCause",
      "confirmedCause is required",
    ],
    [
      "an unknown cause",
      parseIncidentPatch({ status: "resolved", confirmedCause: "gremlins", resolutionNote: "x" }),
      "confirmedCause",
      "confirmedCause must be one of",
    ],
    [
      "'other' without its description",
      parseIncidentPatch({ status: "resolved", confirmedCause: "other", resolutionNote: "x" }),
      "confirmedCauseNote",
      "confirmedCauseNote is required",
    ],
    [
      "a resolution without a note",
      parseIncidentPatch({ status: "resolved", confirmedCause: "rate_limited" }),
      "resolutionNote",
      "resolutionNote is required",
    ],
    [
      "a reopening without a reason",
      parseIncidentPatch({ status: "open" }),
      "reopenReason",
      "reopenReason is required",
    ],
    ["another status", parseIncidentPatch({ status: "mitigated" }), "status", "status must be"],
    [
      "an owner id that is not text",
      ownerChangeSchema.safeParse({ ownerId: 42 }),
      "ownerId",
      "ownerId must be a user id or null",
    ],
    ["no change at all", parseIncidentPatch({}), "ownerId", "ownerId must be a user id or null"],
  ])("refuses %s, naming the field", (_name, result, field, message) => {
    expect(result.success).toBe(false);
    expect(errorsOf(result)[field]).toContain(message);
  });

  it("refuses a body that mixes an owner change with a status change", () => {
    const result = parseIncidentPatch({ ownerId: null, status: "open", reopenReason: "x" });
    expect(result.success).toBe(false);
  });
});

describe("note rendering", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>hello", /<script|alert\(1\)/i],
    ["an image with onerror", '<img src="x" onerror="alert(1)">', /onerror|<img/i],
    ["a javascript: link", "[click](javascript:alert(1))", /javascript:/i],
    ["a data: link", "[click](data:text/html;base64,PHNjcmlwdD4=)", /data:/i],
    ["an inline event handler", '<a href="https://e.example" onclick="alert(1)">x</a>', /onclick/i],
  ])("drops %s", (_name, source, forbidden) => {
    expect(renderNoteHtml(source)).not.toMatch(forbidden);
  });

  it("keeps Markdown's formatting and safe links", () => {
    const html = renderNoteHtml("**Tried** `relink`\n\n- [vendor status](https://status.example)");
    expect(html).toContain("<strong>Tried</strong>");
    expect(html).toContain("<code>relink</code>");
    expect(html).toContain('href="https://status.example"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe("incidentTimeline", () => {
  it("merges notes, team events, interview answers and recorded changes, oldest first", async () => {
    const tenant = unique("timeline");
    const record = await incident({ tenant, occurredAt: "2026-11-20T10:00:00Z" });
    await db.changeEvent.create({
      data: {
        kind: "sdk_bump",
        environment: "prod",
        tenant,
        summary: "SDK 4.2 rolled out",
        occurredAt: new Date("2026-11-20T08:00:00Z"),
        source: "manual",
      },
    });
    await db.incidentAnswer.create({
      data: {
        incidentId: record.id,
        questionId: "every_user",
        answer: "yes",
        answeredBy: sre.label,
        answeredAt: new Date(),
      },
    });
    await acknowledgeIncident({ actor: sre, incidentId: record.id });
    await addIncidentNote({
      actor: lead,
      incidentId: record.id,
      input: { body: "<script>alert(1)</script>\n\n**Relinked** it" },
    });
    const items = await incidentTimeline(record);
    const kinds = items.map((item) => item.kind);
    expect(kinds.indexOf("change_recorded")).toBe(0);
    expect(kinds).toContain("interview_answer");
    expect(kinds.slice(-2)).toEqual(["acknowledged", "note"]);
    const ats = items.map((item) => Date.parse(item.at));
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    const note = items.at(-1)!;
    expect(note).toMatchObject({ kind: "note", actor: lead.label });
    if (note.kind !== "note") return;
    expect(note.body).toContain("<script>");
    expect(note.html).not.toContain("<script");
    expect(note.html).toContain("<strong>Relinked</strong>");
  });
});

import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { answerInterview } from "@/lib/diagnosis/answer-interview";
import { createIncident } from "@/lib/incidents/store";
import { incidentInputSchema } from "@/lib/incidents/schema";
import { newRunbookEntrySchema, runbookDraftSchema } from "@/lib/runbooks/schema";
import { listRunbookEntries } from "@/lib/runbooks/search";
import {
  createRunbookEntry,
  reviewRunbookEntry,
  reviseRunbookEntry,
  runbookDraftFromIncident,
  shownVersion,
  submitRunbookEntry,
  type RunbookEntryRecord,
} from "@/lib/runbooks/store";
import { incidentBody, unique } from "@/tests/support/factories";
import { userActor } from "@/tests/support/db-factories";

const draft = (overrides: Record<string, unknown> = {}) =>
  newRunbookEntrySchema.parse({
    title: "Remote start times out",
    causeId: "vehicle_connectivity",
    errorString: "status: 504 command engine_start timed out after 30000ms",
    fixApplied: "Wake the telematics unit first, then retry the command.",
    sdkVersion: "4.2.1",
    apiVersion: "2025-09-01",
    scopes: ["vehicle:commands"],
    greenDependencyPin: "@vendor/sdk@4.1.9",
    ...overrides,
  });

const ok = (result: Awaited<ReturnType<typeof createRunbookEntry>>): RunbookEntryRecord => {
  if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
  return result.entry;
};

async function approvedEntry(overrides: Record<string, unknown> = {}) {
  const sre = await userActor("sre");
  const lead = await userActor("support_lead");
  const entry = ok(await createRunbookEntry(draft(overrides), sre));
  ok(await submitRunbookEntry(entry.id, sre));
  return {
    sre,
    lead,
    entry: ok(await reviewRunbookEntry(entry.id, { decision: "approve", comment: null }, lead)),
  };
}

describe("runbook store", () => {
  it("drafts, asks for changes with a comment, revises, resubmits and approves, auditing every step", async () => {
    const sre = await userActor("sre");
    const lead = await userActor("support_lead");
    const created = ok(await createRunbookEntry(draft(), sre));
    expect(created).toMatchObject({
      status: "draft",
      currentVersion: 1,
      approvedVersion: null,
      signature: "status: 504 command engine_start timed out after <n>ms",
    });
    ok(await submitRunbookEntry(created.id, sre));
    const asked = ok(
      await reviewRunbookEntry(
        created.id,
        { decision: "request_changes", comment: "Name the SDK pin that worked" },
        lead,
        1,
      ),
    );
    expect(asked.status).toBe("changes_requested");
    expect(asked.reviews).toMatchObject([
      { version: 1, decision: "request_changes", comment: "Name the SDK pin that worked" },
    ]);
    const revised = ok(
      await reviseRunbookEntry(
        created.id,
        runbookDraftSchema.parse({ ...draft(), greenDependencyPin: "@vendor/sdk@4.1.8" }),
        1,
        sre,
      ),
    );
    expect(revised).toMatchObject({ status: "draft", currentVersion: 2 });
    ok(await submitRunbookEntry(created.id, sre));
    const approved = ok(
      await reviewRunbookEntry(created.id, { decision: "approve", comment: null }, lead, 2),
    );
    expect(approved).toMatchObject({ status: "approved", approvedVersion: 2 });
    expect(approved.versions.map((version) => version.greenDependencyPin)).toEqual([
      "@vendor/sdk@4.1.9",
      "@vendor/sdk@4.1.8",
    ]);
    const audit = await db.auditEvent.findMany({
      where: { entityId: created.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual([
      "runbook.create",
      "runbook.submit",
      "runbook.request_changes",
      "runbook.revise",
      "runbook.submit",
      "runbook.approve",
    ]);
    expect(JSON.parse(audit[3]!.after!)).toMatchObject({
      version: 2,
      changed: ["greenDependencyPin"],
    });
  });

  it("refuses the wrong role and illegal moves with a reason, and changes nothing", async () => {
    const sre = await userActor("sre");
    const lead = await userActor("support_lead");
    const manager = await userActor("manager");
    expect(await createRunbookEntry(draft(), lead)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(await createRunbookEntry(draft(), manager)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    const entry = ok(await createRunbookEntry(draft(), sre));
    expect(
      await reviewRunbookEntry(entry.id, { decision: "approve", comment: null }, lead),
    ).toMatchObject({ ok: false, reason: "illegal_transition" });
    ok(await submitRunbookEntry(entry.id, sre));
    expect(
      await reviewRunbookEntry(entry.id, { decision: "approve", comment: null }, sre),
    ).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await reviseRunbookEntry(entry.id, draft({ title: "New" }), 1, lead)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(await submitRunbookEntry(entry.id, sre)).toMatchObject({
      ok: false,
      reason: "illegal_transition",
    });
    expect(await submitRunbookEntry("no-such-entry", sre)).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    const stored = await db.runbookEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(stored).toMatchObject({ status: "in_review", approvedVersion: null, currentVersion: 1 });
    expect(await db.runbookReview.count({ where: { entryId: entry.id } })).toBe(0);
  });

  it("editing an approved entry starts a new version and leaves the approved one shown and searchable", async () => {
    const word = unique("zanzibar").replace(/\W/g, "");
    const { sre, lead, entry } = await approvedEntry({ fixApplied: `Relink via ${word}` });
    const edited = ok(
      await reviseRunbookEntry(
        entry.id,
        runbookDraftSchema.parse({
          ...draft(),
          title: "Renamed",
          causeId: "server_outage",
          fixApplied: "Something else",
        }),
        1,
        sre,
      ),
    );
    expect(edited).toMatchObject({
      status: "draft",
      currentVersion: 2,
      approvedVersion: 1,
      title: "Renamed",
    });
    expect(shownVersion(edited)).toMatchObject({
      version: 1,
      title: "Remote start times out",
      causeId: "vehicle_connectivity",
      fixApplied: `Relink via ${word}`,
    });
    expect((await listRunbookEntries({ q: word })).map((row) => row.id)).toEqual([entry.id]);
    expect(await listRunbookEntries({ q: "Something else Renamed" })).not.toContainEqual(
      expect.objectContaining({ id: entry.id }),
    );
    ok(await submitRunbookEntry(entry.id, sre));
    ok(await reviewRunbookEntry(entry.id, { decision: "approve", comment: null }, lead));
    expect(await listRunbookEntries({ q: word })).toEqual([]);
    expect(
      (await listRunbookEntries({ q: "Something else Renamed" })).map((row) => row.id),
    ).toContain(entry.id);
  });

  it("refuses an edit that changes nothing, and one based on a version someone already replaced", async () => {
    const { sre, entry } = await approvedEntry();
    expect(
      await reviseRunbookEntry(entry.id, runbookDraftSchema.parse(draft()), 1, sre),
    ).toMatchObject({ ok: false, reason: "unchanged" });
    ok(
      await reviseRunbookEntry(
        entry.id,
        runbookDraftSchema.parse({ ...draft(), title: "Second" }),
        1,
        sre,
      ),
    );
    expect(
      await reviseRunbookEntry(
        entry.id,
        runbookDraftSchema.parse({ ...draft(), title: "Third" }),
        1,
        sre,
      ),
    ).toMatchObject({ ok: false, reason: "stale" });
  });

  it("finds approved entries by text and by exact signature, never drafts", async () => {
    const code = unique("TSC").replace(/\W/g, "");
    const errorString = `HTTP 403 ${code} scope vehicle:location missing`;
    const { entry } = await approvedEntry({ errorString, causeId: "missing_scope" });
    const sre = await userActor("sre");
    const pending = ok(await createRunbookEntry(draft({ errorString }), sre));
    expect((await listRunbookEntries({ q: code.toLowerCase() })).map((row) => row.id)).toEqual([
      entry.id,
    ]);
    expect((await listRunbookEntries({ signature: entry.signature })).map((row) => row.id)).toEqual(
      [entry.id],
    );
    expect(await listRunbookEntries({ signature: entry.signature, status: "draft" })).toEqual([]);
    expect((await listRunbookEntries({ status: "draft" })).map((row) => row.id)).toContain(
      pending.id,
    );
    expect(await listRunbookEntries({ q: "!!!" })).toEqual([]);
  });

  it("prefills a draft from an incident: its fields, and the classifier's cause before any check ran", async () => {
    const sre = await userActor("sre");
    const created = await createIncident(
      incidentInputSchema.parse(
        incidentBody({
          errorString: "HTTP 429 Too Many Requests: rate limit exceeded, retry after 30s",
          httpStatus: 429,
          sdkVersion: "4.2.1",
          apiVersion: "2025-09-01",
        }),
      ),
      sre,
    );
    if (!created.ok) throw new Error("setup failed");
    const prefill = await runbookDraftFromIncident(created.incident.id);
    expect(prefill).toMatchObject({
      incidentId: created.incident.id,
      causeId: "rate_limited",
      sdkVersion: "4.2.1",
      apiVersion: "2025-09-01",
      scopes: ["openid", "vehicle:commands"],
      correlationId: created.incident.correlationId,
      errorString: "HTTP 429 Too Many Requests: rate limit exceeded, retry after 30s",
    });
    expect(await runbookDraftFromIncident("missing")).toBeNull();
    expect(await createRunbookEntry(draft({ incidentId: "missing" }), sre)).toMatchObject({
      ok: false,
      reason: "incident_not_found",
    });
  });

  it("drafts from the ranking as it stands, interview answers included", async () => {
    const sre = await userActor("sre");
    const created = await createIncident(
      incidentInputSchema.parse(
        incidentBody({ errorString: "Something went wrong", httpStatus: undefined }),
      ),
      sre,
    );
    if (!created.ok) throw new Error("setup failed");
    const answered = await answerInterview({
      actor: sre,
      incidentId: created.incident.id,
      input: {
        answers: [
          { question: "official_app_works", answer: "no" },
          { question: "every_user", answer: "yes" },
        ],
      },
    });
    if (!answered.ok) throw new Error("setup failed");
    expect(answered.diagnosis.ranked[0]!.cause).toBe("server_outage");
    expect(await runbookDraftFromIncident(created.incident.id)).toMatchObject({
      causeId: "server_outage",
    });
  });
});

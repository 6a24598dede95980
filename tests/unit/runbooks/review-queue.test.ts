// "Waiting for my review": entries in review that the reviewer did not write, counted right, and
// what changed since the version the reviewer last reviewed.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { lastReviewedVersion, reviewQueue, reviewQueueCount } from "@/lib/runbooks/review-queue";
import { newRunbookEntrySchema, runbookDraftSchema } from "@/lib/runbooks/schema";
import {
  createRunbookEntry,
  getRunbookEntry,
  reviewRunbookEntry,
  reviseRunbookEntry,
  submitRunbookEntry,
  type RunbookWriteResult,
} from "@/lib/runbooks/store";
import { versionDiffFields } from "@/lib/runbooks/version-diff";
import { userActor } from "@/tests/support/db-factories";

const content = {
  title: "Pairing fails after SDK bump",
  causeId: "app_version",
  errorString: "Couldn't pair your vehicle (E_SDK_VERSION)",
  fixApplied: "Pin the SDK back to 4.1.9.",
};

const ok = (result: RunbookWriteResult) => {
  if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
  return result.entry;
};

async function submitted(author: Awaited<ReturnType<typeof userActor>>, title: string) {
  const entry = ok(
    await createRunbookEntry(newRunbookEntrySchema.parse({ ...content, title }), author),
  );
  return ok(await submitRunbookEntry(entry.id, author));
}

beforeEach(async () => {
  // The queue spans every entry; other files' entries in review would be counted too.
  await db.runbookEntry.deleteMany();
});

describe("the review queue", () => {
  it("holds entries in review by others, not the reviewer's own, drafts or decided ones", async () => {
    const sre = await userActor("sre");
    const lead = await userActor("support_lead");
    const admin = await userActor("admin");
    const theirs = await submitted(sre, "In review, by an SRE");
    await submitted(admin, "In review, by the admin");
    ok(await createRunbookEntry(newRunbookEntrySchema.parse({ ...content, title: "Draft" }), sre));
    const decided = await submitted(sre, "Approved already");
    ok(await reviewRunbookEntry(decided.id, { decision: "approve", comment: null }, lead));

    expect((await reviewQueue(lead.id)).map((entry) => entry.title).sort()).toEqual([
      "In review, by an SRE",
      "In review, by the admin",
    ]);
    expect(await reviewQueueCount(lead)).toBe(2);
    // The admin reviews too, but not what they wrote.
    expect((await reviewQueue(admin.id)).map((entry) => entry.id)).toEqual([theirs.id]);
    expect(await reviewQueueCount(admin)).toBe(1);
    expect(await reviewQueueCount(sre)).toBeNull();
  });

  it("leaves out an entry whose version in review the reviewer wrote", async () => {
    const sre = await userActor("sre");
    const admin = await userActor("admin");
    const entry = await submitted(sre, "Revised by the admin");
    ok(await reviewRunbookEntry(entry.id, { decision: "request_changes", comment: "Pin?" }, admin));
    ok(
      await reviseRunbookEntry(
        entry.id,
        runbookDraftSchema.parse({
          ...content,
          fixApplied: "Pin the SDK to 4.1.9 in package.json.",
        }),
        1,
        admin,
      ),
    );
    ok(await submitRunbookEntry(entry.id, admin));
    expect(await reviewQueue(admin.id)).toEqual([]);
    expect(await reviewQueueCount(admin)).toBe(0);
  });

  it("shows the fields changed since the reviewer's last reviewed version, else a first review", async () => {
    const sre = await userActor("sre");
    const lead = await userActor("support_lead");
    const otherLead = await userActor("support_lead");
    const entry = await submitted(sre, content.title);
    ok(
      await reviewRunbookEntry(
        entry.id,
        { decision: "request_changes", comment: "Which pin?" },
        lead,
      ),
    );
    ok(
      await reviseRunbookEntry(
        entry.id,
        runbookDraftSchema.parse({
          ...content,
          fixApplied: "Pin the SDK to 4.1.9.",
          sdkVersion: "4.2.0",
        }),
        1,
        sre,
      ),
    );
    ok(await submitRunbookEntry(entry.id, sre));

    const [queued] = await reviewQueue(lead.id);
    expect(queued).toMatchObject({ id: entry.id, currentVersion: 2, lastReviewedVersion: 1 });
    expect(await lastReviewedVersion(entry.id, lead.id, 2)).toBe(1);
    expect(await lastReviewedVersion(entry.id, otherLead.id, 2)).toBeNull();
    expect((await reviewQueue(otherLead.id))[0]?.lastReviewedVersion).toBeNull();

    const record = (await getRunbookEntry(entry.id))!;
    const changed = versionDiffFields(record.versions[0]!, record.versions[1]!).filter(
      (field) => field.before !== field.after,
    );
    expect(changed).toEqual([
      {
        label: "Fix applied",
        before: "Pin the SDK back to 4.1.9.",
        after: "Pin the SDK to 4.1.9.",
      },
      { label: "SDK version", before: "", after: "4.2.0" },
    ]);
  });
});

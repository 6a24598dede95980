// Fixtures that live in the test database: real users, so foreign keys hold.
import type { Actor } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { newRunbookEntrySchema } from "@/lib/runbooks/schema";
import { createRunbookEntry, reviewRunbookEntry, submitRunbookEntry } from "@/lib/runbooks/store";
import { unique } from "./factories";

export async function userActor(role: Role): Promise<Actor> {
  const email = `${unique(role)}@pitstop.test`;
  const user = await db.user.create({
    data: { email, name: `Test ${role}`, role, passwordHash: "unused" },
  });
  return { kind: "user", id: user.id, label: user.name, role };
}

/** A rate-limit runbook entry written by one SRE and approved by a support lead; its id. */
export async function approvedRunbookEntry(title: string, errorString: string): Promise<string> {
  const sre = await userActor("sre");
  const lead = await userActor("support_lead");
  const created = await createRunbookEntry(
    newRunbookEntrySchema.parse({
      title,
      causeId: "rate_limited",
      errorString,
      fixApplied: "Back off",
    }),
    sre,
  );
  if (!created.ok) throw new Error(created.message);
  await submitRunbookEntry(created.entry.id, sre);
  await reviewRunbookEntry(created.entry.id, { decision: "approve", comment: null }, lead);
  return created.entry.id;
}

/** How many samples a soak run has stored, across its chunks. */
export async function countSoakSamples(runId: string): Promise<number> {
  const { _sum } = await db.soakSampleChunk.aggregate({ where: { runId }, _sum: { count: true } });
  return _sum.count ?? 0;
}

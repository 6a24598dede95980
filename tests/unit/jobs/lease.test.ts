// Background work that must run on one app instance at a time: the lease decides which
// instance runs it, and a job's slot row makes sure no slot runs twice.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { holdLease, leaseHolder, releaseLease } from "@/lib/jobs/lease";
import { claimScheduledRun, finishScheduledRun, lastFinishedRun } from "@/lib/jobs/scheduled-runs";

const at = (ms: number) => new Date(Date.UTC(2026, 11, 3, 8, 0, 0) + ms);

beforeEach(async () => {
  await db.lease.deleteMany();
  await db.scheduledRun.deleteMany();
});

describe("the lease", () => {
  it("is held by one instance until it runs out, then another takes it", async () => {
    expect(await holdLease("probes", "a", 1_000, at(0))).toBe(true);
    expect(await holdLease("probes", "b", 1_000, at(500))).toBe(false);
    expect(await holdLease("probes", "a", 1_000, at(900))).toBe(true);
    expect(await holdLease("probes", "b", 1_000, at(1_800))).toBe(false);
    expect(await leaseHolder("probes", at(1_800))).toBe("a");
    expect(await holdLease("probes", "b", 1_000, at(1_900))).toBe(true);
    expect(await holdLease("probes", "a", 1_000, at(2_000))).toBe(false);
    expect(await leaseHolder("probes", at(2_000))).toBe("b");
    expect(await leaseHolder("probes", at(3_000))).toBeNull();
  });

  it("goes to exactly one of many instances asking at once", async () => {
    const instances = Array.from({ length: 8 }, (_, index) => `instance-${index}`);
    const answers = await Promise.all(instances.map((id) => holdLease("probes", id, 1_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await leaseHolder("probes")).toBe(instances[answers.indexOf(true)]);
  });

  it("given up, is free at once; another instance's release does not free it", async () => {
    expect(await holdLease("probes", "a", 60_000)).toBe(true);
    await releaseLease("probes", "b");
    expect(await holdLease("probes", "b", 60_000)).toBe(false);
    await releaseLease("probes", "a");
    expect(await leaseHolder("probes")).toBeNull();
    expect(await holdLease("probes", "b", 60_000)).toBe(true);
  });
});

describe("a job's slots", () => {
  it("run once: a second claim of a slot, from any instance, is refused", async () => {
    expect(await claimScheduledRun("probes", at(0), "a")).toBe(true);
    expect(await claimScheduledRun("probes", at(0), "b")).toBe(false);
    expect(await claimScheduledRun("probes", at(0), "a")).toBe(false);
    expect(await claimScheduledRun("weekly-export", at(0), "b")).toBe(true);
    expect(await claimScheduledRun("probes", at(30_000), "b")).toBe(true);
  });

  it("record the last finished run for every instance to read", async () => {
    await claimScheduledRun("probes", at(0), "a", at(10));
    await finishScheduledRun("probes", at(0), { samples: 5, failed: 1 }, at(900));
    await claimScheduledRun("probes", at(30_000), "b", at(30_010));
    expect(await lastFinishedRun("probes")).toMatchObject({
      slot: at(0),
      holder: "a",
      finishedAt: at(900),
      summary: JSON.stringify({ samples: 5, failed: 1 }),
    });
  });
});

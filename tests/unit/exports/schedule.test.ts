import path from "node:path";
import { describe, expect, it } from "vitest";
import { nextRun, previousRun, weeklyScheduleFromEnv } from "@/lib/exports/schedule";

const MONDAY_6 = { day: 1, hour: 6 };

describe("weekly export schedule", () => {
  it("is off unless a folder is set, and defaults to Monday 06:00 UTC when one is", () => {
    expect(weeklyScheduleFromEnv({})).toEqual({ ok: true, schedule: null });
    expect(weeklyScheduleFromEnv({ PITSTOP_WEEKLY_EXPORT_DIR: "  " })).toEqual({
      ok: true,
      schedule: null,
    });
    expect(weeklyScheduleFromEnv({ PITSTOP_WEEKLY_EXPORT_DIR: "exports" })).toEqual({
      ok: true,
      schedule: { folder: path.resolve("exports"), day: 1, hour: 6 },
    });
  });

  it("takes a day by number or name and refuses what it cannot read, naming the variable", () => {
    expect(
      weeklyScheduleFromEnv({
        PITSTOP_WEEKLY_EXPORT_DIR: "/x",
        PITSTOP_WEEKLY_EXPORT_DAY: "Fri",
        PITSTOP_WEEKLY_EXPORT_HOUR: "23",
      }),
    ).toMatchObject({ schedule: { day: 5, hour: 23 } });
    expect(
      weeklyScheduleFromEnv({ PITSTOP_WEEKLY_EXPORT_DIR: "/x", PITSTOP_WEEKLY_EXPORT_DAY: "0" }),
    ).toMatchObject({ schedule: { day: 0 } });
    expect(
      weeklyScheduleFromEnv({
        PITSTOP_WEEKLY_EXPORT_DIR: "/x",
        PITSTOP_WEEKLY_EXPORT_DAY: "someday",
      }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining("PITSTOP_WEEKLY_EXPORT_DAY") });
    expect(
      weeklyScheduleFromEnv({ PITSTOP_WEEKLY_EXPORT_DIR: "/x", PITSTOP_WEEKLY_EXPORT_HOUR: "24" }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining("PITSTOP_WEEKLY_EXPORT_HOUR") });
  });

  it("computes the next run strictly after now and the latest at or before it", () => {
    // Tuesday 2026-11-24 10:00 UTC.
    const tuesday = new Date("2026-11-24T10:00:00Z");
    expect(nextRun(tuesday, MONDAY_6).toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(previousRun(tuesday, MONDAY_6).toISOString()).toBe("2026-11-23T06:00:00.000Z");
    // Monday before and at the hour.
    expect(nextRun(new Date("2026-11-23T05:59:59Z"), MONDAY_6).toISOString()).toBe(
      "2026-11-23T06:00:00.000Z",
    );
    expect(previousRun(new Date("2026-11-23T06:00:00Z"), MONDAY_6).toISOString()).toBe(
      "2026-11-23T06:00:00.000Z",
    );
    expect(nextRun(new Date("2026-11-23T06:00:00Z"), MONDAY_6).toISOString()).toBe(
      "2026-11-30T06:00:00.000Z",
    );
    // Sunday 23:00 across a month and year end.
    expect(nextRun(new Date("2026-12-28T00:00:00Z"), { day: 0, hour: 23 }).toISOString()).toBe(
      "2027-01-03T23:00:00.000Z",
    );
  });
});

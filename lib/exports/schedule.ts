// When the weekly export runs: a weekday and an hour in UTC, from the environment.
// PITSTOP_WEEKLY_EXPORT_DIR turns it on (unset: off, as in tests); PITSTOP_WEEKLY_EXPORT_DAY
// (0-6 from Sunday, or a day name) and PITSTOP_WEEKLY_EXPORT_HOUR (0-23) default to Monday 06:00.
// One weekday and hour in UTC has no time zones, no daylight saving and no ranges: the two
// functions below are the whole arithmetic, so a cron library (croner, cron-parser) would add a
// pattern language nobody asked for and its parser to validate, not remove a risk.
import path from "node:path";
import { z } from "zod";

const DAY_NAMES = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const dayProblem =
  "PITSTOP_WEEKLY_EXPORT_DAY must be 0-6 (0 is Sunday) or a day name such as monday";
const daySchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, context) => {
    const byNumber = /^[0-6]$/.test(value) ? Number(value) : -1;
    const byName = DAY_NAMES.findIndex((name) => value.length >= 3 && name.startsWith(value));
    const day = byNumber >= 0 ? byNumber : byName;
    if (day < 0) {
      context.addIssue({ code: "custom", message: dayProblem });
      return z.NEVER;
    }
    return day;
  });

const scheduleEnvSchema = z.object({
  PITSTOP_WEEKLY_EXPORT_DIR: z
    .string()
    .trim()
    .min(1)
    .transform((folder) => path.resolve(folder))
    .optional(),
  PITSTOP_WEEKLY_EXPORT_DAY: daySchema.optional(),
  PITSTOP_WEEKLY_EXPORT_HOUR: z.coerce
    .number({ error: "PITSTOP_WEEKLY_EXPORT_HOUR must be a whole hour from 0 to 23" })
    .int("PITSTOP_WEEKLY_EXPORT_HOUR must be a whole hour from 0 to 23")
    .min(0, "PITSTOP_WEEKLY_EXPORT_HOUR must be a whole hour from 0 to 23")
    .max(23, "PITSTOP_WEEKLY_EXPORT_HOUR must be a whole hour from 0 to 23")
    .optional(),
});

export type WeeklySchedule = { folder: string; day: number; hour: number };
export type ScheduleConfig =
  { ok: true; schedule: WeeklySchedule | null } | { ok: false; problem: string };

/** The schedule from the environment; null (off) when no folder is set. */
export function weeklyScheduleFromEnv(
  env: Record<string, string | undefined> = process.env,
): ScheduleConfig {
  const blank = (value: string | undefined) => (value?.trim() ? value : undefined);
  const parsed = scheduleEnvSchema.safeParse({
    PITSTOP_WEEKLY_EXPORT_DIR: blank(env.PITSTOP_WEEKLY_EXPORT_DIR),
    PITSTOP_WEEKLY_EXPORT_DAY: blank(env.PITSTOP_WEEKLY_EXPORT_DAY),
    PITSTOP_WEEKLY_EXPORT_HOUR: blank(env.PITSTOP_WEEKLY_EXPORT_HOUR),
  });
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]!.message };
  const {
    PITSTOP_WEEKLY_EXPORT_DIR: folder,
    PITSTOP_WEEKLY_EXPORT_DAY: day = 1,
    PITSTOP_WEEKLY_EXPORT_HOUR: hour = 6,
  } = parsed.data;
  return { ok: true, schedule: folder ? { folder, day, hour } : null };
}

/** The latest scheduled time at or before `now`. */
export function previousRun(now: Date, schedule: Pick<WeeklySchedule, "day" | "hour">): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysBack = (now.getUTCDay() - schedule.day + 7) % 7;
  let candidate = today - daysBack * DAY_MS + schedule.hour * HOUR_MS;
  if (candidate > now.getTime()) candidate -= 7 * DAY_MS;
  return new Date(candidate);
}

/** The first scheduled time strictly after `now`. */
export const nextRun = (now: Date, schedule: Pick<WeeklySchedule, "day" | "hour">): Date =>
  new Date(previousRun(now, schedule).getTime() + 7 * DAY_MS);

export const dayName = (day: number) =>
  DAY_NAMES[day]!.charAt(0).toUpperCase() + DAY_NAMES[day]!.slice(1);

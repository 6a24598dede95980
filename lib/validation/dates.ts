// Dates as forms, API bodies, CLI lines and URLs take them: real calendar dates (no
// 2026-02-30) in a range a Pitstop record can fall in, refused with a message naming the field.
import { z } from "zod";

// Connected-vehicle APIs postdate 2000; an earlier time (year 0000, the Unix epoch) is a
// client's bug, and would sort before every real record.
export const EARLIEST_OCCURRED_AT = new Date("2000-01-01T00:00:00Z");
// Clocks drift; a time typed "now" on a laptop a little ahead must still be accepted.
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** A whole UTC day such as 2026-11-23; zod's ISO date checks the calendar, leap years included. */
export const calendarDay = (field: string) =>
  z.iso.date({ error: `${field} must be a real date like 2026-11-23` });

/** When something happened: an ISO 8601 date-time from 2000 up to now (plus clock skew). */
export const occurredAtSchema = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${field} must be an ISO 8601 date-time, e.g. 2026-11-23T09:30:00Z`,
    })
    .transform((value) => new Date(value))
    .refine((date) => date >= EARLIEST_OCCURRED_AT, {
      error: `${field} must be on or after 2000-01-01`,
    })
    .refine((date) => date.getTime() <= Date.now() + MAX_FUTURE_SKEW_MS, {
      error: `${field} must not be in the future`,
    });

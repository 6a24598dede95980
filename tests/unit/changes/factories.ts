// Change events for the tests: a valid input by default, and a way to put one straight into
// the database with the fields a test cares about.
import type { Actor } from "@/lib/auth/policy";
import { changeInputSchema, type ChangeInput } from "@/lib/changes/schema";
import { createChange } from "@/lib/changes/store";
import { unique } from "@/tests/support/factories";

export function changeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "sdk_bump",
    environment: "prod",
    tenant: "fleetco",
    summary: "connected-sdk 4.2.0 -> 4.3.0",
    details: "Release train 2026.47",
    occurredAt: "2026-11-20T08:00:00Z",
    ...overrides,
  };
}

export const changeInput = (overrides: Record<string, unknown> = {}): ChangeInput =>
  changeInputSchema.parse(changeBody(overrides));

export const recordChange = (actor: Actor, overrides: Record<string, unknown> = {}) =>
  createChange(changeInput({ summary: unique("change"), ...overrides }), actor);

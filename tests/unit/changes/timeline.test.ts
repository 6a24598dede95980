import { beforeEach, describe, expect, it } from "vitest";
import { changesBefore } from "@/lib/changes/store";
import {
  buildChangeTimeline,
  CHANGE_WINDOW_MS,
  formatTimeBefore,
  type TimelineChange,
} from "@/lib/changes/timeline";
import { db } from "@/lib/db/client";
import { changeWindowCheck } from "@/lib/diagnosis/checks/change-window";
import type { IncidentForChecks } from "@/lib/diagnosis/check";
import { VendorGateway } from "@/lib/diagnosis/vendor-gateway";
import { userActor } from "@/tests/support/db-factories";
import { recordChange } from "./factories";

beforeEach(async () => {
  await db.changeEvent.deleteMany({});
});

const INCIDENT_AT = new Date("2026-11-20T12:00:00Z");
const before = (ms: number) => new Date(INCIDENT_AT.getTime() - ms).toISOString();
const HOUR = 3_600_000;

describe("time before the incident", () => {
  it("reads as days, hours and minutes", () => {
    expect(formatTimeBefore(3 * HOUR + 12 * 60_000 + 59_000)).toBe("3 h 12 m before");
    expect(formatTimeBefore(49 * HOUR)).toBe("2 d 1 h before");
    expect(formatTimeBefore(45_000)).toBe("45 s before");
    expect(formatTimeBefore(7 * 60_000)).toBe("7 m before");
    expect(formatTimeBefore(0)).toBe("at the same time");
  });
});

describe("change timeline", () => {
  const change = (
    id: string,
    msBefore: number,
    tenant: string | null = "fleetco",
  ): TimelineChange => ({
    id,
    kind: "key_rotation",
    source: "vendor_audit",
    tenant,
    summary: id,
    details: null,
    occurredAt: new Date(INCIDENT_AT.getTime() - msBefore),
  });

  it("keeps exactly 72 h before and the incident's own instant, drops anything outside, nearest first", () => {
    const entries = buildChangeTimeline({ tenant: "fleetco", occurredAt: INCIDENT_AT }, [
      change("edge", CHANGE_WINDOW_MS),
      change("too-old", CHANGE_WINDOW_MS + 1),
      change("after", -1),
      change("same-instant", 0),
      change("other-tenant", HOUR, "drivewise"),
      change("env-wide", 2 * HOUR, null),
    ]);
    expect(entries.map((entry) => [entry.id, entry.scope, entry.timeBefore])).toEqual([
      ["same-instant", "tenant", "at the same time"],
      ["env-wide", "environment", "2 h 0 m before"],
      ["edge", "tenant", "3 d 0 h before"],
    ]);
    expect(entries[0]).toMatchObject({
      kindLabel: "Key rotation",
      sourceLabel: "Vendor audit log",
    });
  });

  it("asks the database for the same window: 72 h edge in, a millisecond older out, later out, other environments and tenants out", async () => {
    const sre = await userActor("sre");
    const edge = await recordChange(sre, { occurredAt: before(CHANGE_WINDOW_MS) });
    await recordChange(sre, { occurredAt: before(CHANGE_WINDOW_MS + 1) });
    await recordChange(sre, { occurredAt: before(-1) });
    await recordChange(sre, { occurredAt: before(HOUR), environment: "sandbox" });
    await recordChange(sre, { occurredAt: before(HOUR), tenant: "drivewise" });
    const envWide = await recordChange(sre, { occurredAt: before(HOUR), tenant: null });

    const found = await changesBefore({
      environment: "prod",
      tenant: "fleetco",
      at: INCIDENT_AT,
      windowMs: CHANGE_WINDOW_MS,
      limit: 50,
    });
    expect(found.map((row) => row.id)).toEqual([envWide.id, edge.id]);
  });

  it("feeds the diagnosis check: a key rotation an hour before is a suspect for account_auth", async () => {
    const sre = await userActor("sre");
    await recordChange(sre, {
      kind: "key_rotation",
      tenant: null,
      summary: "signing key rotated",
      occurredAt: before(HOUR),
    });
    const incident: IncidentForChecks = {
      id: "incident",
      correlationId: "corr",
      environment: "prod",
      tenant: "fleetco",
      vin: null,
      accountRef: null,
      sdkName: null,
      sdkVersion: null,
      apiVersion: null,
      appVersion: null,
      scopes: [],
      errorString: "HTTP 401 invalid_token",
      httpStatus: 401,
      occurredAt: INCIDENT_AT,
    };
    // The check reads only the database; its gateway points at nothing.
    const vendor = new VendorGateway({
      baseUrl: "http://127.0.0.1:9",
      adminKey: "unused",
      timeoutMs: 100,
    });
    const result = await changeWindowCheck.run({ incident, vendor });
    expect(result.outcome).toBe("warn");
    expect(result.signals).toEqual([expect.objectContaining({ cause: "account_auth", weight: 1 })]);

    const later = await changeWindowCheck.run({
      incident: { ...incident, occurredAt: new Date(INCIDENT_AT.getTime() - 2 * HOUR) },
      vendor,
    });
    expect(later.outcome).toBe("pass");
  });
});

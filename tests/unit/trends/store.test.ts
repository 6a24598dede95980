// The trend aggregations against a small known dataset in weeks no other test writes to
// (March 2019), so the counts are exact.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseTrendsQuery, type TrendsQuery } from "@/lib/trends/query";
import {
  bursts429,
  burstSummary,
  incidentsByCause,
  openedResolvedAndResolveTime,
  topSignatures,
} from "@/lib/trends/store";
import { comparableRows, unique } from "@/tests/support/factories";

const at = (iso: string) => new Date(iso);

type Seed = {
  occurredAt: string;
  cause?: string | null;
  environment?: string;
  signature?: string;
  resolvedAt?: string;
  httpStatus?: number;
};

function seedIncident(seed: Seed) {
  return db.incident.create({
    data: {
      correlationId: unique("trend"),
      title: "Trend fixture",
      environment: seed.environment ?? "prod",
      tenant: "fleetco",
      errorString: "fixture",
      signature: seed.signature ?? "sig-a",
      httpStatus: seed.httpStatus ?? null,
      occurredAt: at(seed.occurredAt),
      severity: "sev3",
      status: seed.resolvedAt ? "resolved" : "open",
      resolvedAt: seed.resolvedAt ? at(seed.resolvedAt) : null,
      likelyCause: seed.cause === undefined ? "rate_limited" : seed.cause,
      reporterLabel: "test",
    },
  });
}

function range(params: Record<string, string>): TrendsQuery {
  const parsed = parseTrendsQuery(params);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.query;
}

// Weeks of 2019-03-04 (Mon) and 2019-03-11; 2019-03-18 is quiet.
const MARCH = { from: "2019-03-04", to: "2019-03-24" };

beforeAll(async () => {
  await seedIncident({
    occurredAt: "2019-03-04T00:00:00Z",
    cause: "rate_limited",
    signature: "sig-a",
    httpStatus: 429,
    resolvedAt: "2019-03-04T06:00:00Z",
  });
  await seedIncident({
    occurredAt: "2019-03-06T10:00:00Z",
    cause: "rate_limited",
    signature: "sig-a",
    resolvedAt: "2019-03-12T10:00:00Z",
  });
  await seedIncident({
    occurredAt: "2019-03-10T23:59:59Z",
    cause: "account_auth",
    signature: "sig-b",
    resolvedAt: "2019-03-11T01:59:59Z",
  });
  await seedIncident({
    occurredAt: "2019-03-11T00:00:00Z",
    cause: null,
    signature: "sig-a",
    environment: "sandbox",
  });
  await seedIncident({
    occurredAt: "2019-03-12T08:00:00Z",
    cause: "server_outage",
    signature: "sig-c",
  });
  // Outside the range on both sides: must not count.
  await seedIncident({
    occurredAt: "2019-03-03T23:59:59Z",
    cause: "rate_limited",
    signature: "sig-a",
  });
  await seedIncident({
    occurredAt: "2019-03-25T00:00:00Z",
    cause: "rate_limited",
    signature: "sig-a",
  });
});

describe("trend aggregations", () => {
  it("counts incidents per Monday-start week by cause, with quiet weeks as zeros and unknown causes apart", async () => {
    const weeks = await incidentsByCause(range(MARCH));
    expect(weeks.map((week) => week.week)).toEqual(["2019-03-04", "2019-03-11", "2019-03-18"]);
    expect(weeks[0]).toMatchObject({
      rate_limited: 2,
      account_auth: 1,
      server_outage: 0,
      unclassified: 0,
    });
    expect(weeks[1]).toMatchObject({ rate_limited: 0, server_outage: 1, unclassified: 1 });
    expect(
      Object.values(weeks[2]!).filter((value) => typeof value === "number" && value > 0),
    ).toEqual([]);
  });

  it("filters by environment", async () => {
    const weeks = await incidentsByCause(range({ ...MARCH, environment: "sandbox" }));
    expect(weeks[1]).toMatchObject({ unclassified: 1, server_outage: 0 });
    expect(weeks[0]!.rate_limited).toBe(0);
  });

  it("counts opened by occurrence week and resolved by resolution week, with the mean hours to resolve", async () => {
    const { openedResolved, resolveTime } = await openedResolvedAndResolveTime(range(MARCH));
    expect(openedResolved).toEqual([
      { week: "2019-03-04", opened: 3, resolved: 1 },
      { week: "2019-03-11", opened: 2, resolved: 2 },
      { week: "2019-03-18", opened: 0, resolved: 0 },
    ]);
    // Week 1: one resolved after 6 h. Week 2: 144 h and 2 h, so 73 h on average.
    expect(resolveTime).toEqual([
      { week: "2019-03-04", resolved: 1, meanHours: 6 },
      { week: "2019-03-11", resolved: 2, meanHours: 73 },
      { week: "2019-03-18", resolved: 0, meanHours: null },
    ]);
  });

  it("ranks signatures by count within the range", async () => {
    const signatures = await topSignatures(range(MARCH));
    expect(signatures.map(({ signature, count }) => [signature, count])).toEqual([
      ["sig-a", 3],
      ["sig-b", 1],
      ["sig-c", 1],
    ]);
    expect(signatures[0]!.lastSeen).toEqual(at("2019-03-11T00:00:00Z"));
  });

  it("folds consecutive minutes with 429s from probes and incidents into bursts", async () => {
    const probeMinute = (minute: string, status429: number, environment = "prod") =>
      db.probeMinute.create({
        data: {
          environment,
          endpoint: "status",
          minute: at(minute),
          count: 10,
          errors: 0,
          status429,
          status5xx: 0,
        },
      });
    await probeMinute("2019-03-04T00:01:00Z", 3);
    await probeMinute("2019-03-04T00:02:00Z", 0);
    await probeMinute("2019-03-04T00:03:00Z", 2);
    await probeMinute("2019-03-09T12:00:00Z", 1);
    await probeMinute("2019-03-09T12:01:00Z", 4);
    await probeMinute("2019-03-09T12:01:00Z", 0, "sandbox");
    const bursts = await bursts429(range(MARCH));
    expect(
      bursts.map((burst) => ({
        ...burst,
        start: burst.start.toISOString(),
        end: burst.end.toISOString(),
      })),
    ).toEqual([
      // The 429 incident at 00:00 and the probes' 429s at 00:01 are one burst; 00:02 had none.
      {
        start: "2019-03-04T00:00:00.000Z",
        end: "2019-03-04T00:02:00.000Z",
        minutes: 2,
        probe429s: 3,
        incidents429: 1,
      },
      {
        start: "2019-03-04T00:03:00.000Z",
        end: "2019-03-04T00:04:00.000Z",
        minutes: 1,
        probe429s: 2,
        incidents429: 0,
      },
      {
        start: "2019-03-09T12:00:00.000Z",
        end: "2019-03-09T12:02:00.000Z",
        minutes: 2,
        probe429s: 5,
        incidents429: 0,
      },
    ]);
    expect(await bursts429(range({ ...MARCH, environment: "sandbox" }))).toEqual([]);
    // The page's summary: bursts and minutes per week they started in, and the longest first.
    const summary = await burstSummary(range(MARCH), 2);
    expect(summary.total).toBe(3);
    expect(summary.weeks).toEqual([
      { week: "2019-03-04", bursts: 3, minutes: 5 },
      { week: "2019-03-11", bursts: 0, minutes: 0 },
      { week: "2019-03-18", bursts: 0, minutes: 0 },
    ]);
    expect(summary.longest.map((burst) => [burst.start.toISOString(), burst.minutes])).toEqual([
      ["2019-03-09T12:00:00.000Z", 2],
      ["2019-03-04T00:00:00.000Z", 2],
    ]);
  });

  it("counts a resolved incident under its confirmed cause, a confirmed other apart, and moves the roll-up on resolve and reopen", async () => {
    // June 2019: weeks of 2019-06-03 (Mon) and 2019-06-10.
    const june = range({ from: "2019-06-03", to: "2019-06-16", environment: "prod" });
    const guessedWrong = await seedIncident({ occurredAt: "2019-06-03T10:00:00Z" });
    const noneOfTheTen = await seedIncident({ occurredAt: "2019-06-04T10:00:00Z" });
    await seedIncident({ occurredAt: "2019-06-05T10:00:00Z" });
    expect((await incidentsByCause(june))[0]).toMatchObject({ rate_limited: 3, other: 0 });

    // Resolving as the foundation's writers do: one conditional update of the open row.
    const resolve = (id: string, confirmedCause: string, resolvedAt: string) =>
      db.incident.updateMany({
        where: { id, status: { not: "resolved" } },
        data: { status: "resolved", resolvedAt: at(resolvedAt), confirmedCause },
      });
    expect((await resolve(guessedWrong.id, "account_auth", "2019-06-10T10:00:00Z")).count).toBe(1);
    expect((await resolve(noneOfTheTen.id, "other", "2019-06-04T12:00:00Z")).count).toBe(1);
    const weeks = await incidentsByCause(june);
    expect(weeks[0]).toMatchObject({
      rate_limited: 1,
      account_auth: 1,
      other: 1,
      unclassified: 0,
    });
    expect((await openedResolvedAndResolveTime(june)).openedResolved).toEqual([
      { week: "2019-06-03", opened: 3, resolved: 1 },
      { week: "2019-06-10", opened: 0, resolved: 1 },
    ]);
    // A later check run's cause does not override what the team confirmed.
    await db.incident.update({
      where: { id: guessedWrong.id },
      data: { likelyCause: "server_outage" },
    });
    expect((await incidentsByCause(june))[0]).toMatchObject({ account_auth: 1, server_outage: 0 });

    // Reopened, the confirmed cause is cleared and the likely cause counts again.
    await db.incident.update({
      where: { id: guessedWrong.id },
      data: { status: "open", resolvedAt: null, confirmedCause: null },
    });
    expect((await incidentsByCause(june))[0]).toMatchObject({
      rate_limited: 1,
      server_outage: 1,
      account_auth: 0,
      other: 1,
    });
    expect((await openedResolvedAndResolveTime(june)).openedResolved[1]).toEqual({
      week: "2019-06-10",
      opened: 0,
      resolved: 0,
    });
  });

  it("keeps the per-day roll-up in step when incidents are resolved, reopened, reclassified, moved and deleted", async () => {
    // April 2019: weeks of 2019-04-01 (Mon) and 2019-04-08.
    const resolvedLater = await seedIncident({
      occurredAt: "2019-04-01T10:00:00Z",
      cause: "rate_limited",
    });
    const classifiedLater = await seedIncident({ occurredAt: "2019-04-02T10:00:00Z", cause: null });
    const reopened = await seedIncident({
      occurredAt: "2019-04-03T00:00:00Z",
      cause: "rate_limited",
      resolvedAt: "2019-04-03T12:00:00Z",
    });
    const deleted = await seedIncident({
      occurredAt: "2019-04-04T00:00:00Z",
      cause: "account_auth",
      resolvedAt: "2019-04-04T01:00:00Z",
    });
    const moved = await seedIncident({
      occurredAt: "2019-04-05T00:00:00Z",
      cause: "account_auth",
      environment: "sandbox",
    });
    await db.incident.update({
      where: { id: resolvedLater.id },
      data: { status: "resolved", resolvedAt: at("2019-04-02T10:00:00Z") },
    });
    await db.incident.update({
      where: { id: classifiedLater.id },
      data: { likelyCause: "server_outage" },
    });
    await db.incident.update({
      where: { id: reopened.id },
      data: { status: "open", resolvedAt: null },
    });
    await db.incident.delete({ where: { id: deleted.id } });
    await db.incident.update({
      where: { id: moved.id },
      data: {
        environment: "prod",
        occurredAt: at("2019-04-09T00:00:00Z"),
        resolvedAt: at("2019-04-09T03:00:00Z"),
      },
    });

    const april = range({ from: "2019-04-01", to: "2019-04-14", environment: "prod" });
    const weeks = await incidentsByCause(april);
    expect(weeks[0]).toMatchObject({
      rate_limited: 2,
      server_outage: 1,
      account_auth: 0,
      unclassified: 0,
    });
    expect(weeks[1]).toMatchObject({ rate_limited: 0, account_auth: 1 });
    expect((await openedResolvedAndResolveTime(april)).resolveTime).toEqual([
      { week: "2019-04-01", resolved: 1, meanHours: 24 },
      { week: "2019-04-08", resolved: 1, meanHours: 3 },
    ]);
    expect(
      (await incidentsByCause({ ...april, environment: "sandbox" })).every(
        (week) => week.account_auth === 0,
      ),
    ).toBe(true);

    // And across every incident any test wrote (confirmed causes too), the roll-up equals a count
    // of Incident itself.
    // Counted here from the rows themselves, so the check reads the same on either database.
    const [incidents, rolledUp] = await db.$transaction(async (tx) => [
      await tx.incident.findMany({
        select: {
          environment: true,
          occurredAt: true,
          resolvedAt: true,
          confirmedCause: true,
          likelyCause: true,
        },
      }),
      await tx.$queryRaw<Array<Record<string, unknown>>>`
        SELECT environment, day, cause, opened, resolved, "resolveMs" FROM "IncidentTrendDay"
        WHERE opened <> 0 OR resolved <> 0 OR "resolveMs" <> 0`,
    ]);
    const days = new Map<
      string,
      Record<string, unknown> & { opened: number; resolved: number; resolveMs: number }
    >();
    const dayOf = (environment: string, at: Date, cause: string) => {
      const day = at.toISOString().slice(0, 10);
      const key = `${environment} ${day} ${cause}`;
      if (!days.has(key))
        days.set(key, { environment, day, cause, opened: 0, resolved: 0, resolveMs: 0 });
      return days.get(key)!;
    };
    for (const incident of incidents) {
      const cause = incident.confirmedCause ?? incident.likelyCause ?? "";
      dayOf(incident.environment, incident.occurredAt, cause).opened += 1;
      if (incident.resolvedAt) {
        const day = dayOf(incident.environment, incident.resolvedAt, cause);
        day.resolved += 1;
        day.resolveMs += incident.resolvedAt.getTime() - incident.occurredAt.getTime();
      }
    }
    const counted = [...days.values()];
    expect(comparableRows(rolledUp)).toEqual(comparableRows(counted));
  });

  it("gives empty weeks, no signatures and no bursts for a range with nothing in it", async () => {
    const empty = range({ from: "2018-01-01", to: "2018-01-07" });
    expect((await incidentsByCause(empty)).map((week) => week.week)).toEqual(["2018-01-01"]);
    expect(await topSignatures(empty)).toEqual([]);
    expect(await bursts429(empty)).toEqual([]);
  });
});

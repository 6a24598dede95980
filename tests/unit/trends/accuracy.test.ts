// Diagnosis accuracy against a small known dataset in weeks no other test writes to (May 2017),
// so the counts are exact: which diagnosis counts, what is left out, and where weeks end.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getTrendCsv } from "@/app/api/v1/trends/[chart]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";
import { diagnosisAccuracy } from "@/lib/trends/accuracy";
import { parseTrendsQuery, type TrendsQuery } from "@/lib/trends/query";
import { comparableRows, unique } from "@/tests/support/factories";

type Seed = {
  occurredAt: string;
  confirmedCause?: string | null;
  initialCause?: string;
  status?: string;
  environment?: string;
  /** Check runs in the order they started: [status, top cause]. */
  runs?: Array<[string, string | null]>;
};

async function seedIncident(seed: Seed) {
  const status = seed.status ?? "resolved";
  const occurredAt = new Date(seed.occurredAt);
  const incident = await db.incident.create({
    data: {
      correlationId: unique("accuracy"),
      title: "Accuracy fixture",
      environment: seed.environment ?? "prod",
      tenant: "fleetco",
      errorString: "fixture",
      signature: "sig-accuracy",
      occurredAt,
      severity: "sev3",
      status,
      resolvedAt: status === "resolved" ? new Date(occurredAt.getTime() + 3_600_000) : null,
      likelyCause: seed.initialCause ?? "rate_limited",
      initialCause: seed.initialCause ?? "rate_limited",
      confirmedCause: seed.confirmedCause === undefined ? "rate_limited" : seed.confirmedCause,
      reporterLabel: "test",
    },
  });
  for (const [index, [runStatus, cause]] of (seed.runs ?? []).entries())
    await db.checkRun.create({
      data: {
        incidentId: incident.id,
        status: runStatus,
        startedAt: new Date(occurredAt.getTime() + (index + 1) * 60_000),
        ranking: cause ? JSON.stringify({ ranked: [{ cause, confidence: 0.9 }] }) : null,
      },
    });
  return incident;
}

function range(params: Record<string, string>): TrendsQuery {
  const parsed = parseTrendsQuery(params);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.query;
}

// Weeks of 2017-05-01 (Mon), 2017-05-08 and a quiet 2017-05-15.
const MAY = { from: "2017-05-01", to: "2017-05-21" };

beforeAll(async () => {
  // Week 1: the classifier was right; the first check run corrected it; the first check run
  // was wrong and a later one right (the first counts).
  await seedIncident({ occurredAt: "2017-05-01T00:00:00Z", initialCause: "rate_limited" });
  await seedIncident({
    occurredAt: "2017-05-03T12:00:00Z",
    confirmedCause: "account_auth",
    initialCause: "rate_limited",
    runs: [["completed", "account_auth"]],
  });
  await seedIncident({
    occurredAt: "2017-05-07T23:59:59Z",
    confirmedCause: "account_auth",
    initialCause: "account_auth",
    runs: [
      ["completed", "missing_scope"],
      ["completed", "account_auth"],
    ],
  });
  // Week 2, first second: runs that failed or never finished are no diagnosis.
  await seedIncident({
    occurredAt: "2017-05-08T00:00:00Z",
    confirmedCause: "server_outage",
    initialCause: "server_outage",
    runs: [
      ["failed", null],
      ["running", "rate_limited"],
    ],
  });
  await seedIncident({
    occurredAt: "2017-05-09T00:00:00Z",
    environment: "sandbox",
    confirmedCause: "rate_limited",
    initialCause: "account_auth",
  });
  // Never counted: "other", no confirmed cause, reopened, outside the range.
  await seedIncident({ occurredAt: "2017-05-02T00:00:00Z", confirmedCause: "other" });
  await seedIncident({ occurredAt: "2017-05-02T00:00:00Z", confirmedCause: null });
  await seedIncident({ occurredAt: "2017-05-02T00:00:00Z", status: "open" });
  await seedIncident({ occurredAt: "2017-04-30T23:59:59Z" });
  await seedIncident({ occurredAt: "2017-05-22T00:00:00Z" });
});

describe("diagnosis accuracy", () => {
  it("counts per week the incidents occurred, the first completed check run beating the classifier's cause at filing", async () => {
    const { weeks } = await diagnosisAccuracy(range(MAY));
    expect(weeks).toEqual([
      { week: "2017-05-01", n: 3, hits: 2, share: 0.667 },
      { week: "2017-05-08", n: 2, hits: 1, share: 0.5 },
      { week: "2017-05-15", n: 0, hits: 0, share: null },
    ]);
  });

  it("counts per confirmed cause, with no share where nothing was confirmed", async () => {
    const { causes } = await diagnosisAccuracy(range(MAY));
    expect(causes.filter((entry) => entry.n > 0)).toEqual([
      { cause: "account_auth", n: 2, hits: 1, share: 0.5 },
      { cause: "server_outage", n: 1, hits: 1, share: 1 },
      { cause: "rate_limited", n: 2, hits: 1, share: 0.5 },
    ]);
    expect(causes).toHaveLength(10);
    expect(causes.find((entry) => entry.cause === "app_version")).toEqual({
      cause: "app_version",
      n: 0,
      hits: 0,
      share: null,
    });
  });

  it("filters by environment", async () => {
    const { weeks } = await diagnosisAccuracy(range({ ...MAY, environment: "sandbox" }));
    expect(weeks.map(({ n, hits }) => [n, hits])).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it("gives n = 0 and no share for a range where nothing was confirmed", async () => {
    const { weeks, causes } = await diagnosisAccuracy(
      range({ from: "2017-01-02", to: "2017-01-08" }),
    );
    expect(weeks).toEqual([{ week: "2017-01-02", n: 0, hits: 0, share: null }]);
    expect(causes.every((entry) => entry.n === 0 && entry.share === null)).toBe(true);
  });
});

describe("the diagnosis accuracy roll-up", () => {
  it("follows resolves, reopens, check runs finishing late or deleted, and deleted incidents", async () => {
    const june = range({ from: "2017-06-05", to: "2017-06-11" });
    const week = async () => (await diagnosisAccuracy(june)).weeks[0]!;
    const open = await seedIncident({
      occurredAt: "2017-06-05T10:00:00Z",
      status: "open",
      confirmedCause: null,
      initialCause: "rate_limited",
    });
    const gone = await seedIncident({ occurredAt: "2017-06-06T10:00:00Z" });
    expect(await week()).toMatchObject({ n: 1, hits: 1 });

    // Resolved as account_auth: the classifier said rate_limited, a miss.
    await db.incident.updateMany({
      where: { id: open.id, status: "open" },
      data: { status: "resolved", resolvedAt: new Date(), confirmedCause: "account_auth" },
    });
    expect(await week()).toMatchObject({ n: 2, hits: 1 });
    // A check run started before resolving finishes after it, naming account_auth: now a hit.
    const run = await db.checkRun.create({
      data: { incidentId: open.id, status: "running", startedAt: new Date("2017-06-05T10:05:00Z") },
    });
    expect(await week()).toMatchObject({ n: 2, hits: 1 });
    await db.checkRun.update({
      where: { id: run.id },
      data: {
        status: "completed",
        ranking: JSON.stringify({ ranked: [{ cause: "account_auth", confidence: 0.8 }] }),
      },
    });
    expect(await week()).toMatchObject({ n: 2, hits: 2 });
    // A later run saying otherwise changes nothing; the first one gone, the later one counts.
    const later = await db.checkRun.create({
      data: {
        incidentId: open.id,
        status: "completed",
        startedAt: new Date("2017-06-05T11:00:00Z"),
        ranking: JSON.stringify({ ranked: [{ cause: "missing_scope", confidence: 0.8 }] }),
      },
    });
    expect(await week()).toMatchObject({ n: 2, hits: 2 });
    await db.checkRun.delete({ where: { id: run.id } });
    expect(await week()).toMatchObject({ n: 2, hits: 1 });
    await db.checkRun.delete({ where: { id: later.id } });

    // Reopened (the confirmed cause cleared or not), it no longer counts; deleted, neither.
    await db.incident.update({
      where: { id: open.id },
      data: { status: "open", resolvedAt: null },
    });
    await db.incident.delete({ where: { id: gone.id } });
    expect(await week()).toMatchObject({ n: 0, hits: 0, share: null });
  });

  it("equals a count of Incident and CheckRun themselves, across everything the tests wrote", async () => {
    // Counted here from the rows themselves, so the check reads the same on either database.
    const [incidents, rolledUp] = await db.$transaction(async (tx) => [
      await tx.incident.findMany({
        where: { status: "resolved", confirmedCause: { in: [...CAUSE_IDS] } },
        select: {
          environment: true,
          occurredAt: true,
          confirmedCause: true,
          initialCause: true,
          checkRuns: {
            where: { status: "completed" },
            orderBy: [{ startedAt: "asc" }, { id: "asc" }],
            take: 1,
            select: { ranking: true },
          },
        },
      }),
      await tx.$queryRaw<Array<Record<string, unknown>>>`
        SELECT environment, day, cause, n, hits FROM "IncidentAccuracyDay"
        WHERE n <> 0 OR hits <> 0`,
    ]);
    const days = new Map<
      string,
      { environment: string; day: string; cause: string; n: number; hits: number }
    >();
    for (const incident of incidents) {
      const day = incident.occurredAt.toISOString().slice(0, 10);
      const cause = incident.confirmedCause!;
      const key = `${incident.environment} ${day} ${cause}`;
      const entry = days.get(key) ?? {
        environment: incident.environment,
        day,
        cause,
        n: 0,
        hits: 0,
      };
      const firstRun = incident.checkRuns[0]?.ranking;
      const diagnosed = firstRun ? JSON.parse(firstRun).ranked?.[0]?.cause : incident.initialCause;
      entry.n += 1;
      entry.hits += diagnosed === cause ? 1 : 0;
      days.set(key, entry);
    }
    const counted = [...days.values()];
    expect(counted.length).toBeGreaterThan(0);
    expect(comparableRows(rolledUp)).toEqual(comparableRows(counted));
  });
});

describe("GET /api/v1/trends/diagnosis-accuracy.csv", () => {
  async function csv(chart: string) {
    const { token } = await createApiToken(
      { name: "accuracy-manager", role: "manager" },
      { kind: "system", label: "test" },
    );
    const response = await getTrendCsv(
      new Request(`http://pitstop.test/api/v1/trends/${chart}?from=${MAY.from}&to=${MAY.to}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({ chart }) },
    );
    expect(response.status).toBe(200);
    return (await response.text()).trim().split("\r\n");
  }

  it("answers the weeks with n, hits and share, an empty share for n = 0", async () => {
    expect(await csv("diagnosis-accuracy.csv")).toEqual([
      "week_start,confirmed,diagnosis_right,share_right",
      "2017-05-01,3,2,0.667",
      "2017-05-08,2,1,0.5",
      "2017-05-15,0,0,",
    ]);
  });

  it("answers every confirmed cause", async () => {
    const lines = await csv("diagnosis-accuracy-by-cause.csv");
    expect(lines).toHaveLength(11);
    expect(lines).toContain("account_auth,2,1,0.5");
    expect(lines).toContain("server_outage,1,1,1");
    expect(lines).toContain("app_version,0,0,");
  });
});

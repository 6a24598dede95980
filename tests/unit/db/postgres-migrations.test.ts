// PostgreSQL's migrations, deployed with prisma migrate deploy through the pg adapter into a
// scratch database beside the suite's own. Runs when PITSTOP_TEST_DATABASE_URL names PostgreSQL.
import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/db/kind";
import {
  committedMigrations,
  deployPendingPostgresMigrations,
  pendingPostgresMigrations,
} from "@/lib/db/migrations";
import { deployOrThrow, resetPostgresDatabase } from "@/tests/support/postgres-database";

const suiteUrl = process.env.PITSTOP_TEST_DATABASE_URL;

function scratchUrl(url: string) {
  const scratch = new URL(url);
  scratch.pathname = `${scratch.pathname}_migrations`;
  return scratch.toString();
}

describe.runIf(isPostgresUrl(suiteUrl))("PostgreSQL migrations", () => {
  let url: string;
  let client: pg.Client;

  beforeAll(async () => {
    url = scratchUrl(suiteUrl!);
    await resetPostgresDatabase(url);
    deployOrThrow(url);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  }, 120_000);
  afterAll(async () => client?.end());

  const incident = async (id: string, fields: Record<string, unknown> = {}) => {
    const row: Record<string, unknown> = {
      id,
      correlationId: `corr-${id}`,
      title: "Remote start never lands",
      environment: "prod",
      tenant: "acme",
      errorString: "timeout",
      signature: "timeout",
      occurredAt: "2026-12-01 10:00:00",
      severity: "sev2",
      reporterLabel: "test",
      updatedAt: "2026-12-01 10:00:00",
      ...fields,
    };
    const columns = Object.keys(row);
    await client.query(
      `INSERT INTO "Incident" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      Object.values(row),
    );
  };
  const trendDays = async () =>
    (
      await client.query(
        `SELECT "day", "cause", "opened", "resolved", "resolveMs"::int AS "resolveMs" FROM "IncidentTrendDay"
         WHERE "opened" <> 0 OR "resolved" <> 0 ORDER BY "day", "cause"`,
      )
    ).rows;

  it("applies every committed migration and records it in Prisma's own table", async () => {
    const committed = readdirSync("prisma/postgresql/migrations", { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const { rows } = await client.query(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(committed);
    expect(() => deployOrThrow(url)).not.toThrow();
  });

  it("finds every migration pending on an empty database and none once deployed, when deploying is skipped", async () => {
    const empty = scratchUrl(`${suiteUrl!}_empty`);
    await resetPostgresDatabase(empty);
    expect(await pendingPostgresMigrations(empty)).toEqual(
      committedMigrations("prisma/postgresql/migrations"),
    );
    expect(await pendingPostgresMigrations(url)).toEqual([]);
    expect(await deployPendingPostgresMigrations(url)).toEqual({ ok: true, applied: [] });
  });

  it("counts a migration that failed half-way as pending, since migrate deploy stops on it", async () => {
    const [last] = committedMigrations("prisma/postgresql/migrations").slice(-1);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ('failed-try', 'x', $1, now(), 0)`,
      [last],
    );
    try {
      expect(await pendingPostgresMigrations(url)).toEqual([last]);
    } finally {
      await client.query(`DELETE FROM _prisma_migrations WHERE id = 'failed-try'`);
    }
  });

  it("keeps the trend roll-up in step with inserts, resolutions, confirmed causes and deletes", async () => {
    await client.query(`DELETE FROM "Incident"`);
    await incident("trend-1", { likelyCause: "rate_limited" });
    expect(await trendDays()).toEqual([
      { day: "2026-12-01", cause: "rate_limited", opened: 1, resolved: 0, resolveMs: 0 },
    ]);
    await client.query(
      `UPDATE "Incident" SET "resolvedAt" = '2026-12-02 10:00:01.5', "status" = 'resolved', "confirmedCause" = 'server_outage' WHERE "id" = 'trend-1'`,
    );
    expect(await trendDays()).toEqual([
      { day: "2026-12-01", cause: "server_outage", opened: 1, resolved: 0, resolveMs: 0 },
      { day: "2026-12-02", cause: "server_outage", opened: 0, resolved: 1, resolveMs: 86_401_500 },
    ]);
    await client.query(`DELETE FROM "Incident" WHERE "id" = 'trend-1'`);
    expect(await trendDays()).toEqual([]);
  });

  it("keeps an incident's first completed check cause and the accuracy roll-up from it", async () => {
    await client.query(`DELETE FROM "Incident"`);
    await incident("acc-1", { initialCause: "app_version" });
    const ranking = (cause: string) => JSON.stringify({ ranked: [{ cause, confidence: 0.9 }] });
    await client.query(
      `INSERT INTO "CheckRun" ("id", "incidentId", "status", "startedAt", "ranking") VALUES
       ('run-2', 'acc-1', 'completed', '2026-12-01 10:05:00', $1),
       ('run-1', 'acc-1', 'completed', '2026-12-01 10:01:00', $2)`,
      [ranking("server_outage"), ranking("rate_limited")],
    );
    const first = await client.query(
      `SELECT "firstCheckCause" FROM "Incident" WHERE "id" = 'acc-1'`,
    );
    expect(first.rows[0].firstCheckCause).toBe("rate_limited");

    await client.query(
      `UPDATE "Incident" SET "status" = 'resolved', "confirmedCause" = 'rate_limited' WHERE "id" = 'acc-1'`,
    );
    const accuracy = async () =>
      (await client.query(`SELECT "cause", "n", "hits" FROM "IncidentAccuracyDay" WHERE "n" <> 0`))
        .rows;
    expect(await accuracy()).toEqual([{ cause: "rate_limited", n: 1, hits: 1 }]);
    await client.query(`DELETE FROM "CheckRun" WHERE "id" = 'run-1'`);
    expect(await accuracy()).toEqual([{ cause: "rate_limited", n: 1, hits: 0 }]);
  });
});

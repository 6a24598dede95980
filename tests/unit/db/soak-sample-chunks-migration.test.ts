// The migration that moved soak samples from a row each into chunks: samples stored before it
// come out of the chunks as they went in, in order, run by run. Each database's migrations are
// applied file by file up to that one, old-style rows are written, then the migration runs.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/db/kind";
import { sqliteTime } from "@/lib/db/sqlite-time";
import { SAMPLES_PER_CHUNK, unpackSamples } from "@/lib/load/sample-chunk";
import type { SoakSampleRecord } from "@/lib/load/types";
import { resetPostgresDatabase } from "@/tests/support/postgres-database";

const MIGRATION = "20261203173000_soak_sample_chunks";

/** Each migration's SQL in order, split at MIGRATION: what came before it, and it. */
function migrationsAround(directory: string): { before: string[]; chunks: string } {
  const names = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const read = (name: string) => readFileSync(path.join(directory, name, "migration.sql"), "utf8");
  return {
    before: names.filter((name) => name < MIGRATION).map(read),
    chunks: read(MIGRATION),
  };
}

const START = Date.parse("2026-12-01T10:00:00.000Z");
/** What a run of `count` samples recorded, with every field's kinds of value among them. */
function recorded(count: number): SoakSampleRecord[] {
  return Array.from({ length: count }, (_, n) => ({
    sentAt: START + n * 7,
    second: Math.floor((n * 7) / 1000),
    step: n % 3,
    attempt: 1 + (n % 2),
    status: n % 11 === 0 ? 0 : 200,
    latencyMs: 12.5 + n / 8,
    correlationId: n % 5 === 0 ? "" : `corr-${n}`,
    rateLimitRemaining: n % 4 === 0 ? null : 1000 - n,
    retryAfterS: n % 9 === 0 ? 1.5 : null,
    rateLimitReset: n % 6 === 0 ? null : 1,
    errorKind: n % 11 === 0 ? "timeout" : null,
  }));
}

const RUNS = { long: recorded(2 * SAMPLES_PER_CHUNK + 3), short: recorded(4) };
const SAMPLE_COLUMNS = [
  "runId",
  "sentAt",
  "second",
  "step",
  "attempt",
  "status",
  "latencyMs",
  "correlationId",
  "rateLimitRemaining",
  "retryAfterS",
  "rateLimitReset",
  "errorKind",
];
const sampleRow = (runId: string, s: SoakSampleRecord, sentAt: string) => [
  runId,
  sentAt,
  s.second,
  s.step,
  s.attempt,
  s.status,
  s.latencyMs,
  s.correlationId || null,
  s.rateLimitRemaining,
  s.retryAfterS,
  s.rateLimitReset,
  s.errorKind,
];

type ChunkRow = { id: number; runId: string; count: number; samples: string };
function expectCarriedOver(chunks: ChunkRow[]) {
  for (const [runId, samples] of Object.entries(RUNS)) {
    const own = chunks.filter((chunk) => chunk.runId === runId);
    expect(own.map((chunk) => chunk.count)).toEqual(
      samples.length > SAMPLES_PER_CHUNK ? [SAMPLES_PER_CHUNK, SAMPLES_PER_CHUNK, 3] : [4],
    );
    expect(own.flatMap((chunk) => unpackSamples(chunk.id, chunk.samples))).toEqual(samples);
  }
}

describe("the migration into soak sample chunks", () => {
  it("carries every stored sample over in order on SQLite", async () => {
    const { before, chunks } = migrationsAround("prisma/migrations");
    const file = path.join(await mkdtemp(path.join(tmpdir(), "pitstop-chunks-")), "old.db");
    const database = new Database(file);
    try {
      for (const sql of before) database.exec(sql);
      const insertRun = database.prepare(
        `INSERT INTO "SoakRun" (id, name, environment, "targetUrl", schedule, "durationS", status)
         VALUES (?, 'old run', 'sandbox', 'http://127.0.0.1:4010/sandbox/v1/account', '{}', 60, 'completed')`,
      );
      const insertSample = database.prepare(
        `INSERT INTO "SoakSample" (${SAMPLE_COLUMNS.map((c) => `"${c}"`).join(", ")})
         VALUES (${SAMPLE_COLUMNS.map(() => "?").join(", ")})`,
      );
      for (const [runId, samples] of Object.entries(RUNS)) {
        insertRun.run(runId);
        for (const s of samples)
          insertSample.run(...sampleRow(runId, s, sqliteTime(new Date(s.sentAt))));
      }
      database.exec(chunks);
      expectCarriedOver(
        database.prepare(`SELECT * FROM "SoakSampleChunk" ORDER BY id`).all() as ChunkRow[],
      );
      expect(
        database.prepare(`SELECT name FROM sqlite_master WHERE name = 'SoakSample'`).get(),
      ).toBeUndefined();
    } finally {
      database.close();
    }
  });

  const suiteUrl = process.env.PITSTOP_TEST_DATABASE_URL;
  describe.runIf(isPostgresUrl(suiteUrl))("on PostgreSQL", () => {
    let client: pg.Client | undefined;
    afterAll(async () => client?.end());

    it("carries every stored sample over in order", async () => {
      const url = new URL(suiteUrl!);
      url.pathname = `${url.pathname}_chunks`;
      await resetPostgresDatabase(url.toString());
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const { before, chunks } = migrationsAround("prisma/postgresql/migrations");
      for (const sql of before) await client.query(sql);
      for (const [runId, samples] of Object.entries(RUNS)) {
        await client.query(
          `INSERT INTO "SoakRun" (id, name, environment, "targetUrl", schedule, "durationS", status)
           VALUES ($1, 'old run', 'sandbox', 'http://127.0.0.1:4010/sandbox/v1/account', '{}', 60, 'completed')`,
          [runId],
        );
        for (const s of samples)
          await client.query(
            `INSERT INTO "SoakSample" (${SAMPLE_COLUMNS.map((c) => `"${c}"`).join(", ")})
             VALUES (${SAMPLE_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`,
            sampleRow(runId, s, new Date(s.sentAt).toISOString().replace("Z", "")),
          );
      }
      await client.query(chunks);
      expectCarriedOver(
        (await client.query<ChunkRow>(`SELECT * FROM "SoakSampleChunk" ORDER BY id`)).rows,
      );
      expect((await client.query(`SELECT to_regclass('"SoakSample"') AS t`)).rows[0].t).toBeNull();
    }, 120_000);
  });
});

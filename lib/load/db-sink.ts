import "server-only";
// The soak runner's sink in the app and the CLI: each batch lands in the database in one
// transaction, so a crash leaves whole batches or nothing, never half of one.
import { db, Prisma } from "@/lib/db/client";
import { columnList, onConflictUpdate } from "@/lib/db/dialect";
import { packSamples, SAMPLES_PER_CHUNK } from "./sample-chunk";
import type { SecondStats, SoakSampleRecord, SoakSink } from "./types";

const SECOND_ROWS_PER_UPSERT = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

const SECOND_COLUMNS = [
  "runId",
  "second",
  "step",
  "targetRate",
  "sent",
  "completed",
  "ok",
  "status429",
  "status5xx",
  "errors",
  "p50Ms",
  "p95Ms",
  "p99Ms",
  "maxMs",
];

/**
 * One batch from the runner, atomically: its samples (packed, SAMPLES_PER_CHUNK to a row) and
 * its seconds (upserts: a later batch may carry a fuller view of a second already written). The
 * event loop gets a turn between statements so the runner's arrivals stay on schedule while a
 * big batch lands.
 */
async function writeSoakBatch(
  runId: string,
  batch: { samples: readonly SoakSampleRecord[]; seconds: readonly SecondStats[] },
): Promise<void> {
  if (batch.samples.length === 0 && batch.seconds.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const chunk of chunks(batch.samples, SAMPLES_PER_CHUNK)) {
      await tx.soakSampleChunk.create({
        data: { runId, count: chunk.length, samples: packSamples(chunk) },
        select: { id: true },
      });
      await yieldToEventLoop();
    }
    for (const chunk of chunks(batch.seconds, SECOND_ROWS_PER_UPSERT)) {
      const rows = chunk.map(
        (s) =>
          Prisma.sql`(${runId}, ${s.second}, ${s.step}, ${s.targetRate}, ${s.sent}, ${s.completed}, ${s.ok}, ${s.status429}, ${s.status5xx}, ${s.errors}, ${s.p50Ms}, ${s.p95Ms}, ${s.p99Ms}, ${s.maxMs})`,
      );
      await tx.$executeRaw`INSERT INTO "SoakSecond" (${columnList(SECOND_COLUMNS)})
        VALUES ${Prisma.join(rows)}
        ${onConflictUpdate(["runId", "second"], SECOND_COLUMNS)}`;
      await yieldToEventLoop();
    }
  });
}

export type SoakBatch = Parameters<SoakSink["write"]>[0];

/** Writes a run's batches; counts what it wrote so a caller can report progress. */
export class DbSoakSink implements SoakSink {
  samplesWritten = 0;
  lastSecond = -1;

  constructor(readonly runId: string) {}

  async write(batch: SoakBatch): Promise<void> {
    await writeSoakBatch(this.runId, batch);
    this.samplesWritten += batch.samples.length;
    for (const second of batch.seconds) this.lastSecond = Math.max(this.lastSecond, second.second);
  }
}

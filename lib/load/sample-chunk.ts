// How a soak run's samples are stored: up to SAMPLES_PER_CHUNK to a row (SoakSampleChunk), as a
// JSON array holding one array per sample with its fields in a fixed order. The runner writes
// thousands of samples a second from its own event loop, and a row per sample (a dozen columns,
// an index entry each) cost it a quarter of its throughput; one JSON text per 500 samples costs
// it almost nothing. Samples are only ever read back a run at a time, in the order written.
import { z } from "zod";
import { SOAK_ERROR_KINDS, type SoakSampleRecord } from "./types";

export const SAMPLES_PER_CHUNK = 500;

/** One sample as stored. The migration that moved samples into chunks writes this order too. */
type PackedSample = [
  sentAt: number,
  second: number,
  step: number,
  attempt: number,
  status: number,
  latencyMs: number,
  correlationId: string | null,
  rateLimitRemaining: number | null,
  retryAfterS: number | null,
  rateLimitReset: number | null,
  errorKind: string | null,
];

export function packSamples(samples: readonly SoakSampleRecord[]): string {
  return JSON.stringify(
    samples.map((s): PackedSample => [
      s.sentAt,
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
    ]),
  );
}

const count = z.number().int();
const packedSampleSchema = z
  .tuple([
    z.number(),
    count,
    count,
    count,
    count,
    z.number(),
    z.string().nullable(),
    count.nullable(),
    z.number().nullable(),
    count.nullable(),
    // An error kind this version does not know reads as none rather than failing the read.
    z.enum(SOAK_ERROR_KINDS).nullable().catch(null),
  ])
  .transform(
    ([
      sentAt,
      second,
      step,
      attempt,
      status,
      latencyMs,
      correlationId,
      rateLimitRemaining,
      retryAfterS,
      rateLimitReset,
      errorKind,
    ]): SoakSampleRecord => ({
      sentAt,
      second,
      step,
      attempt,
      status,
      latencyMs,
      correlationId: correlationId ?? "",
      rateLimitRemaining,
      retryAfterS,
      rateLimitReset,
      errorKind,
    }),
  );
const packedChunkSchema = z.array(packedSampleSchema);

/** A stored chunk's samples; a row that is not one (hand-edited, truncated) says which it is. */
export function unpackSamples(chunkId: number, packed: string): SoakSampleRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(packed);
  } catch {
    throw new Error(`soak sample chunk ${chunkId} is not valid JSON`);
  }
  const samples = packedChunkSchema.safeParse(parsed);
  if (!samples.success)
    throw new Error(
      `soak sample chunk ${chunkId} holds a malformed sample: ${z.prettifyError(samples.error)}`,
    );
  return samples.data;
}

import "server-only";
// A soak run's downloads: every response as CSV, streamed from the database a page at a time
// (a run may hold two million samples), and the summary with the plan as JSON.
import { SAMPLE_CHUNKS_PER_PAGE, soakSamplePages, type SoakRunRecord } from "./store";
import type { SoakSampleRecord } from "./types";

export const SOAK_CSV_COLUMNS = [
  "sent_at",
  "step",
  "attempt",
  "status",
  "latency_ms",
  "correlation_id",
  "rate_limit_remaining",
  "retry_after_s",
  "rate_limit_reset",
  "error_kind",
] as const;

const NEEDS_QUOTES = /[",\r\n]/;
// A cell starting like a formula runs as one in a spreadsheet; the correlation id is the
// vendor's text, so it is defused (OWASP's advice: a leading apostrophe).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function soakSampleCsvLine(sample: SoakSampleRecord): string {
  return [
    new Date(sample.sentAt).toISOString(),
    sample.step,
    sample.attempt,
    sample.status,
    Math.round(sample.latencyMs * 1000) / 1000,
    sample.correlationId,
    sample.rateLimitRemaining,
    sample.retryAfterS,
    sample.rateLimitReset,
    sample.errorKind,
  ]
    .map(csvField)
    .join(",");
}

/**
 * The run's samples as CSV. Pull-based: the next page is read only when the reader has taken the
 * previous one, so memory holds one page however large the run and however slow the client.
 */
export function soakSamplesCsv(
  runId: string,
  chunksPerPage = SAMPLE_CHUNKS_PER_PAGE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = soakSamplePages(runId, chunksPerPage);
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`${SOAK_CSV_COLUMNS.join(",")}\r\n`));
          return;
        }
        const page = await pages.next();
        if (page.done) controller.close();
        else
          controller.enqueue(
            encoder.encode(page.value.map((sample) => `${soakSampleCsvLine(sample)}\r\n`).join("")),
          );
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** summary.json: what was asked (credentials as hints only), what happened, and the summary. */
export function soakSummaryDocument(run: SoakRunRecord) {
  return {
    run: {
      id: run.id,
      name: run.name,
      status: run.status,
      origin: run.origin,
      createdBy: run.createdByLabel,
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      failureReason: run.failureReason,
    },
    plan: run.plan,
    summary: run.summary,
  };
}

/** A download's file name; built from the id alone so nothing user-typed reaches the header. */
export const soakExportFileName = (
  run: Pick<SoakRunRecord, "id">,
  kind: "samples.csv" | "summary.json",
) => `soak-${run.id}-${kind}`;

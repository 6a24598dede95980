// A webhook's delivery log: one row per event sent, with each attempt under it.
import { SimpleTable } from "./simple-table";
import { utcSeconds } from "@/lib/format/time";
import type { WebhookDeliveryRecord } from "@/lib/webhooks/store";

const DELIVERY_STYLES: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200",
  failed: "bg-red-700 text-white",
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${DELIVERY_STYLES[status] ?? ""}`}
    >
      {status}
    </span>
  );
}

export type DeliveryRow = Omit<WebhookDeliveryRecord, "payload">;

const outcome = (statusCode: number | null, error: string | null) =>
  error ?? (statusCode === null ? "—" : `HTTP ${statusCode}`);

export function WebhookDeliveries({ rows }: { rows: DeliveryRow[] }) {
  return (
    <SimpleTable
      caption="Deliveries"
      columns={["Event", "Status", "Attempts", "Last answer", "Queued", "Finished or next try"]}
      rows={rows.map((row) => [
        <span key="event" className="font-mono">
          {row.event}
        </span>,
        <DeliveryStatusBadge key="status" status={row.status} />,
        <div key="attempts">
          {row.attempts}
          {row.attemptLog.length ? (
            <ol
              aria-label={`Attempts of ${row.event} delivery`}
              className="mt-1 space-y-0.5 text-xs"
            >
              {row.attemptLog.map((attempt) => (
                <li key={attempt.attempt}>
                  #{attempt.attempt} {utcSeconds(attempt.at)}:{" "}
                  {outcome(attempt.statusCode, attempt.error)} ({attempt.durationMs} ms)
                </li>
              ))}
            </ol>
          ) : null}
        </div>,
        <span key="last" className="break-all">
          {outcome(row.lastStatus, row.lastError)}
        </span>,
        utcSeconds(row.createdAt),
        row.finishedAt
          ? utcSeconds(row.finishedAt)
          : row.nextAttemptAt
            ? `next try ${utcSeconds(row.nextAttemptAt)}`
            : "—",
      ])}
    />
  );
}

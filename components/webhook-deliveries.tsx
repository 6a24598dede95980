// A webhook's delivery log: one row per event sent, with each attempt under it.
import { SimpleTable } from "./simple-table";

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

/** UTC to the second, as the rest of the console shows times. */
export const utcTime = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export type DeliveryRow = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  attemptLog: {
    attempt: number;
    at: Date;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
};

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
                  #{attempt.attempt} {utcTime(attempt.at)}:{" "}
                  {outcome(attempt.statusCode, attempt.error)} ({attempt.durationMs} ms)
                </li>
              ))}
            </ol>
          ) : null}
        </div>,
        <span key="last" className="break-all">
          {outcome(row.lastStatus, row.lastError)}
        </span>,
        utcTime(row.createdAt),
        row.finishedAt
          ? utcTime(row.finishedAt)
          : row.nextAttemptAt
            ? `next try ${utcTime(row.nextAttemptAt)}`
            : "—",
      ])}
    />
  );
}

import Link from "next/link";
import { SeverityBadge, StatusBadge } from "./badges";
import type { IncidentListRow } from "@/lib/incidents/store";
import { RelativeTime } from "./relative-time";
import { SortHeader } from "./sort-header";

type Props = {
  rows: IncidentListRow[];
  sort: string;
  dir: "asc" | "desc";
  sortHref: (column: string) => string;
  signatureHref: (signature: string) => string;
  /** The render's clock, for relative times. */
  now: Date;
};

export function IncidentTable({ rows, sort, dir, sortHref, signatureHref, now }: Props) {
  const header = (column: string, label: string) => (
    <SortHeader label={label} active={sort === column} dir={dir} href={sortHref(column)} />
  );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Incidents</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            {header("occurredAt", "Occurred")}
            {header("severity", "Severity")}
            {header("status", "Status")}
            {header("title", "Title")}
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Owner
            </th>
            {header("tenant", "Tenant")}
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Env
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              HTTP
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Signature group
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/60">
              <td className="px-3 py-2 whitespace-nowrap">
                <RelativeTime date={row.occurredAt} now={now} />
              </td>
              <td className="px-3 py-2">
                <SeverityBadge severity={row.severity} />
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-3 py-2">
                <Link
                  href={`/incidents/${row.id}`}
                  className="font-medium text-blue-700 hover:underline dark:text-blue-400"
                >
                  {row.title}
                </Link>
                <div className="font-mono text-xs text-slate-500 dark:text-slate-400">
                  {row.correlationId}
                </div>
              </td>
              <td className="px-3 py-2">
                {row.ownerName ?? (
                  <span className="text-slate-500 dark:text-slate-400">Unowned</span>
                )}
              </td>
              <td className="px-3 py-2">{row.tenant}</td>
              <td className="px-3 py-2">{row.environment}</td>
              <td className="px-3 py-2 tabular-nums">{row.httpStatus ?? "—"}</td>
              <td className="max-w-md px-3 py-2">
                <Link
                  href={signatureHref(row.signature)}
                  className="block truncate font-mono text-xs hover:underline"
                  title={row.signature}
                >
                  ×{row.groupSize} {row.signature}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

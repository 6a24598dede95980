import Link from "next/link";
import { SeverityBadge } from "./badges";
import type { SignatureGroupRow } from "@/lib/incidents/store";
import { SortHeader } from "./sort-header";

type Props = {
  rows: SignatureGroupRow[];
  sort: string;
  dir: "asc" | "desc";
  sortHref: (column: string) => string;
  groupHref: (signature: string) => string;
};

const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

export function SignatureGroupTable({ rows, sort, dir, sortHref, groupHref }: Props) {
  const header = (column: string, label: string) => (
    <SortHeader label={label} active={sort === column} dir={dir} href={sortHref(column)} />
  );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Incidents grouped by signature</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            {header("count", "Count")}
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Unresolved
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Worst
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Signature
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Tenants
            </th>
            {header("firstSeen", "First seen (UTC)")}
            {header("lastSeen", "Last seen (UTC)")}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.signature}>
              <td className="px-3 py-2 font-semibold tabular-nums">
                {row.count.toLocaleString("en")}
              </td>
              <td className="px-3 py-2 tabular-nums">{row.unresolved.toLocaleString("en")}</td>
              <td className="px-3 py-2">
                <SeverityBadge severity={row.worstSeverity} />
              </td>
              <td className="max-w-xl px-3 py-2">
                <Link
                  href={groupHref(row.signature)}
                  className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-400"
                >
                  {row.signature}
                </Link>
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  Latest: {row.latestTitle}
                </div>
              </td>
              <td className="px-3 py-2 tabular-nums">{row.tenants}</td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{when(row.firstSeen)}</td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{when(row.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type ChangeRow = {
  id: string;
  occurredAt: Date;
  kindLabel: string;
  sourceLabel: string;
  source: string;
  environment: string;
  tenant: string | null;
  summary: string;
  details: string | null;
  createdBy: string | null;
};

export function ChangeTable({ rows }: { rows: ChangeRow[] }) {
  const th = "px-3 py-2 text-left font-medium";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Changes</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            <th scope="col" className={th}>
              Occurred (UTC)
            </th>
            <th scope="col" className={th}>
              Kind
            </th>
            <th scope="col" className={th}>
              Env
            </th>
            <th scope="col" className={th}>
              Tenant
            </th>
            <th scope="col" className={th}>
              Summary
            </th>
            <th scope="col" className={th}>
              Source
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                {row.occurredAt.toISOString().slice(0, 16).replace("T", " ")}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{row.kindLabel}</td>
              <td className="px-3 py-2">{row.environment}</td>
              <td className="px-3 py-2">
                {row.tenant ?? (
                  <span className="text-slate-500 dark:text-slate-400">all tenants</span>
                )}
              </td>
              <td className="max-w-xl px-3 py-2">
                {row.summary}
                {row.details ? (
                  <div
                    className="truncate font-mono text-xs text-slate-500 dark:text-slate-400"
                    title={row.details}
                  >
                    {row.details}
                  </div>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {row.sourceLabel}
                {row.createdBy ? (
                  <div className="text-xs text-slate-500 dark:text-slate-400">
                    {row.source === "vendor_audit" ? "imported" : "recorded"} by {row.createdBy}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

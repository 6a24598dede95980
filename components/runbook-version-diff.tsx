import type { VersionField } from "@/lib/runbooks/version-diff";

/** What changed between two versions, field by field; unchanged fields are left out. */
export function RunbookVersionDiff({
  from,
  to,
  fields,
  title = `Changes from version ${from} to version ${to}`,
}: {
  from: number;
  to: number;
  fields: VersionField[];
  title?: string;
}) {
  const changed = fields.filter((field) => field.before !== field.after);
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">{title}</h3>
      {changed.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No field changed.</p>
      ) : (
        <table className="min-w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-3 font-medium">
                Field
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Version {from}
              </th>
              <th scope="col" className="py-1 font-medium">
                Version {to}
              </th>
            </tr>
          </thead>
          <tbody className="align-top">
            {changed.map((field) => (
              <tr key={field.label} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  {field.label}
                </th>
                <td className="py-1 pr-3">
                  <del className="whitespace-pre-wrap break-words bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200">
                    {field.before || "—"}
                  </del>
                </td>
                <td className="py-1">
                  <ins className="whitespace-pre-wrap break-words bg-emerald-50 text-emerald-900 no-underline dark:bg-emerald-950 dark:text-emerald-200">
                    {field.after || "—"}
                  </ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

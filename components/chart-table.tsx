// A chart's numbers as a real table behind a "Table" disclosure: what a screen reader reads and
// what an on-caller copies, for the trend and latency charts alike.
export type ChartTableCell = string | number | null;

const heading = (column: string) => {
  const words = column.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function ChartTable({
  title,
  columns,
  rows,
  note,
}: {
  title: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly ChartTableCell[]>;
  /** Said above the table, e.g. that it holds only the newest rows. */
  note?: string;
}) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium">Table</summary>
      {note ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{note}</p> : null}
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className="px-2 py-1 text-left font-medium">
                  {heading(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column} className="px-2 py-1 tabular-nums">
                    {cell ?? "–"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

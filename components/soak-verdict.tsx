// Whether a soak run passed, in words, apart from how it ended; and its answers by status,
// so a run where every request got 401 reads as the failure it is.
import type { SoakVerdict } from "@/lib/load/verdict";
import type { SoakSummary } from "@/lib/load/types";

const VERDICT_STYLES = {
  passed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200",
  failed: "bg-red-700 text-white",
} as const;

/** The verdict as a badge; a dash while the run has none. */
export function SoakVerdictBadge({ verdict }: { verdict: SoakVerdict | null }) {
  if (!verdict) return <span className="text-slate-400">—</span>;
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${VERDICT_STYLES[verdict.verdict]}`}
    >
      {verdict.verdict === "passed" ? "Passed" : "Failed"}
    </span>
  );
}

export function SoakVerdictPanel({ verdict }: { verdict: SoakVerdict | null }) {
  return (
    <section
      aria-labelledby="verdict-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="verdict-heading" className="mb-2 font-semibold">
        Verdict
      </h2>
      {verdict ? (
        <>
          <SoakVerdictBadge verdict={verdict} />
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {verdict.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No verdict until the run ends.</p>
      )}
    </section>
  );
}

type StatusRow = { label: string; count: number; tone: string };

const TONES = {
  ok: "bg-emerald-600",
  client: "bg-amber-500",
  limited: "bg-violet-600",
  server: "bg-red-700",
  transport: "bg-slate-500",
} as const;

/** 2xx, each 4xx code, 429, 5xx and every kind of missing answer, largest first. */
function statusRows(summary: SoakSummary): StatusRow[] {
  const rows: StatusRow[] = [];
  let ok = 0;
  let server = 0;
  for (const [code, count] of Object.entries(summary.statusCounts ?? {})) {
    const status = Number(code);
    if (status >= 200 && status < 300) ok += count;
    else if (status >= 500) server += count;
    else
      rows.push({
        label: status === 429 ? "429 (rate limited)" : String(status),
        count,
        tone: status === 429 ? TONES.limited : TONES.client,
      });
  }
  if (ok) rows.push({ label: "2xx", count: ok, tone: TONES.ok });
  if (server) rows.push({ label: "5xx", count: server, tone: TONES.server });
  for (const [kind, count] of Object.entries(summary.errorKinds))
    if (count) rows.push({ label: `no answer: ${kind}`, count, tone: TONES.transport });
  return rows.sort((a, b) => b.count - a.count);
}

export function SoakStatusTable({ summary }: { summary: SoakSummary }) {
  const rows = statusRows(summary);
  const total = Math.max(1, summary.totals.completed);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Responses by status</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Count
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Share
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => {
            const share = row.count / total;
            return (
              <tr key={row.label}>
                <td className="px-3 py-2">{row.label}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {row.count.toLocaleString("en")}
                </td>
                <td className="px-3 py-2">
                  <div className="flex items-center gap-2">
                    <div className="h-2 w-40 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
                      <div
                        className={`h-2 rounded ${row.tone}`}
                        style={{ width: `${Math.max(1, share * 100)}%` }}
                      />
                    </div>
                    <span className="tabular-nums">
                      {(share * 100).toLocaleString("en", { maximumFractionDigits: 1 })} %
                    </span>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

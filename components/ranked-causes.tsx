import type { RankedCause } from "@/lib/diagnosis/rank-causes";

export function RankedCauses({ ranked }: { ranked: RankedCause[] }) {
  return (
    <ol aria-label="Ranked causes" className="space-y-3">
      {ranked.slice(0, 5).map((entry, index) => (
        <li
          key={entry.cause}
          className="rounded-md border border-slate-200 p-3 dark:border-slate-700"
        >
          <div className="flex items-baseline justify-between gap-2">
            <p className="font-medium">
              {index + 1}. {entry.label}{" "}
              <span className="font-mono text-xs text-slate-500 dark:text-slate-400">
                {entry.cause}
              </span>
            </p>
            <p className="tabular-nums" aria-label={`confidence ${entry.cause}`}>
              {(entry.confidence * 100).toFixed(0)}%
            </p>
          </div>
          <div className="mt-1 h-1.5 rounded bg-slate-200 dark:bg-slate-700">
            <div
              className="h-1.5 rounded bg-blue-600"
              style={{ width: `${Math.round(entry.confidence * 100)}%` }}
            />
          </div>
          {index < 2 ? (
            <>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {entry.evidence
                  .filter((item) => item.weight > 0)
                  .slice(0, 4)
                  .map((item, position) => (
                    <li key={position}>{item.why}</li>
                  ))}
              </ul>
              <p className="mt-2 text-sm font-medium">Fix, cheapest and safest first</p>
              <ol className="list-decimal pl-5 text-sm">
                {entry.remediation.map((step, position) => (
                  <li key={position}>
                    <span className="text-xs uppercase text-slate-500 dark:text-slate-400">
                      {step.kind}
                    </span>{" "}
                    {step.text}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

import type { TimelineEntry } from "@/lib/changes/timeline";

/** Changes before an incident, nearest first; the incident's own tenant's changes stand out. */
export function ChangeTimeline({ entries, tenant }: { entries: TimelineEntry[]; tenant: string }) {
  return (
    <ol
      className="relative space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700"
      aria-label="Changes before the incident, nearest first"
    >
      {entries.map((entry) => {
        const own = entry.scope === "tenant";
        return (
          <li
            key={entry.id}
            className={`rounded-md border p-3 text-sm ${own ? "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}
          >
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <span className="font-semibold tabular-nums">{entry.timeBefore}</span>
              <span className="font-medium">{entry.kindLabel}</span>
              <span
                className={`rounded px-1.5 py-0.5 text-xs ${own ? "bg-amber-200 text-amber-950 dark:bg-amber-800 dark:text-amber-50" : "bg-slate-100 dark:bg-slate-800"}`}
              >
                {own ? `tenant ${tenant}` : "environment-wide"}
              </span>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {entry.sourceLabel}
              </span>
              <time
                dateTime={entry.occurredAt}
                className="ml-auto text-xs text-slate-500 dark:text-slate-400 tabular-nums"
              >
                {entry.occurredAt.slice(0, 19).replace("T", " ")} UTC
              </time>
            </div>
            <p className="mt-1">{entry.summary}</p>
            {entry.details ? (
              <p
                className="mt-1 truncate font-mono text-xs text-slate-500 dark:text-slate-400"
                title={entry.details}
              >
                {entry.details}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

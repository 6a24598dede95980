import Link from "next/link";

export type RunbookSuggestionItem = {
  entryId: string;
  title: string;
  causeLabel: string;
  matchLabel: string;
  fixApplied: string;
  strongest: boolean;
};

/** Approved runbook entries that match an incident, best first, each saying how well it matches. */
export function RunbookSuggestions({ items }: { items: RunbookSuggestionItem[] }) {
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="runbook-suggestions-heading"
      className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950"
    >
      <h2 id="runbook-suggestions-heading" className="mb-2 font-semibold">
        Runbook entries that match
      </h2>
      <ol className="space-y-2">
        {items.map((item) => (
          <li key={item.entryId} className="text-sm">
            <Link
              href={`/runbooks/${item.entryId}`}
              className="font-medium text-blue-700 hover:underline dark:text-blue-400"
            >
              {item.title}
            </Link>{" "}
            <span
              className={`ml-1 rounded px-1.5 py-0.5 text-xs font-medium ${item.strongest ? "bg-emerald-700 text-white" : "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100"}`}
            >
              {item.matchLabel}
            </span>{" "}
            <span className="text-slate-600 dark:text-slate-400">· {item.causeLabel}</span>
            <p className="mt-0.5 line-clamp-2 text-slate-700 dark:text-slate-300">
              {item.fixApplied}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const STYLES: Record<string, string> = {
  pending: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  running: "bg-blue-100 text-blue-900 dark:bg-blue-900/50 dark:text-blue-200",
  // Neutral: having run its schedule says nothing of whether it passed (the verdict does).
  completed: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  cancelled: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200",
  interrupted: "bg-orange-100 text-orange-900 dark:bg-orange-900/50 dark:text-orange-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-200",
};

export function SoakStatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status] ?? ""}`}
    >
      {status}
    </span>
  );
}

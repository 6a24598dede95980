import { RUNBOOK_STATUS_LABELS, type RunbookStatus } from "@/lib/runbooks/schema";

const STYLES: Record<RunbookStatus, string> = {
  draft: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200",
  changes_requested: "bg-orange-100 text-orange-900 dark:bg-orange-900/50 dark:text-orange-200",
  approved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200",
  rejected: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-200",
};

export function RunbookStatusBadge({ status }: { status: RunbookStatus }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status]}`}
    >
      {RUNBOOK_STATUS_LABELS[status]}
    </span>
  );
}

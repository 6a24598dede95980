import type { UserStatus } from "@/lib/users/schema";

const STYLES: Record<UserStatus, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-200",
  invited: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-200",
  disabled: "bg-slate-300 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status]}`}>
      {status}
    </span>
  );
}

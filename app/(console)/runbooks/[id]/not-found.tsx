import Link from "next/link";

export default function RunbookEntryNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 p-8 text-center dark:border-slate-800">
      <h1 className="text-lg font-semibold">Runbook entry not found</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        It may have been written in another Pitstop, or the link is wrong.
      </p>
      <Link
        href="/runbooks"
        className="mt-3 inline-block text-sm text-blue-700 underline dark:text-blue-400"
      >
        Back to runbooks
      </Link>
    </div>
  );
}

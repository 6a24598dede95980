import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RunbookStatusBadge } from "@/components/runbook-status-badge";
import { SimpleTable } from "@/components/simple-table";
import { inputClass } from "@/components/text-field";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import { searchParamsToObject } from "@/lib/incidents/list-query";
import {
  RUNBOOK_STATUSES,
  RUNBOOK_STATUS_LABELS,
  runbookListQuerySchema,
} from "@/lib/runbooks/schema";
import { listRunbookEntries } from "@/lib/runbooks/search";

export const metadata: Metadata = { title: "Runbooks" };

export default async function RunbooksPage({ searchParams }: PageProps<"/runbooks">) {
  const user = await requirePermission("runbook.read");
  const parsed = runbookListQuerySchema.safeParse(searchParamsToObject(await searchParams));
  const query = parsed.success ? parsed.data : {};
  const entries = await listRunbookEntries(query);
  const searching = Boolean(query.q || query.signature || query.status);
  const label = "block text-xs font-medium text-slate-600 dark:text-slate-400";
  return (
    <>
      <PageHeader
        title="Runbooks"
        actions={
          can(user, "runbook.draft") ? (
            <Link
              href="/runbooks/new"
              className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
            >
              New entry
            </Link>
          ) : null
        }
      >
        What the team learned: how each failure was reproduced and fixed.
      </PageHeader>

      {!parsed.success ? (
        <p
          role="alert"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          The search was ignored: {parsed.error.issues.map((issue) => issue.message).join("; ")}.
        </p>
      ) : null}

      <form
        // Uncontrolled inputs keep what they showed across client navigations (Clear, Back):
        // a new key per URL remounts the form so it always shows what the URL says.
        key={JSON.stringify(query)}
        role="search"
        aria-label="Search runbooks"
        method="get"
        className="no-print mb-4 flex flex-wrap items-end gap-3"
      >
        <label className={`${label} min-w-64 flex-1`}>
          Search approved entries
          <input
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder="error text, fix, title, signature, case number"
            className={inputClass}
          />
        </label>
        <label className={label}>
          Status
          <select name="status" defaultValue={query.status ?? ""} className={inputClass}>
            <option value="">Any</option>
            {RUNBOOK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {RUNBOOK_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        {query.signature ? <input type="hidden" name="signature" value={query.signature} /> : null}
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-3 py-2 text-sm text-white dark:bg-slate-100 dark:text-slate-900"
        >
          Search
        </button>
        <Link href="/runbooks" className="py-2 text-sm underline">
          Clear
        </Link>
      </form>

      {query.signature ? (
        <p className="mb-3 text-sm">
          Approved with signature{" "}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{query.signature}</code>
        </p>
      ) : null}

      {entries.length === 0 ? (
        <EmptyState title={searching ? "No runbook entries match" : "No runbook entries yet"}>
          {searching
            ? "Search covers the approved text of each entry."
            : "Entries drafted by SREs and reviewed by support leads appear here."}
        </EmptyState>
      ) : (
        <SimpleTable
          caption="Runbook entries"
          columns={["Title", "Status", "Cause", "Version", "Author", "Updated (UTC)"]}
          rows={entries.map((entry) => [
            <Link
              key="t"
              href={`/runbooks/${entry.id}`}
              className="text-blue-700 hover:underline dark:text-blue-400"
            >
              {entry.title}
            </Link>,
            <RunbookStatusBadge key="s" status={entry.status} />,
            CAUSE_LABELS[entry.causeId] ?? entry.causeId,
            entry.approvedVersion && entry.approvedVersion !== entry.currentVersion
              ? `v${entry.currentVersion} (v${entry.approvedVersion} approved)`
              : `v${entry.currentVersion}`,
            entry.authorName ?? "—",
            entry.updatedAt.toISOString().slice(0, 16).replace("T", " "),
          ])}
        />
      )}
    </>
  );
}

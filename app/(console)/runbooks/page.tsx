import type { Metadata } from "next";
import { StatusBadge } from "@/components/badges";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Refusal } from "@/components/refusal";
import { SimpleTable } from "@/components/simple-table";
import { can } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listRunbookEntries } from "@/lib/runbooks/store";

export const metadata: Metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  const user = await requireUser();
  if (!can(user, "runbook.read")) return <Refusal what="read runbooks" role={ROLE_LABELS[user.role]} />;
  const entries = await listRunbookEntries();
  return (
    <>
      <PageHeader title="Runbooks">What the team learned: how each failure was reproduced and fixed.</PageHeader>
      {entries.length === 0 ? (
        <EmptyState title="No runbook entries yet">Entries drafted by SREs and reviewed by support leads appear here.</EmptyState>
      ) : (
        <SimpleTable
          caption="Runbook entries"
          columns={["Title", "Status", "Cause", "Author", "Updated (UTC)"]}
          rows={entries.map((entry) => [
            entry.title,
            <StatusBadge key="s" status={entry.status} />,
            entry.causeId,
            entry.author?.name ?? "—",
            entry.updatedAt.toISOString().slice(0, 16).replace("T", " "),
          ])}
        />
      )}
    </>
  );
}

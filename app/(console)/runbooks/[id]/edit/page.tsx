import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { RunbookForm } from "@/components/runbook-form";
import { requirePermission } from "@/lib/auth/session";
import { CAUSE_IDS, CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import { runbookFormValues } from "@/lib/runbooks/form-values";
import { draftOf, getRunbookEntry, shownVersion } from "@/lib/runbooks/store";
import { transition } from "@/lib/runbooks/workflow";
import { reviseRunbookAction } from "../../actions";

export const metadata: Metadata = { title: "Edit runbook entry" };

const CAUSES = CAUSE_IDS.map((id) => ({ id, label: CAUSE_LABELS[id] }));

export default async function EditRunbookPage({ params }: PageProps<"/runbooks/[id]/edit">) {
  const user = await requirePermission("runbook.draft");
  const { id } = await params;
  const entry = await getRunbookEntry(id);
  if (!entry) notFound();
  const move = transition(user, entry.status, "edit");
  const current = shownVersion(entry, entry.currentVersion)!;
  return (
    <div className="max-w-4xl">
      <PageHeader title={`Edit: ${entry.title}`}>
        Saving makes version {entry.currentVersion + 1}.
        {entry.approvedVersion
          ? ` Version ${entry.approvedVersion} stays the approved one until the new version is approved.`
          : ""}
      </PageHeader>
      {move.ok ? (
        <RunbookForm
          action={reviseRunbookAction.bind(null, id, entry.currentVersion)}
          initialValues={runbookFormValues(draftOf(current))}
          causes={CAUSES}
          submitLabel="Save new version"
        />
      ) : (
        <p
          role="alert"
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {move.message}
        </p>
      )}
    </div>
  );
}

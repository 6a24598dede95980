import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { RunbookForm } from "@/components/runbook-form";
import { requirePermission } from "@/lib/auth/session";
import { CAUSE_IDS, CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";
import { runbookFormValues } from "@/lib/runbooks/form-values";
import { runbookDraftFromIncident } from "@/lib/runbooks/store";
import { createRunbookAction } from "../actions";

export const metadata: Metadata = { title: "New runbook entry" };

const CAUSES = CAUSE_IDS.map((id) => ({ id, label: CAUSE_LABELS[id] }));

export default async function NewRunbookPage({ searchParams }: PageProps<"/runbooks/new">) {
  await requirePermission("runbook.draft");
  const { incident } = await searchParams;
  const incidentId = typeof incident === "string" && incident.length <= 100 ? incident : null;
  const prefill = incidentId ? await runbookDraftFromIncident(incidentId) : null;
  return (
    <div className="max-w-4xl">
      <PageHeader title="New runbook entry">
        {prefill ? (
          <>
            Drafted from{" "}
            <Link href={`/incidents/${prefill.incidentId}`} className="underline">
              incident {prefill.title}
            </Link>
            : check the cause, then say what fixed it.
          </>
        ) : (
          "What the next on-caller needs to reproduce and fix this failure."
        )}
      </PageHeader>
      {incidentId && !prefill ? (
        <p
          role="alert"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          Incident {incidentId} was not found; starting from scratch.
        </p>
      ) : null}
      <RunbookForm
        action={createRunbookAction}
        initialValues={runbookFormValues(prefill ?? {})}
        causes={CAUSES}
        submitLabel="Save draft"
      />
    </div>
  );
}

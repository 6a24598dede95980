import type { Metadata } from "next";
import { IncidentForm } from "@/components/incident-form";
import { PageHeader } from "@/components/page-header";
import { Refusal } from "@/components/refusal";
import { can } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { blankIncidentFormValues } from "@/lib/incidents/form-values";
import { createIncidentAction } from "../actions";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const user = await requireUser();
  if (!can(user, "incident.write"))
    return <Refusal what="file incidents" role={ROLE_LABELS[user.role]} />;
  return (
    <div className="max-w-4xl">
      <PageHeader title="New incident">
        Record the failing call as the app or alert saw it.
      </PageHeader>
      <IncidentForm
        action={createIncidentAction}
        initialValues={blankIncidentFormValues(new Date())}
        submitLabel="Create incident"
      />
    </div>
  );
}

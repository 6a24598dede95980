import type { Metadata } from "next";
import { IncidentForm } from "@/components/incident-form";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { vendorConnectionOptions } from "@/lib/vendors/store";
import { blankIncidentFormValues } from "@/lib/incidents/form-values";
import { createIncidentAction } from "../actions";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  await requirePermission("incident.write");
  return (
    <div className="max-w-4xl">
      <PageHeader title="New incident">
        Record the failing call as the app or alert saw it.
      </PageHeader>
      <IncidentForm
        action={createIncidentAction}
        initialValues={blankIncidentFormValues(new Date())}
        vendorConnections={await vendorConnectionOptions()}
        submitLabel="Create incident"
      />
    </div>
  );
}

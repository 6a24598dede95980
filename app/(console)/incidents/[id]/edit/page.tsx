import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentForm } from "@/components/incident-form";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { vendorConnectionOptions } from "@/lib/vendors/store";
import { incidentFormValues } from "@/lib/incidents/form-values";
import { getIncident } from "@/lib/incidents/store";
import { updateIncidentAction } from "../../actions";

export const metadata: Metadata = { title: "Edit incident" };

export default async function EditIncidentPage({ params }: PageProps<"/incidents/[id]/edit">) {
  await requirePermission("incident.write");
  const { id } = await params;
  const incident = await getIncident(id);
  if (!incident) notFound();
  return (
    <div className="max-w-4xl">
      <PageHeader title={`Edit: ${incident.title}`} />
      <IncidentForm
        action={updateIncidentAction.bind(null, id)}
        initialValues={incidentFormValues(incident)}
        vendorConnections={await vendorConnectionOptions()}
        submitLabel="Save changes"
        showStatus
      />
    </div>
  );
}

import type { Metadata } from "next";
import { ChangeForm } from "@/components/change-form";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { CHANGE_KIND_LABELS } from "@/lib/changes/schema";
import { recordChangeAction } from "../actions";

export const metadata: Metadata = { title: "Record a change" };

export default async function NewChangePage() {
  await requirePermission("change.write");
  const kinds = Object.entries(CHANGE_KIND_LABELS).map(([value, label]) => ({ value, label }));
  return (
    <div className="max-w-4xl">
      <PageHeader title="Record a change">
        What changed, where and when, so an incident after it can point at it.
      </PageHeader>
      <ChangeForm
        action={recordChangeAction}
        kinds={kinds}
        initialValues={{
          kind: "sdk_bump",
          environment: "prod",
          occurredAt: new Date().toISOString().slice(0, 19),
        }}
      />
    </div>
  );
}

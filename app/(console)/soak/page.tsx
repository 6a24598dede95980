import type { Metadata } from "next";
import { StatusBadge } from "@/components/badges";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Refusal } from "@/components/refusal";
import { SimpleTable } from "@/components/simple-table";
import { can } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listSoakRuns } from "@/lib/load/store";

export const metadata: Metadata = { title: "Soak tests" };

export default async function SoakPage() {
  const user = await requireUser();
  if (!can(user, "soak.read")) return <Refusal what="read soak tests" role={ROLE_LABELS[user.role]} />;
  const runs = await listSoakRuns();
  return (
    <>
      <PageHeader title="Soak tests">Bounded load runs against the vendor API that find its safe request rate.</PageHeader>
      {runs.length === 0 ? (
        <EmptyState title="No soak runs yet" />
      ) : (
        <SimpleTable
          caption="Soak runs"
          columns={["Name", "Status", "Environment", "Target", "Duration", "Created (UTC)"]}
          rows={runs.map((run) => [
            run.name,
            <StatusBadge key="s" status={run.status} />,
            run.environment,
            <code key="t">{run.targetUrl}</code>,
            `${run.durationS} s`,
            run.createdAt.toISOString().slice(0, 16).replace("T", " "),
          ])}
        />
      )}
    </>
  );
}

import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Refusal } from "@/components/refusal";
import { SimpleTable } from "@/components/simple-table";
import { can } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { weeklyIncidentCounts } from "@/lib/trends/store";

export const metadata: Metadata = { title: "Trends" };

const WEEKS_SHOWN = 12;

export default async function TrendsPage() {
  const user = await requireUser();
  if (!can(user, "trends.read")) return <Refusal what="read trends" role={ROLE_LABELS[user.role]} />;
  const weeks = await weeklyIncidentCounts(WEEKS_SHOWN);
  return (
    <>
      <PageHeader title="Trends">Incidents filed per week over the last {WEEKS_SHOWN} weeks.</PageHeader>
      {weeks.length === 0 ? (
        <EmptyState title={`No incidents in the last ${WEEKS_SHOWN} weeks`} />
      ) : (
        <SimpleTable
          caption="Incidents per week"
          columns={["Week of (Monday, UTC)", "Filed", "Resolved since"]}
          rows={weeks.map((week) => [week.weekStart, week.filed, week.resolved])}
        />
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SimpleTable } from "@/components/simple-table";
import { SoakStatusBadge } from "@/components/soak-status-badge";
import { SoakVerdictBadge } from "@/components/soak-verdict";
import { soakVerdict } from "@/lib/load/verdict";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { describeBreakpoint, describeSchedule } from "@/lib/load/run-series";
import { sweepInterruptedSoakRuns } from "@/lib/load/service";
import { listSoakRuns } from "@/lib/load/store";

export const metadata: Metadata = { title: "Soak tests" };

const utc = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

export default async function SoakPage() {
  const user = await requirePermission("soak.read");
  await sweepInterruptedSoakRuns();
  const runs = await listSoakRuns();
  return (
    <>
      <PageHeader
        title="Soak tests"
        actions={
          can(user, "soak.run") ? (
            <Link
              href="/soak/new"
              className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
            >
              New soak run
            </Link>
          ) : null
        }
      >
        Bounded load runs against the vendor API that find its safe request rate.
      </PageHeader>
      {runs.length === 0 ? (
        <EmptyState title="No soak runs yet" />
      ) : (
        <SimpleTable
          caption="Soak runs"
          columns={[
            "Name",
            "Status",
            "Verdict",
            "Schedule",
            "Breakpoint",
            "Environment",
            "Target",
            "Created (UTC)",
          ]}
          rows={runs.map((run) => [
            <Link
              key="n"
              href={`/soak/${run.id}`}
              className="font-medium text-blue-700 hover:underline dark:text-blue-400"
            >
              {run.name}
            </Link>,
            <SoakStatusBadge key="s" status={run.status} />,
            <SoakVerdictBadge key="v" verdict={soakVerdict(run.plan, run.status, run.summary)} />,
            `${describeSchedule(run.plan.schedule)} for ${run.durationS} s`,
            describeBreakpoint(run.summary?.breakpoint) ?? (
              <span className="text-slate-400">—</span>
            ),
            run.environment,
            <code key="t" className="break-all">
              {run.targetUrl}
            </code>,
            `${utc(run.createdAt)}${run.origin === "cli" ? " · CLI" : ""}`,
          ])}
        />
      )}
    </>
  );
}

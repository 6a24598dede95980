import type { Metadata } from "next";
import { ActionError } from "@/components/action-error";
import { AutoRefresh } from "@/components/auto-refresh";
import { FaultInjectForm } from "@/components/fault-inject-form";
import { FaultTable } from "@/components/fault-table";
import { PageHeader } from "@/components/page-header";
import { SimulatorResetForm } from "@/components/simulator-reset-form";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { faultForm } from "@/lib/fault-board/form";
import { listFaults } from "@/lib/fault-board/service";
import { simulatorHealth } from "@/lib/telematics/simulator-status";
import { clearFaultAction, injectFaultAction, resetSimulatorAction } from "./actions";

export const metadata: Metadata = { title: "Simulator" };
export const dynamic = "force-dynamic";

const DONE: Record<string, string> = {
  cleared: "Fault cleared.",
  reset: "The simulator is back to its seeded state, with no faults.",
};
const heading = "mb-3 text-lg font-semibold";

export default async function SimulatorPage({ searchParams }: PageProps<"/simulator">) {
  const user = await requirePermission("simulator.read");
  const control = can(user, "simulator.control");
  const { error, done } = await searchParams;
  const [health, faults] = await Promise.all([simulatorHealth(), listFaults()]);
  return (
    <>
      <PageHeader title="Simulator">
        The simulated telematics vendor that checks and soak tests run against, and its fault board
        for drills.
      </PageHeader>
      <p
        role="status"
        className={`mb-6 rounded-md p-3 text-sm ${health.reachable ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
      >
        {health.reachable ? "Simulator is up" : "Simulator is not reachable"}: {health.detail}
      </p>
      <AutoRefresh everyMs={15_000} />
      <section id="fault-board" aria-labelledby="faults-heading" className="mb-8">
        <h2 id="faults-heading" className={heading}>
          Fault board
        </h2>
        <ActionError error={error} />
        {typeof done === "string" && DONE[done] ? (
          <p
            role="status"
            className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-800 dark:bg-green-950 dark:text-green-200"
          >
            {DONE[done]}
          </p>
        ) : null}
        {faults.ok ? (
          <FaultTable faults={faults.data} clear={control ? clearFaultAction : undefined} />
        ) : (
          <p
            role="alert"
            className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          >
            The fault board cannot be read: {faults.message}
          </p>
        )}
        {control ? null : (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            Read-only: injecting, clearing and resetting are for admins.
          </p>
        )}
      </section>
      {control ? (
        <>
          <section aria-labelledby="inject-heading" className="mb-8">
            <h2 id="inject-heading" className={heading}>
              Inject a fault
            </h2>
            <FaultInjectForm action={injectFaultAction} form={faultForm()} />
          </section>
          <section aria-labelledby="reset-heading">
            <h2 id="reset-heading" className={heading}>
              Reset
            </h2>
            <SimulatorResetForm action={resetSimulatorAction} />
          </section>
        </>
      ) : null}
    </>
  );
}

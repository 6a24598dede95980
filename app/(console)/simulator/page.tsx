import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { simulatorHealth } from "@/lib/telematics/simulator-status";

export const metadata: Metadata = { title: "Simulator" };
export const dynamic = "force-dynamic";

export default async function SimulatorPage() {
  await requirePermission("simulator.read");
  const health = await simulatorHealth();
  return (
    <>
      <PageHeader title="Simulator">
        The simulated telematics vendor that checks and soak tests run against.
      </PageHeader>
      <p
        role="status"
        className={`rounded-md p-3 text-sm ${health.reachable ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
      >
        {health.reachable ? "Simulator is up" : "Simulator is not reachable"}: {health.detail}
      </p>
    </>
  );
}

import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { SoakForm } from "@/components/soak-form";
import { requirePermission } from "@/lib/auth/session";
import { blankSoakFormValues } from "@/lib/load/form-values";
import { SOAK_LIMITS } from "@/lib/load/plan";
import { simulatorBaseUrl } from "@/lib/telematics/simulator-status";
import { createSoakRunAction } from "../actions";

export const metadata: Metadata = { title: "New soak run" };

export default async function NewSoakRunPage() {
  await requirePermission("soak.run");
  const target = new URL("/sandbox/v1/account", simulatorBaseUrl()).toString();
  return (
    <div className="max-w-4xl">
      <PageHeader title="New soak run">
        Open-model load against a loopback endpoint: requests go out on schedule whatever the
        answers, so latency includes any queueing.
      </PageHeader>
      <SoakForm
        action={createSoakRunAction}
        initialValues={blankSoakFormValues(target)}
        limits={{ maxDurationS: SOAK_LIMITS.maxDurationS, maxRate: SOAK_LIMITS.maxRate }}
      />
    </div>
  );
}

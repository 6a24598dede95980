"use server";
import { revalidatePath } from "next/cache";
import type { ProbeConfigFormState } from "@/components/probe-config-form";
import { formActionInput, withSession } from "@/lib/auth/action";
import {
  parseProbeConfigForm,
  probeConfigFormValues,
  submittedProbeConfigValues,
} from "@/lib/probes/config";
import { saveProbeConfig } from "@/lib/probes/config-store";

export const saveProbeConfigAction = withSession(
  async (user, _state, form): Promise<ProbeConfigFormState> => {
    const parsed = parseProbeConfigForm(form);
    if (!parsed.ok) return { values: submittedProbeConfigValues(form), errors: parsed.errors };
    await saveProbeConfig(user, parsed.config);
    revalidatePath("/probes");
    return { values: probeConfigFormValues(parsed.config), saved: true };
  },
  { action: "probe.configure", input: formActionInput },
);

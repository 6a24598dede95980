"use server";
import { revalidatePath } from "next/cache";
import type { ProbeConfigFormState } from "@/components/probe-config-form";
import { assertSameOrigin } from "@/lib/auth/origin";
import { authorize } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import {
  parseProbeConfigForm,
  probeConfigFormValues,
  submittedProbeConfigValues,
} from "@/lib/probes/config";
import { saveProbeConfig } from "@/lib/probes/config-store";

export async function saveProbeConfigAction(
  _state: ProbeConfigFormState,
  form: FormData,
): Promise<ProbeConfigFormState> {
  const user = await requireUser();
  await assertSameOrigin();
  authorize(user, "probe.configure");
  const parsed = parseProbeConfigForm(form);
  if (!parsed.ok) return { values: submittedProbeConfigValues(form), errors: parsed.errors };
  await saveProbeConfig(user, parsed.config);
  revalidatePath("/probes");
  return { values: probeConfigFormValues(parsed.config), saved: true };
}

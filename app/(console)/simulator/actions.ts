"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FaultInjectFormState } from "@/components/fault-inject-form";
import { formActionInput, formDataInput, formInput, idInput, withSession } from "@/lib/auth/action";
import { faultFormErrors, faultInputFromForm, submittedFaultValues } from "@/lib/fault-board/form";
import { faultRequestSchema, resetSimulatorRequestSchema } from "@/lib/fault-board/schema";
import { clearFault, injectFault, resetSimulator } from "@/lib/fault-board/service";

const BOARD = "/simulator";
const refusedOnBoard = (message: string) =>
  `${BOARD}?error=${encodeURIComponent(message)}#fault-board`;

export const injectFaultAction = withSession(
  async (user, _state, form): Promise<FaultInjectFormState> => {
    const values = submittedFaultValues(form);
    const input = faultRequestSchema.safeParse(faultInputFromForm(form));
    if (!input.success) return { values, errors: faultFormErrors(input.error) };
    const injected = await injectFault({ actor: user, input: input.data });
    if (!injected.ok) return { values, message: injected.message };
    revalidatePath(BOARD);
    return {
      values: {},
      injected: `Injected ${injected.data.kind} in ${injected.data.environment} for ${injected.data.remainingS} s.`,
    };
  },
  { action: "simulator.control", input: formActionInput },
);

export const clearFaultAction = withSession(
  async (user, id): Promise<void> => {
    const cleared = await clearFault({ actor: user, id });
    if (!cleared.ok) redirect(refusedOnBoard(cleared.message));
    revalidatePath(BOARD);
    redirect(`${BOARD}?done=cleared`);
  },
  {
    action: "simulator.control",
    // The button's form is sent too; it carries nothing the action reads.
    input: z.tuple([idInput("id"), formDataInput]),
    refusedAt: () => BOARD,
  },
);

export const resetSimulatorAction = withSession(
  async (user): Promise<void> => {
    const reset = await resetSimulator({ actor: user });
    if (!reset.ok) redirect(refusedOnBoard(reset.message));
    revalidatePath(BOARD);
    redirect(`${BOARD}?done=reset`);
  },
  {
    action: "simulator.control",
    input: z.tuple([
      formInput(resetSimulatorRequestSchema, (form) => ({ confirm: form.get("confirm") === "on" })),
    ]),
    refusedAt: () => BOARD,
  },
);

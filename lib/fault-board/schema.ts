// The fault board's boundaries: what Pitstop sends the simulator (its own faultInputSchema, so
// the two cannot disagree), what it reads back (the simulator's answers are outside input too),
// and the confirmation a reset needs. Dependency-free of the database.
import { z } from "zod";
import { FAULT_FACES, FAULT_KINDS, faultInputSchema, type FaultKind } from "@/lib/simulator/faults";
import { ENVIRONMENTS } from "@/lib/simulator/fleet";
import { optionalText } from "@/lib/validation/text";

export { FAULT_KINDS, type FaultKind };

// The note is free text like any other: checked as Pitstop checks text, then by the simulator's rules.
const noteSchema = optionalText("note", 500)
  .transform((note) => note ?? undefined)
  .optional();

/** One fault to inject, as the form and the API take it. */
export const faultRequestSchema = z.looseObject({ note: noteSchema }).pipe(faultInputSchema);
export type FaultRequest = z.output<typeof faultRequestSchema>;

/** A reset forgets every fault and the simulator's state: the caller says so explicitly. */
export const resetSimulatorRequestSchema = z.object({
  confirm: z.literal(true, { error: "confirm must be true to reset the simulator" }),
});

/** A fault as the simulator answers it. */
export const simulatorFaultSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(FAULT_KINDS as [FaultKind, ...FaultKind[]]),
  environment: z.enum(ENVIRONMENTS),
  /** Absent: the fault touches both of the simulator's faces. */
  face: z.enum(FAULT_FACES).optional(),
  target: z.object({
    tenant: z.string().optional(),
    account: z.string().optional(),
    vin: z.string().optional(),
  }),
  params: z.record(z.string(), z.unknown()),
  durationS: z.number(),
  note: z.string().optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
});
export type SimulatorFault = z.infer<typeof simulatorFaultSchema>;
export const simulatorFaultListSchema = z.object({ faults: z.array(simulatorFaultSchema) });
export const simulatorResetSchema = z.object({ reset: z.literal(true) });

/** A fault on the board: as the simulator has it, with its time left and who injected it. */
export type BoardFault = SimulatorFault & {
  state: "active" | "scheduled";
  remainingS: number;
  /** The Pitstop user or token that injected it; null when it came from elsewhere. */
  injectedBy: string | null;
};

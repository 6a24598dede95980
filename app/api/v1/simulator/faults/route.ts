import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { simulatorRefusal } from "@/lib/fault-board/responses";
import { faultRequestSchema, FAULT_KINDS } from "@/lib/fault-board/schema";
import { injectFault, listFaults } from "@/lib/fault-board/service";

const MAX_BODY_BYTES = 8 * 1024;

/** The simulator's active and scheduled faults, with who injected each from Pitstop. */
export async function GET(request: Request) {
  const guard = await guardApi(request, "simulator.read");
  if (!guard.ok) return guard.response;
  const faults = await listFaults();
  if (!faults.ok) return simulatorRefusal(faults);
  return NextResponse.json({ items: faults.data, kinds: FAULT_KINDS });
}

/** Injects one fault (checked with the simulator's own schema first); 201 with it. */
export async function POST(request: Request) {
  const guard = await guardApi(request, "simulator.control");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = faultRequestSchema.safeParse(body.body);
  if (!input.success) return validationError(input.error);
  const injected = await injectFault({ actor: guard.caller.actor, input: input.data });
  if (!injected.ok) return simulatorRefusal(injected);
  return NextResponse.json(
    { ...injected.data, maskedSecrets: injected.maskedSecrets },
    { status: 201, headers: { location: `/api/v1/simulator/faults/${injected.data.id}` } },
  );
}

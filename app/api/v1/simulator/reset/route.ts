import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { readJsonBody, validationError } from "@/lib/api/responses";
import { simulatorRefusal } from "@/lib/fault-board/responses";
import { resetSimulatorRequestSchema } from "@/lib/fault-board/schema";
import { resetSimulator } from "@/lib/fault-board/service";

const MAX_BODY_BYTES = 1024;

/** Returns the simulator to its seeded state; the body must say `{"confirm": true}`. */
export async function POST(request: Request) {
  const guard = await guardApi(request, "simulator.control");
  if (!guard.ok) return guard.response;
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const confirmed = resetSimulatorRequestSchema.safeParse(body.body);
  if (!confirmed.success) return validationError(confirmed.error);
  const reset = await resetSimulator({ actor: guard.caller.actor });
  if (!reset.ok) return simulatorRefusal(reset, "The simulator's reset");
  return NextResponse.json(reset.data);
}

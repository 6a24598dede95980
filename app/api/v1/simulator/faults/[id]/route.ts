import { NextResponse } from "next/server";
import { idInput } from "@/lib/auth/action";
import { guardApi } from "@/lib/api/guard";
import { validationError } from "@/lib/api/responses";
import { simulatorRefusal } from "@/lib/fault-board/responses";
import { clearFault } from "@/lib/fault-board/service";

/** Clears one fault now; 200 with the fault as it ended. */
export async function DELETE(
  request: Request,
  { params }: RouteContext<"/api/v1/simulator/faults/[id]">,
) {
  const guard = await guardApi(request, "simulator.control");
  if (!guard.ok) return guard.response;
  const id = idInput("id").safeParse((await params).id);
  if (!id.success) return validationError(id.error);
  const cleared = await clearFault({ actor: guard.caller.actor, id: id.data });
  if (!cleared.ok) return simulatorRefusal(cleared, `Fault ${id.data}`);
  return NextResponse.json(cleared.data);
}

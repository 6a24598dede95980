// The fault board's refusals as /api/v1 answers: a simulator that does not answer is the
// gateway's problem (503), one that answers nonsense is a bad gateway (502); never a 500.
import { apiError, notFound } from "@/lib/api/responses";
import type { SimulatorRefusal } from "./service";

export function simulatorRefusal(refusal: SimulatorRefusal, what = "Fault") {
  if (refusal.reason === "not_found") return notFound(what);
  return refusal.reason === "unreachable"
    ? apiError(503, "simulator_unreachable", refusal.message, undefined, { "retry-after": "5" })
    : apiError(502, "simulator_bad_answer", refusal.message);
}

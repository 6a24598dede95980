import "server-only";
// The first lines of every /api/v1 handler: who is calling, and may they do this?
import type { NextResponse } from "next/server";
import { can, type Action } from "@/lib/auth/policy";
import { apiCaller } from "@/lib/auth/request-actor";
import { forbidden, unauthorized } from "./responses";

type Allowed = Extract<Awaited<ReturnType<typeof apiCaller>>, { ok: true }>;

export async function guardApi(
  request: Request,
  action: Action,
): Promise<{ ok: true; caller: Allowed } | { ok: false; response: NextResponse }> {
  const caller = await apiCaller(request);
  if (!caller.ok) {
    return {
      ok: false,
      response:
        caller.reason === "cross_origin"
          ? forbidden("Writes with a session cookie must come from a Pitstop page (Origin header).")
          : unauthorized(),
    };
  }
  if (!can(caller.actor, action)) {
    return {
      ok: false,
      response: forbidden(`The ${caller.actor.role} role may not do this (${action}).`),
    };
  }
  return { ok: true, caller };
}

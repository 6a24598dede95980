import "server-only";
// The new-run form's convenience: a bearer token for a simulator account, minted through the
// simulator's admin API the way the diagnosis replays do, so an SRE need not sign in by hand.
import { z } from "zod";
import { vendorGateway } from "@/lib/diagnosis/diagnose";
import type { SoakPlan } from "./plan";

export const mintRequestSchema = z.object({
  tenant: z.string().trim().min(1, { error: "name the tenant to mint a token for" }).max(100),
  account: z
    .string()
    .trim()
    .min(1, { error: "name the account (id or email) to mint a token for" })
    .max(200),
});

/** A token for `account` as `tenant`'s app would hold it, with every scope the tenant may grant. */
export async function mintSimulatorToken(
  environment: SoakPlan["environment"],
  request: z.infer<typeof mintRequestSchema>,
): Promise<{ ok: true; token: string } | { ok: false; problem: string }> {
  const minted = await vendorGateway().mintToken(environment, request.tenant, request.account, []);
  return minted.ok
    ? { ok: true, token: minted.data.access_token }
    : { ok: false, problem: `The simulator did not mint a token: ${minted.problem}` };
}

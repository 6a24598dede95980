// Runs every check in parallel, each under its own timeout, cheapest first in the report. A
// check that throws or times out becomes an `error` result: it lowers certainty, never the run.
import type { CheckContext, CheckDefinition, CheckResult, SmartcarCheckContext } from "./check";
import { accountTokenCheck } from "./checks/account-token";
import { changeWindowCheck } from "./checks/change-window";
import { rateLimitCheck } from "./checks/rate-limit";
import { replayCheck } from "./checks/replay";
import { requestTraceCheck } from "./checks/request-trace";
import {
  connectivityCheck,
  regionCheck,
  subscriptionCheck,
  vehicleLinkCheck,
} from "./checks/vehicle";
import { vendorStatusCheck } from "./checks/vendor-status";
import { apiVersionCheck, appVersionCheck } from "./checks/versions";
import { SMARTCAR_CHECKS } from "./smartcar/checks";

export const CHECKS: readonly CheckDefinition[] = [
  vendorStatusCheck,
  requestTraceCheck,
  appVersionCheck,
  apiVersionCheck,
  rateLimitCheck,
  changeWindowCheck,
  subscriptionCheck,
  vehicleLinkCheck,
  connectivityCheck,
  regionCheck,
  accountTokenCheck,
  replayCheck,
].sort((a, b) => a.cost - b.cost);

export const CHECK_TIMEOUT_MS = 5_000;

async function runOne<Context>(
  check: CheckDefinition<Context>,
  context: Context,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const finding = await Promise.race([check.run(context), timeout]);
    return {
      ...finding,
      checkId: check.id,
      label: check.label,
      causes: check.causes,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      checkId: check.id,
      label: check.label,
      causes: check.causes,
      outcome: "error",
      summary: `The check failed: ${(error as Error).message}`,
      evidence: { error: (error as Error).message },
      signals: [],
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function runChecks(
  context: CheckContext | SmartcarCheckContext,
  options: { timeoutMs?: number; onResult?: (result: CheckResult) => void } = {},
): Promise<CheckResult[]> {
  // The incident's connection decides the set: a Smartcar context carries the Smartcar gateway.
  const checks = ("smartcar" in context ? SMARTCAR_CHECKS : CHECKS) as readonly CheckDefinition<
    typeof context
  >[];
  const results = await Promise.all(
    checks.map(async (check) => {
      const result = await runOne(check, context, options.timeoutMs ?? CHECK_TIMEOUT_MS);
      options.onResult?.(result);
      return result;
    }),
  );
  return results;
}

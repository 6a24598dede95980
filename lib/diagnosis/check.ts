// What a check is (DESIGN.md, "Diagnosis"): a small async function over the incident and the
// vendor gateway that returns an outcome, the evidence behind it, and how that evidence moves
// each cause. Checks never throw for vendor trouble: that is evidence too.
import type { SmartcarGateway } from "./smartcar/gateway";
import type { VendorGateway } from "./vendor-gateway";
import type { CauseId } from "./taxonomy";

export type CheckOutcome = "pass" | "fail" | "warn" | "skip" | "error";

/**
 * Evidence for (positive weight) or against (negative) a cause, in log-odds. `proves` marks
 * evidence that settles the cause on its own, such as the vendor's error code for this request.
 */
export type CauseSignal = { cause: CauseId; weight: number; why: string; proves?: boolean };

export type IncidentForChecks = {
  id: string;
  correlationId: string;
  environment: "sandbox" | "prod";
  tenant: string;
  vin: string | null;
  accountRef: string | null;
  sdkName: string | null;
  sdkVersion: string | null;
  apiVersion: string | null;
  appVersion: string | null;
  scopes: string[];
  errorString: string;
  httpStatus: number | null;
  occurredAt: Date;
};

export type CheckFinding = {
  outcome: CheckOutcome;
  summary: string;
  evidence: Record<string, unknown>;
  signals: CauseSignal[];
};

export type CheckResult = CheckFinding & {
  checkId: string;
  label: string;
  causes: readonly CauseId[];
  durationMs: number;
};

export type CheckContext = {
  incident: IncidentForChecks;
  vendor: VendorGateway;
  /** The SRE confirmed that calls which change the vehicle (remote commands) may be replayed. */
  replayWrites?: boolean;
};

/** The same, for an incident whose vendor connection is Smartcar: no simulator admin calls. */
export type SmartcarCheckContext = {
  incident: IncidentForChecks;
  smartcar: SmartcarGateway;
  replayWrites?: boolean;
};

export type CheckDefinition<Context = CheckContext> = {
  id: string;
  label: string;
  /** The tree leaves this check speaks to (where the UI hangs its evidence). */
  causes: readonly CauseId[];
  /** Relative cost: the tree orders checks cheapest first. */
  cost: number;
  run: (context: Context) => Promise<CheckFinding>;
};

export const skip = (summary: string): CheckFinding => ({
  outcome: "skip",
  summary,
  evidence: {},
  signals: [],
});

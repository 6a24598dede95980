// The checks for an incident through a Smartcar connection, on the same seven-branch tree as
// the simulator's: the same check ids where they answer the same question, so the incident page
// hangs their evidence on the same leaves. None calls the simulator's admin endpoints.
import type { CheckDefinition, SmartcarCheckContext } from "../../check";
import { smartcarChangeWindowCheck } from "../../checks/change-window";
import { smartcarAccountCheck, smartcarRateLimitCheck } from "./account";
import { smartcarReplayCheck } from "./replay";
import { smartcarRequestLogCheck } from "./request-log";
import {
  smartcarCompatibilityCheck,
  smartcarPermissionsCheck,
  smartcarReachabilityCheck,
  smartcarVehicleLinkCheck,
} from "./vehicle";

export const SMARTCAR_CHECKS: readonly CheckDefinition<SmartcarCheckContext>[] = [
  smartcarRequestLogCheck,
  smartcarChangeWindowCheck,
  smartcarAccountCheck,
  smartcarVehicleLinkCheck,
  smartcarCompatibilityCheck,
  smartcarRateLimitCheck,
  smartcarPermissionsCheck,
  smartcarReachabilityCheck,
  smartcarReplayCheck,
].sort((a, b) => a.cost - b.cost);

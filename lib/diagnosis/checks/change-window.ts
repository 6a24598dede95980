import "server-only";
// Changes in the 72 hours before the incident (SDK bumps, key rotations, scope changes,
// relinks, policy changes): suspects, most recent first.
import { changesBefore } from "@/lib/changes/store";
import { CHANGE_WINDOW_MS } from "@/lib/changes/timeline";
import type { CheckDefinition, IncidentForChecks, SmartcarCheckContext } from "../check";
import type { CauseId } from "../taxonomy";

const KIND_CAUSES: Record<string, CauseId> = {
  sdk_bump: "app_version",
  api_version_pin: "app_version",
  app_release: "app_version",
  key_rotation: "account_auth",
  token_regeneration: "account_auth",
  oauth_relink: "vehicle_not_linked",
  scope_change: "missing_scope",
  policy_change: "rate_limited",
  tenant_move: "account_auth",
};

// Reads only the incident and Pitstop's own change log, so it serves every vendor connection.
const changeWindow: CheckDefinition<{ incident: IncidentForChecks }> = {
  id: "change_window",
  label: "Changes in the 72 hours before",
  causes: ["app_version", "account_auth", "missing_scope", "vehicle_not_linked", "rate_limited"],
  cost: 1,
  async run({ incident }) {
    const changes = await changesBefore({
      environment: incident.environment,
      tenant: incident.tenant,
      at: incident.occurredAt,
      windowMs: CHANGE_WINDOW_MS,
      limit: 50,
    });
    const suspects = changes.map((change) => ({
      id: change.id,
      kind: change.kind,
      summary: change.summary,
      occurredAt: change.occurredAt.toISOString(),
      hoursBefore:
        Math.round((incident.occurredAt.getTime() - change.occurredAt.getTime()) / 360_000) / 10,
      suspectFor: KIND_CAUSES[change.kind] ?? null,
    }));
    if (suspects.length === 0)
      return {
        outcome: "pass",
        summary: "No recorded change in the 72 hours before.",
        evidence: { suspects },
        signals: [],
      };
    const signals = suspects
      .filter((suspect) => suspect.suspectFor)
      .slice(0, 3)
      .map((suspect) => ({
        cause: suspect.suspectFor!,
        weight: suspect.hoursBefore < 24 ? 1 : 0.5,
        why: `${suspect.kind.replace(/_/g, " ")} ${suspect.hoursBefore} h before: ${suspect.summary}`,
      }));
    return {
      outcome: "warn",
      summary: `${suspects.length} change(s) in the 72 hours before; most recent: ${suspects[0]!.summary}.`,
      evidence: { suspects },
      signals,
    };
  },
};

export const changeWindowCheck: CheckDefinition = changeWindow;
export const smartcarChangeWindowCheck: CheckDefinition<SmartcarCheckContext> = changeWindow;

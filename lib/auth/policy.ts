// The one place that decides who may do what. Pages, server actions and route handlers all
// ask `can` / `authorize`; hiding a button is a courtesy, never the control.
import type { Role } from "./roles";

export type Actor = {
  kind: "user" | "api_token";
  id: string;
  label: string;
  role: Role;
};

export const ACTIONS = [
  "incident.read",
  "incident.write",
  "incident.answer",
  "incident.note",
  "checks.run",
  "soak.read",
  "soak.run",
  "probe.read",
  "probe.configure",
  "change.read",
  "change.write",
  "runbook.read",
  "runbook.draft",
  "runbook.review",
  "trends.read",
  "export.read",
  "simulator.read",
  "simulator.control",
  "users.manage",
  "tokens.manage",
  "webhooks.manage",
  "vendors.manage",
  "audit.read",
] as const;
export type Action = (typeof ACTIONS)[number];

const READS: Action[] = [
  "incident.read",
  "soak.read",
  "probe.read",
  "change.read",
  "runbook.read",
  "trends.read",
  "export.read",
  "simulator.read",
];

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  sre: new Set<Action>([
    ...READS,
    "incident.write",
    "incident.answer",
    "incident.note",
    "checks.run",
    "soak.run",
    "probe.configure",
    "change.write",
    "runbook.draft",
  ]),
  // Support leads add notes to what has been tried; acknowledging, owning and resolving stay
  // with SREs and admins ("incident.write").
  support_lead: new Set<Action>([...READS, "incident.note", "runbook.review"]),
  manager: new Set<Action>(READS),
  admin: new Set<Action>(ACTIONS),
};

export function can(actor: Pick<Actor, "role"> | null | undefined, action: Action): boolean {
  return actor ? GRANTS[actor.role].has(action) : false;
}

export class ForbiddenError extends Error {
  constructor(readonly action: Action) {
    super(`Your role may not do this (${action}).`);
    this.name = "ForbiddenError";
  }
}

export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new ForbiddenError(action);
}

/** "public": anyone, signed in or not; "signed_in": any role, on their own account only. */
export type EntryAccess = Action | "public" | "signed_in";

/**
 * Every way into the app and what it needs: route handlers ("METHOD /path"), pages
 * ("page /path", route groups left out) and server actions ("action <file>#<export>").
 * The policy matrix test walks app/ and fails on any entry point missing here, then checks
 * that each role is refused or let in as this table and GRANTS say.
 */
export const ENTRY_POINTS: Readonly<Record<string, EntryAccess>> = {
  "GET /health": "public",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/incidents": "incident.read",
  "POST /api/v1/incidents": "incident.write",
  "POST /api/v1/incidents/batch": "incident.write",
  "GET /api/v1/incidents/[id]": "incident.read",
  "PATCH /api/v1/incidents/[id]": "incident.write",
  "POST /api/v1/incidents/[id]/acknowledge": "incident.write",
  "GET /api/v1/incidents/live": "incident.read",
  "GET /api/v1/incidents/[id]/live": "incident.read",
  "PUT /api/v1/incidents/[id]/presence": "incident.read",
  "DELETE /api/v1/incidents/[id]/presence": "incident.read",
  "POST /api/v1/incidents/[id]/answers": "incident.answer",
  "POST /api/v1/incidents/[id]/notes": "incident.note",
  "GET /api/v1/incidents/[id]/timeline": "incident.read",
  "GET /api/v1/incidents/[id]/checks": "incident.read",
  "POST /api/v1/incidents/[id]/checks": "checks.run",
  "GET /api/v1/changes": "change.read",
  "POST /api/v1/changes": "change.write",
  "POST /api/v1/changes/import": "change.write",
  "GET /api/v1/exports/weekly/[file]": "export.read",
  "GET /api/v1/probes/series.csv": "probe.read",
  "GET /api/v1/probes/status": "probe.read",
  "GET /api/v1/runbooks": "runbook.read",
  "GET /api/v1/runbooks/[id]": "runbook.read",
  "GET /api/v1/runbooks/[id]/markdown": "runbook.read",
  "POST /api/v1/runbooks/[id]/reviews": "runbook.review",
  "GET /api/v1/soak-runs": "soak.read",
  "POST /api/v1/soak-runs": "soak.run",
  "GET /api/v1/soak-runs/[id]": "soak.read",
  "POST /api/v1/soak-runs/[id]/cancel": "soak.run",
  "GET /api/v1/soak-runs/[id]/samples.csv": "export.read",
  "GET /api/v1/soak-runs/[id]/series": "soak.read",
  "GET /api/v1/soak-runs/[id]/summary.json": "export.read",
  "GET /api/v1/trends/[chart]": "trends.read",
  "GET /api/v1/webhooks": "webhooks.manage",
  "POST /api/v1/webhooks": "webhooks.manage",
  "GET /api/v1/webhooks/[id]": "webhooks.manage",
  "DELETE /api/v1/webhooks/[id]": "webhooks.manage",
  "GET /api/v1/webhooks/[id]/deliveries": "webhooks.manage",
  "GET /api/v1/vendor-connections": "vendors.manage",
  "POST /api/v1/vendor-connections": "vendors.manage",
  "GET /api/v1/vendor-connections/[id]": "vendors.manage",
  "PATCH /api/v1/vendor-connections/[id]": "vendors.manage",
  "DELETE /api/v1/vendor-connections/[id]": "vendors.manage",
  "POST /api/v1/vendor-connections/[id]/test": "vendors.manage",
  "GET /admin/vendors/callback": "vendors.manage",
  "GET /api/v1/simulator/faults": "simulator.read",
  "POST /api/v1/simulator/faults": "simulator.control",
  "DELETE /api/v1/simulator/faults/[id]": "simulator.control",
  "POST /api/v1/simulator/reset": "simulator.control",
  "POST /sign-in/session": "public",
  "GET /api/v1/users": "users.manage",
  "POST /api/v1/users": "users.manage",
  "PATCH /api/v1/users/[id]": "users.manage",
  "POST /api/v1/users/[id]/invite": "users.manage",
  "GET /api/v1/tokens": "tokens.manage",
  "POST /api/v1/tokens": "tokens.manage",
  "DELETE /api/v1/tokens/[id]": "tokens.manage",

  "page /": "public",
  "page /sign-in": "public",
  "page /incidents": "incident.read",
  "page /incidents/new": "incident.write",
  "page /incidents/[id]": "incident.read",
  "page /incidents/[id]/edit": "incident.write",
  "page /incidents/[id]/report": "incident.read",
  "page /changes": "change.read",
  "page /changes/new": "change.write",
  "page /probes": "probe.read",
  "page /runbooks": "runbook.read",
  "page /runbooks/new": "runbook.draft",
  "page /runbooks/[id]": "runbook.read",
  "page /runbooks/[id]/edit": "runbook.draft",
  "page /simulator": "simulator.read",
  "page /soak": "soak.read",
  "page /soak/new": "soak.run",
  "page /soak/[id]": "soak.read",
  "page /trends": "trends.read",
  "page /account": "signed_in",
  "page /admin/webhooks": "webhooks.manage",
  "page /admin/webhooks/[id]": "webhooks.manage",
  "page /admin/vendors": "vendors.manage",
  "page /admin/vendors/new": "vendors.manage",
  "page /admin/vendors/[id]": "vendors.manage",
  "page /runbooks/review": "runbook.review",
  "page /admin": "users.manage",
  "page /admin/users": "users.manage",
  "page /admin/users/[id]": "users.manage",
  "page /admin/tokens": "tokens.manage",
  "page /invite/[token]": "public",

  "action app/(console)/actions.ts#signOutAction": "public",
  "action app/(console)/incidents/actions.ts#createIncidentAction": "incident.write",
  "action app/(console)/incidents/actions.ts#updateIncidentAction": "incident.write",
  "action app/(console)/incidents/actions.ts#changeStatusAction": "incident.write",
  "action app/(console)/incidents/team-actions.ts#acknowledgeIncidentAction": "incident.write",
  "action app/(console)/incidents/team-actions.ts#takeIncidentAction": "incident.write",
  "action app/(console)/incidents/team-actions.ts#setOwnerAction": "incident.write",
  "action app/(console)/incidents/team-actions.ts#resolveIncidentAction": "incident.write",
  "action app/(console)/incidents/team-actions.ts#reopenIncidentAction": "incident.write",
  "action app/(console)/incidents/team-actions.ts#addNoteAction": "incident.note",
  "action app/(console)/changes/actions.ts#recordChangeAction": "change.write",
  "action app/(console)/changes/actions.ts#importVendorAuditAction": "change.write",
  "action app/(console)/probes/actions.ts#saveProbeConfigAction": "probe.configure",
  "action app/(console)/soak/actions.ts#createSoakRunAction": "soak.run",
  "action app/(console)/soak/actions.ts#cancelSoakRunAction": "soak.run",
  "action app/(console)/runbooks/actions.ts#createRunbookAction": "runbook.draft",
  "action app/(console)/runbooks/actions.ts#reviseRunbookAction": "runbook.draft",
  "action app/(console)/runbooks/actions.ts#submitRunbookAction": "runbook.draft",
  "action app/(console)/runbooks/actions.ts#reviewRunbookAction": "runbook.review",
  "action app/(console)/trends/actions.ts#runWeeklyExportAction": "export.read",
  "action app/(console)/account/actions.ts#changePasswordAction": "signed_in",
  "action app/(console)/admin/webhooks/actions.ts#createWebhookAction": "webhooks.manage",
  "action app/(console)/admin/webhooks/actions.ts#disableWebhookAction": "webhooks.manage",
  "action app/(console)/admin/vendors/actions.ts#createVendorConnectionAction": "vendors.manage",
  "action app/(console)/admin/vendors/actions.ts#updateVendorConnectionAction": "vendors.manage",
  "action app/(console)/admin/vendors/actions.ts#deleteVendorConnectionAction": "vendors.manage",
  "action app/(console)/admin/vendors/actions.ts#testVendorConnectionAction": "vendors.manage",
  "action app/(console)/admin/vendors/actions.ts#linkSmartcarAccountAction": "vendors.manage",
  "action app/(console)/admin/vendors/actions.ts#unlinkSmartcarAccountAction": "vendors.manage",
  "action app/(console)/simulator/actions.ts#injectFaultAction": "simulator.control",
  "action app/(console)/simulator/actions.ts#clearFaultAction": "simulator.control",
  "action app/(console)/simulator/actions.ts#resetSimulatorAction": "simulator.control",
  "action app/(console)/admin/users/actions.ts#createUserAction": "users.manage",
  "action app/(console)/admin/users/actions.ts#updateUserAction": "users.manage",
  "action app/(console)/admin/users/actions.ts#inviteUserAction": "users.manage",
  "action app/(console)/admin/tokens/actions.ts#createTokenAction": "tokens.manage",
  "action app/(console)/admin/tokens/actions.ts#revokeTokenAction": "tokens.manage",
  "action app/invite/[token]/actions.ts#acceptInviteAction": "public",
};

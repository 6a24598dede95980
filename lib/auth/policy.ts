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
    "checks.run",
    "soak.run",
    "probe.configure",
    "change.write",
    "runbook.draft",
  ]),
  support_lead: new Set<Action>([...READS, "runbook.review"]),
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

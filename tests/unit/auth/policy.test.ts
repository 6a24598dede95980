import { describe, expect, it } from "vitest";
import { ACTIONS, authorize, can, ForbiddenError, type Action } from "@/lib/auth/policy";
import { ROLES } from "@/lib/auth/roles";
import { actor } from "@/tests/support/factories";

// DESIGN.md's table of who does what, written out in full so a change to the policy is a
// deliberate change to this test.
const EXPECTED: Record<(typeof ROLES)[number], Action[]> = {
  sre: [
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
    "trends.read",
    "export.read",
    "simulator.read",
  ],
  support_lead: [
    "incident.read",
    "incident.note",
    "soak.read",
    "probe.read",
    "change.read",
    "runbook.read",
    "runbook.review",
    "trends.read",
    "export.read",
    "simulator.read",
  ],
  manager: [
    "incident.read",
    "soak.read",
    "probe.read",
    "change.read",
    "runbook.read",
    "trends.read",
    "export.read",
    "simulator.read",
  ],
  admin: [...ACTIONS],
};

describe("policy", () => {
  it.each(ROLES)("grants %s exactly its actions", (role) => {
    const granted = ACTIONS.filter((action) => can(actor(role), action));
    expect(granted.sort()).toEqual([...EXPECTED[role]].sort());
  });

  it("lets no one in without an actor", () => {
    expect(ACTIONS.some((action) => can(null, action))).toBe(false);
  });

  it("keeps the managers read-only and review to support leads and admins", () => {
    expect(
      ACTIONS.filter((action) => can(actor("manager"), action)).every((action) =>
        action.endsWith(".read"),
      ),
    ).toBe(true);
    expect(can(actor("sre"), "runbook.review")).toBe(false);
    expect(can(actor("support_lead"), "soak.run")).toBe(false);
    expect(can(actor("support_lead"), "simulator.control")).toBe(false);
  });

  it("authorize throws ForbiddenError naming the action", () => {
    expect(() => authorize(actor("manager"), "incident.write")).toThrow(ForbiddenError);
    expect(() => authorize(actor("manager"), "incident.write")).toThrow(/incident\.write/);
    expect(() => authorize(actor("sre"), "incident.write")).not.toThrow();
  });
});

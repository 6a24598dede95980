import { describe, expect, it } from "vitest";
import { RUNBOOK_STATUSES, reviewSchema } from "@/lib/runbooks/schema";
import { availableEvents, transition } from "@/lib/runbooks/workflow";

const sre = { role: "sre" } as const;
const lead = { role: "support_lead" } as const;
const manager = { role: "manager" } as const;
const admin = { role: "admin" } as const;

describe("runbook workflow", () => {
  it("walks draft -> in review -> changes requested -> draft -> in review -> approved", () => {
    expect(transition(sre, "draft", "submit")).toEqual({ ok: true, to: "in_review" });
    expect(transition(lead, "in_review", "request_changes")).toEqual({
      ok: true,
      to: "changes_requested",
    });
    expect(transition(sre, "changes_requested", "edit")).toEqual({ ok: true, to: "draft" });
    expect(transition(lead, "in_review", "approve")).toEqual({ ok: true, to: "approved" });
    expect(transition(lead, "in_review", "reject")).toEqual({ ok: true, to: "rejected" });
  });

  it("lets an approved or rejected entry be edited into a new draft, but not resubmitted unchanged", () => {
    expect(transition(sre, "approved", "edit")).toEqual({ ok: true, to: "draft" });
    expect(transition(sre, "rejected", "edit")).toEqual({ ok: true, to: "draft" });
    expect(transition(sre, "approved", "submit")).toMatchObject({
      ok: false,
      reason: "illegal_transition",
      message: expect.stringMatching(/edit it to start a new version/),
    });
    expect(transition(sre, "changes_requested", "submit")).toMatchObject({
      ok: false,
      reason: "illegal_transition",
    });
  });

  it("refuses reviews of anything not in review, naming the status", () => {
    for (const status of RUNBOOK_STATUSES.filter((status) => status !== "in_review")) {
      const result = transition(lead, status, "approve");
      expect(result).toMatchObject({ ok: false, reason: "illegal_transition" });
      expect(!result.ok && result.message).toContain(status.replace("_", " "));
    }
    expect(transition(sre, "in_review", "edit")).toMatchObject({
      ok: false,
      reason: "illegal_transition",
    });
  });

  it("refuses the wrong role before looking at the status: an SRE may not review, a lead may not draft, a manager may do neither", () => {
    expect(transition(sre, "in_review", "approve")).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(transition(lead, "draft", "submit")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(transition(lead, "approved", "edit")).toMatchObject({ ok: false, reason: "forbidden" });
    for (const status of RUNBOOK_STATUSES) expect(availableEvents(manager, status)).toEqual([]);
    expect(availableEvents(admin, "in_review")).toEqual(["approve", "reject", "request_changes"]);
    expect(availableEvents(sre, "approved")).toEqual(["edit"]);
  });

  it("requires a comment to reject or ask for changes, not to approve", () => {
    expect(reviewSchema.safeParse({ decision: "approve" }).success).toBe(true);
    for (const decision of ["reject", "request_changes"]) {
      const parsed = reviewSchema.safeParse({ decision, comment: "   " });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({
        path: ["comment"],
        message: "comment is required when rejecting or asking for changes",
      });
    }
  });
});

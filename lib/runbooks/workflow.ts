// The review workflow as a state machine: which role may move an entry from which status, and
// where it lands. Pure, so pages can ask what to offer and the store enforces the same answer.
//
//   draft ──submit──> in_review ──approve──────────> approved
//     ^                   │ ──request_changes──> changes_requested
//     │                   └──reject────────────> rejected
//     └──────edit (a new version)── changes_requested | approved | rejected | draft
//
// Editing an approved entry starts a new version in draft; the approved version stays the
// one shown and searched until the new one is approved.
import { can, type Action, type Actor } from "@/lib/auth/policy";
import type { ReviewDecision, RunbookStatus } from "./schema";

export type RunbookEvent = "edit" | "submit" | ReviewDecision;

export type Transition =
  | { ok: true; to: RunbookStatus }
  | { ok: false; reason: "forbidden" | "illegal_transition"; message: string };

const NEEDS: Record<RunbookEvent, Action> = {
  edit: "runbook.draft",
  submit: "runbook.draft",
  approve: "runbook.review",
  reject: "runbook.review",
  request_changes: "runbook.review",
};

const VERB: Record<RunbookEvent, string> = {
  edit: "edit runbook entries",
  submit: "submit runbook entries for review",
  approve: "approve runbook entries",
  reject: "reject runbook entries",
  request_changes: "ask for changes to runbook entries",
};

// Why an event is refused in a status, for every pair the machine does not allow.
const REFUSALS: Record<RunbookEvent, Partial<Record<RunbookStatus, string>>> = {
  edit: {
    in_review: "This entry is in review; wait for the support lead's decision before editing it.",
  },
  submit: {
    in_review: "This entry is already in review.",
    changes_requested:
      "The reviewer asked for changes: revise the entry (a new version) before submitting it again.",
    approved:
      "This entry is approved and unchanged; edit it to start a new version, then submit that.",
    rejected: "This entry was rejected; edit it to start a new version before submitting it again.",
  },
  approve: {},
  reject: {},
  request_changes: {},
};

const NOT_IN_REVIEW = "Only an entry in review can be reviewed; this one is";

const TARGET: Record<RunbookEvent, RunbookStatus> = {
  edit: "draft",
  submit: "in_review",
  approve: "approved",
  reject: "rejected",
  request_changes: "changes_requested",
};

export const verbFor = (event: RunbookEvent) => VERB[event];

export function transition(
  actor: Pick<Actor, "role">,
  from: RunbookStatus,
  event: RunbookEvent,
): Transition {
  if (!can(actor, NEEDS[event])) {
    return {
      ok: false,
      reason: "forbidden",
      message: `The ${actor.role} role may not ${VERB[event]}.`,
    };
  }
  const isReview = event === "approve" || event === "reject" || event === "request_changes";
  if (isReview && from !== "in_review") {
    return {
      ok: false,
      reason: "illegal_transition",
      message: `${NOT_IN_REVIEW} ${from.replace("_", " ")}.`,
    };
  }
  const refusal = REFUSALS[event][from];
  if (refusal) return { ok: false, reason: "illegal_transition", message: refusal };
  return { ok: true, to: TARGET[event] };
}

/** The events this actor may take on an entry in this status: what a page should offer. */
export function availableEvents(actor: Pick<Actor, "role">, from: RunbookStatus): RunbookEvent[] {
  return (Object.keys(TARGET) as RunbookEvent[]).filter(
    (event) => transition(actor, from, event).ok,
  );
}

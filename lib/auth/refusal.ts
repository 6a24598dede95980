// What a server action answers instead of doing the work, and how a form tells it apart from
// its own state. Dependency-free so client components can import it.
export const REFUSAL_REASONS = ["cross_site", "forbidden", "invalid"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Refusal = {
  refused: RefusalReason;
  message: string;
  /** For `invalid`: what was wrong, keyed by the argument or field that was. */
  fields?: Record<string, string>;
};
export type ActionRefusal = { refusal: Refusal };
/** A server action's answer: its own result, or a refusal. */
export type Refusable<T> = T | ActionRefusal;

export function isRefusal(value: unknown): value is ActionRefusal {
  return typeof value === "object" && value !== null && "refusal" in value;
}

/** A form's state to show: its own, or what `refused` makes of a refusal. */
export function stateOrRefusal<S>(state: Refusable<S>, refused: (refusal: Refusal) => S): S {
  return isRefusal(state) ? refused(state.refusal) : state;
}

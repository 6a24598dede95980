import type { InterviewPlan } from "@/lib/diagnosis/interview";
import type { RankedCause } from "@/lib/diagnosis/rank-causes";

/** The headline: the top cause and its confidence, or "unsure" when no cause reaches 50%. A
 * live region, so a screen reader hears the ranking change when an answer re-ranks it. */
export function TopCause({ ranked, plan }: { ranked: RankedCause[]; plan: InterviewPlan }) {
  const [first, second] = ranked;
  if (!first) return null;
  if (plan.unsure)
    return (
      <p role="status" aria-label="Top cause" className="mb-3">
        <strong className="text-xl">Unsure</strong>: no cause reaches 50%; the leaders are{" "}
        {first.label} and {second?.label}. Answers to the questions below count as evidence.
      </p>
    );
  return (
    <p role="status" aria-label="Top cause" className="mb-3">
      Most likely <strong>{first.label}</strong>{" "}
      <span className="text-2xl font-semibold tabular-nums">
        {Math.round(first.confidence * 100)}%
      </span>
    </p>
  );
}

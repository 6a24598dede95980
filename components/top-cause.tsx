import type { InterviewPlan } from "@/lib/diagnosis/interview";
import type { RankedCause } from "@/lib/diagnosis/rank-causes";

/** The headline: the top cause and its confidence, or "unsure" when no cause reaches 50%. */
export function TopCause({ ranked, plan }: { ranked: RankedCause[]; plan: InterviewPlan }) {
  const [first, second] = ranked;
  if (!first) return null;
  if (plan.unsure)
    return (
      <p className="mb-3" aria-label="Top cause">
        <strong className="text-xl">Unsure</strong>: no cause reaches 50%; the leaders are{" "}
        {first.label} and {second?.label}. Answers to the questions below count as evidence.
      </p>
    );
  return (
    <p className="mb-3" aria-label="Top cause">
      Most likely <strong>{first.label}</strong>{" "}
      <span className="text-2xl font-semibold tabular-nums">
        {Math.round(first.confidence * 100)}%
      </span>
    </p>
  );
}

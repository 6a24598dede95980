// "Seen in the field": the closest real reports from the corpus, with how each thread settled
// its cause and a link to it, and which rules and reports moved the leading causes of the prior.
import type { ExplainedClassification } from "@/lib/diagnosis/classifier";
import { CAUSE_LABELS } from "@/lib/diagnosis/taxonomy";

const percent = (value: number) => `${Math.round(value * 100)} %`;

export function FieldReportsSection({ explained }: { explained: ExplainedClassification }) {
  const leading = explained.reasons.slice(0, 3);
  return (
    <section
      aria-labelledby="field-reports-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="field-reports-heading" className="font-semibold">
        Seen in the field
      </h2>
      {explained.similar.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No field report is close to this error.
        </p>
      ) : (
        <ol aria-label="Similar field reports" className="mt-2 space-y-2 text-sm">
          {explained.similar.map((report) => (
            <li key={report.sourceUrl}>
              <a
                href={report.sourceUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="font-medium text-blue-700 underline dark:text-blue-400"
              >
                {report.brand}: {CAUSE_LABELS[report.cause]}
              </a>{" "}
              <span className="text-slate-600 dark:text-slate-400">
                ({percent(report.similarity)} similar)
              </span>
              <p className="text-slate-700 dark:text-slate-300">{report.settledBy}</p>
            </li>
          ))}
        </ol>
      )}
      <h3 className="mt-4 text-sm font-medium">What moved the prior</h3>
      <ul aria-label="What moved the prior" className="mt-1 space-y-1 text-sm">
        {leading.map((reason) => (
          <li key={reason.cause}>
            <span className="font-medium">{CAUSE_LABELS[reason.cause]}</span> (
            {percent(reason.confidence)}):{" "}
            {reason.rules.length
              ? `rules ${reason.rules.map((rule) => rule.id).join(", ")}`
              : "no rule fired"}
            ; {reason.reports.length} of the 10 nearest field reports settled on it
          </li>
        ))}
      </ul>
    </section>
  );
}

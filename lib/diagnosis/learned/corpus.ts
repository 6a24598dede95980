// What the classifier trains on: the public field reports, plus, when a team names its folder
// of exported incidents (origin "internal"), those too. The bench's accuracy figures read the
// public corpus alone (bench/classify.ts), so training on a team's history never moves them.
import { FIELD_REPORTS_DIR, loadFieldReports, type LocatedFieldReport } from "../field-report";

export type TrainingCorpus = { public: LocatedFieldReport[]; internal: LocatedFieldReport[] };

/** Loads both folders, refusing a public record in the team's folder and the reverse. */
export function trainingCorpus(internalDirectory?: string): TrainingCorpus {
  return {
    public: loadFieldReports(FIELD_REPORTS_DIR, "public"),
    internal: internalDirectory ? loadFieldReports(internalDirectory, "internal") : [],
  };
}

// Ranking: the classifier's prior (from the error text) plus each check's evidence and each
// interview answer's, in log-odds, turned into confidences. Every check that errored or was
// skipped flattens the result a little: less evidence, less certainty. A prior counts in
// proportion to how sure it is (a flat one says nothing), and a signal that proves its cause
// counts as decisive.
import type { CauseSignal, CheckResult } from "./check";
import { REMEDIATION, type RemediationStep } from "./remediation";
import { branchOf, CAUSE_IDS, CAUSE_LABELS, TREE_BRANCHES, type CauseId } from "./taxonomy";

export type EvidenceItem = { source: string; weight: number; why: string };
export type RankedCause = {
  cause: CauseId;
  label: string;
  branch: string;
  confidence: number;
  evidence: EvidenceItem[];
  remediation: RemediationStep[];
};
export type TreeNodeState = "confirmed" | "suspect" | "ruled_out" | "unknown";
export type Diagnosis = {
  ranked: RankedCause[];
  path: string[];
  nodes: Record<string, TreeNodeState>;
  certainty: number;
};

const UNCERTAINTY_PER_MISSING_CHECK = 0.12;
// Log-odds a proving signal counts for at least: above any circumstantial check (3 to 3.5) and
// any prior, so the vendor's own error code for the request cannot be outvoted by a hunch.
const DECISIVE_WEIGHT = 6;

/**
 * How sure a prior is, from 0 (flat: every cause equally likely) to 1 (one cause certain):
 * one minus its entropy over the entropy of a flat prior.
 */
export function priorCertainty(prior: ReadonlyArray<{ confidence: number }>): number {
  if (prior.length < 2) return 1;
  const entropy = prior.reduce(
    (sum, { confidence }) => (confidence > 0 ? sum - confidence * Math.log(confidence) : sum),
    0,
  );
  return Math.min(1, Math.max(0, 1 - entropy / Math.log(prior.length)));
}

const effectiveWeight = (signal: CauseSignal) =>
  signal.proves && signal.weight > 0 ? Math.max(signal.weight, DECISIVE_WEIGHT) : signal.weight;

export function rankCauses(
  prior: Array<{ cause: CauseId; confidence: number }>,
  results: CheckResult[],
  answers: ReadonlyArray<{ cause: CauseId } & EvidenceItem> = [],
): Diagnosis {
  const evidence = new Map<CauseId, EvidenceItem[]>(CAUSE_IDS.map((cause) => [cause, []]));
  const score = new Map<CauseId, number>();
  const certainty = priorCertainty(prior);
  for (const { cause, confidence } of prior) {
    const logPrior = certainty * Math.log(Math.max(confidence, 1e-4));
    score.set(cause, logPrior);
    evidence.get(cause)!.push({
      source: "classifier",
      weight: Number(logPrior.toFixed(2)),
      why: `the error text gives it ${(confidence * 100).toFixed(0)}%, counted at ${(certainty * 100).toFixed(0)}% for how sure the text is`,
    });
  }
  for (const result of results) {
    for (const signal of result.signals) {
      const weight = effectiveWeight(signal);
      score.set(signal.cause, (score.get(signal.cause) ?? 0) + weight);
      evidence.get(signal.cause)!.push({
        source: result.checkId,
        weight,
        why: signal.proves ? `${signal.why} (proves it)` : signal.why,
      });
    }
  }
  for (const { cause, ...item } of answers) {
    score.set(cause, (score.get(cause) ?? 0) + item.weight);
    evidence.get(cause)!.push(item);
  }
  const missing = results.filter(
    (result) => result.outcome === "error" || result.outcome === "skip",
  ).length;
  const temperature = 1 + UNCERTAINTY_PER_MISSING_CHECK * missing;
  const top = Math.max(...CAUSE_IDS.map((cause) => score.get(cause) ?? 0));
  const weights = CAUSE_IDS.map((cause) => Math.exp(((score.get(cause) ?? 0) - top) / temperature));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const ranked = CAUSE_IDS.map((cause, index) => ({
    cause,
    label: CAUSE_LABELS[cause],
    branch: branchOf(cause).label,
    confidence: weights[index]! / total,
    evidence: evidence.get(cause)!.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
    remediation: REMEDIATION[cause],
  })).sort((a, b) => b.confidence - a.confidence);

  const confidenceOf = new Map(ranked.map((entry) => [entry.cause, entry.confidence]));
  const checkSaid = (cause: CauseId) =>
    results
      .filter((result) => result.causes.includes(cause))
      .flatMap((result) => result.signals.filter((signal) => signal.cause === cause));
  const nodes: Record<string, TreeNodeState> = {};
  for (const cause of CAUSE_IDS) {
    const said = checkSaid(cause);
    const confidence = confidenceOf.get(cause)!;
    nodes[cause] =
      confidence >= 0.5
        ? "confirmed"
        : said.some((signal) => signal.weight > 0)
          ? "suspect"
          : said.some((signal) => signal.weight < 0)
            ? "ruled_out"
            : "unknown";
  }
  for (const branch of TREE_BRANCHES) {
    const states = branch.causes.map((cause) => nodes[cause]);
    nodes[branch.id] = states.includes("confirmed")
      ? "confirmed"
      : states.includes("suspect")
        ? "suspect"
        : states.every((state) => state === "ruled_out")
          ? "ruled_out"
          : "unknown";
  }
  // The walk an on-caller takes: branch by branch in order, until the one that holds the top cause.
  const topBranch = branchOf(ranked[0]!.cause);
  const path = [
    "root",
    ...TREE_BRANCHES.filter((branch) => branch.number <= topBranch.number).map(
      (branch) => branch.id,
    ),
    ranked[0]!.cause,
  ];
  return { ranked, path, nodes, certainty: Number((1 / temperature).toFixed(2)) };
}

// The readable half of the classifier: the rules of classifier-knowledge.ts compiled once and
// run over an input, giving each cause a score in log-odds (prior plus the rules that fired).
import {
  CAUSE_PRIOR,
  CLASSIFIER_RULES,
  type ClassifierRule,
  type ContextField,
} from "./classifier-knowledge";
import type { ClassifyErrorInput } from "./classifier";
import { evidenceText, statusNamedIn } from "./classifier-text";
import { CAUSE_IDS } from "./taxonomy";

export type RuleMatch = Pick<ClassifierRule, "id" | "cause" | "weight" | "why">;

export type CompiledRule = {
  match: RuleMatch;
  causeIndex: number;
  pattern: RegExp | null;
  unless: RegExp | null;
  statuses: ReadonlySet<number> | null;
  contextFields: readonly ContextField[] | null;
};

// Recompiled once with only the i flag: every rule is case-insensitive, and none can carry a
// g or y flag that would make test() remember where it stopped between inputs.
const caseInsensitive = (pattern: RegExp | undefined) =>
  pattern ? new RegExp(pattern.source, "i") : null;

const COMPILED_RULES: readonly CompiledRule[] = CLASSIFIER_RULES.map((rule) => ({
  match: { id: rule.id, cause: rule.cause, weight: rule.weight, why: rule.why },
  causeIndex: CAUSE_IDS.indexOf(rule.cause),
  pattern: caseInsensitive(rule.pattern),
  unless: caseInsensitive(rule.unless),
  statuses: rule.httpStatus ? new Set(rule.httpStatus) : null,
  contextFields: rule.whenContextHas ?? null,
}));

export const PRIOR_SCORES: readonly number[] = CAUSE_IDS.map((cause) => CAUSE_PRIOR[cause]);

// One alternation of all of a cause's patterns. Most texts speak of one or two causes, and a
// single failed test of the union rules out all that cause's patterns at once, which halves the
// time spent matching. It cannot change a result: the union fails only when every part fails.
const CAUSE_GATES: readonly (RegExp | null)[] = CAUSE_IDS.map((cause) => {
  const sources = CLASSIFIER_RULES.filter((rule) => rule.cause === cause && rule.pattern).map(
    (rule) => `(?:${rule.pattern!.source})`,
  );
  return sources.length > 0 ? new RegExp(sources.join("|"), "i") : null;
});

const isFilledIn = (value: string | undefined) => value !== undefined && value.trim() !== "";

export function firingRules(input: ClassifyErrorInput): {
  httpStatus: number | null;
  fired: CompiledRule[];
} {
  const context = input.context ?? {};
  const text = evidenceText(
    input.errorString,
    isFilledIn(context.notes) ? context.notes : undefined,
  );
  const httpStatus = context.httpStatus ?? statusNamedIn(text);
  const gateOpen: (boolean | undefined)[] = [];
  const fired: CompiledRule[] = [];
  for (const rule of COMPILED_RULES) {
    if (rule.statuses && (httpStatus === null || !rule.statuses.has(httpStatus))) continue;
    if (rule.contextFields && !rule.contextFields.some((field) => isFilledIn(context[field])))
      continue;
    if (rule.pattern) {
      gateOpen[rule.causeIndex] ??= CAUSE_GATES[rule.causeIndex]!.test(text);
      if (!gateOpen[rule.causeIndex] || !rule.pattern.test(text)) continue;
    }
    if (rule.unless && rule.unless.test(text)) continue;
    fired.push(rule);
  }
  return { httpStatus, fired };
}

/** Each cause's score in the taxonomy's order: its prior plus the weights of the rules that fired. */
export function ruleScores(fired: readonly CompiledRule[]): number[] {
  const scores = [...PRIOR_SCORES];
  for (const rule of fired) scores[rule.causeIndex]! += rule.match.weight;
  return scores;
}

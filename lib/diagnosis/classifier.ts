// The text classifier: ranks the ten causes for an error string and its context by adding up
// the evidence of the rules in classifier-knowledge.ts on top of a small prior, then turning
// the sums into probabilities with a softmax. Pure and synchronous, so the CLI, the API and the
// diagnosis ranking all get the same answer for the same input.
import { incidentSignature } from "@/lib/incidents/signature";
import {
  CAUSE_PRIOR,
  CLASSIFIER_RULES,
  type ClassifierRule,
  type ContextField,
} from "./classifier-knowledge";
import { CAUSE_IDS, type CauseId } from "./taxonomy";

export type ClassifyContext = {
  httpStatus?: number;
  sdkVersion?: string;
  apiVersion?: string;
  appVersion?: string;
  region?: string;
  notes?: string;
};
export type ClassifyErrorInput = { errorString: string; context?: ClassifyContext };
export type CauseConfidence = { cause: CauseId; confidence: number };
export type Classification = { signature: string; causes: CauseConfidence[] };
export type RuleMatch = Pick<ClassifierRule, "id" | "cause" | "weight" | "why">;
export type ExplainedClassification = Classification & {
  /** The status the status rules saw: the context's, else the first one named in the text. */
  httpStatus: number | null;
  matches: RuleMatch[];
};

type CompiledRule = {
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

const PRIOR_SCORES: readonly number[] = CAUSE_IDS.map((cause) => CAUSE_PRIOR[cause]);

// One alternation of all of a cause's patterns. Most texts speak of one or two causes, and a
// single failed test of the union rules out all that cause's patterns at once, which halves the
// time spent matching. It cannot change a result: the union fails only when every part fails.
const CAUSE_GATES: readonly (RegExp | null)[] = CAUSE_IDS.map((cause) => {
  const sources = CLASSIFIER_RULES.filter((rule) => rule.cause === cause && rule.pattern).map(
    (rule) => `(?:${rule.pattern!.source})`,
  );
  return sources.length > 0 ? new RegExp(sources.join("|"), "i") : null;
});

// Evidence sits near the start (the message) and the end (a stack trace's root cause) of a
// long paste; scanning only those keeps a multi-megabyte line from stalling a whole batch.
const SCANNED_HEAD_CHARS = 8_192;
const SCANNED_TAIL_CHARS = 8_192;

/** The text the patterns read: error string and notes, codes and class names split into words. */
function evidenceText(errorString: string, notes: string | undefined): string {
  let text = notes ? `${errorString}\n${notes}` : errorString;
  if (text.length > SCANNED_HEAD_CHARS + SCANNED_TAIL_CHARS) {
    text = `${text.slice(0, SCANNED_HEAD_CHARS)}\n${text.slice(-SCANNED_TAIL_CHARS)}`;
  }
  return text
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z][a-z])/g, "$1 $2")
    .replace(/([A-Z]{2,})([A-Z][a-z]{2,})/g, "$1 $2");
}

// A status named as one ("HTTP 429", "HTTP/1.1 503", "status code: 401", "(403)"), given with
// its reason phrase ("404 Not Found") or standing first ("401: ..."); a number elsewhere is too
// often a count or a duration.
const NAMED_STATUS =
  /^\s*([1-5]\d\d)\s*(?:$|[:\-–])|\b(?:https?(?:\/\d(?:\.\d)?)?(?: error)?|status(?: ?code)?|response(?: ?code)?|error(?: ?code)?|code)"?\s*[:=#]?\s*"?\s*([1-5]\d\d)\b|[([]([1-5]\d\d)[)\]]|\b([1-5]\d\d)[ -]+\(?(?:unauthori[sz]ed|forbidden|not found|method not allowed|conflict|gone|payment required|proxy authentication required|request time-?out|upgrade required|too many requests|internal server error|not implemented|bad gateway|service unavailable|gateway time-?out|unavailable for legal reasons|network authentication required)\b/i;

function statusNamedIn(text: string): number | null {
  const found = NAMED_STATUS.exec(text);
  if (!found) return null;
  return Number(found[1] ?? found[2] ?? found[3] ?? found[4]);
}

const isFilledIn = (value: string | undefined) => value !== undefined && value.trim() !== "";

function firingRules(input: ClassifyErrorInput): {
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

/** Softmax over prior + evidence, highest first; ties keep the taxonomy's order. */
function rankCausesByEvidence(fired: readonly CompiledRule[]): CauseConfidence[] {
  const scores = [...PRIOR_SCORES];
  for (const rule of fired) scores[rule.causeIndex]! += rule.match.weight;
  const highest = Math.max(...scores);
  const weights = scores.map((score) => Math.exp(score - highest));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return CAUSE_IDS.map((cause, index) => ({ cause, confidence: weights[index]! / total })).sort(
    (a, b) =>
      b.confidence - a.confidence || CAUSE_IDS.indexOf(a.cause) - CAUSE_IDS.indexOf(b.cause),
  );
}

export function classifyError(input: ClassifyErrorInput): Classification {
  const { fired } = firingRules(input);
  return { signature: incidentSignature(input.errorString), causes: rankCausesByEvidence(fired) };
}

/** What a stored incident (or a draft made from one) carries that the classifier reads. */
export type ClassifiedIncident = {
  errorString: string;
  httpStatus: number | null;
  sdkVersion: string | null;
  apiVersion: string | null;
  appVersion: string | null;
};

const incidentInput = (incident: ClassifiedIncident): ClassifyErrorInput => ({
  errorString: incident.errorString,
  context: {
    httpStatus: incident.httpStatus ?? undefined,
    sdkVersion: incident.sdkVersion ?? undefined,
    apiVersion: incident.apiVersion ?? undefined,
    appVersion: incident.appVersion ?? undefined,
  },
});

/** The prior for an incident: its error text read with the context it was filed with. */
export function classifyIncident(incident: ClassifiedIncident): Classification {
  return classifyError(incidentInput(incident));
}

/** classifyIncident's top cause alone, without the signature it also works out: for writing incidents in bulk. */
export function topCauseOf(incident: ClassifiedIncident): CauseId {
  return rankCausesByEvidence(firingRules(incidentInput(incident)).fired)[0]!.cause;
}

/** The classification together with the rules that fired: the evidence behind the prior. */
export function explainClassification(input: ClassifyErrorInput): ExplainedClassification {
  const { httpStatus, fired } = firingRules(input);
  return {
    signature: incidentSignature(input.errorString),
    causes: rankCausesByEvidence(fired),
    httpStatus,
    matches: fired.map((rule) => rule.match),
  };
}

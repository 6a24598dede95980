// The text classifier: ranks the ten causes for an error string and its context. Two halves:
// the readable rules of classifier-knowledge.ts (a score per cause in log-odds) and a model
// learned from the field reports (log-probabilities per cause), blended with a weight and
// calibrated with a temperature that cross-validation chose (lib/diagnosis/learned/). Pure and
// synchronous, so the CLI, the API and the diagnosis ranking all get the same answer.
import { readFileSync } from "node:fs";
import path from "node:path";
import { incidentSignature } from "@/lib/incidents/signature";
import { firingRules, ruleScores, type CompiledRule, type RuleMatch } from "./classifier-rules";
import { featuresOf } from "./learned/features";
import {
  causeProbabilities,
  learnedLogProbabilities,
  loadModel,
  nearestReports,
  reportSimilarities,
  tfidfVector,
  type LoadedModel,
  type StoredModel,
} from "./learned/model";
import { CAUSE_IDS, type CauseId } from "./taxonomy";

export type { RuleMatch } from "./classifier-rules";

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
/** A field report close to the input: a real case and how its thread settled it. */
export type SimilarReport = {
  sourceUrl: string;
  brand: string;
  cause: CauseId;
  similarity: number;
  settledBy: string;
};
/** Why one cause got its confidence: the rules that fired for it and the reports that voted. */
export type CauseReasons = {
  cause: CauseId;
  confidence: number;
  /** The rules' score (log-odds: prior plus rule weights) and the learned probability. */
  rulesScore: number;
  learnedProbability: number;
  rules: RuleMatch[];
  reports: SimilarReport[];
};
export type ExplainedClassification = Classification & {
  /** The status the status rules saw: the context's, else the first one named in the text. */
  httpStatus: number | null;
  matches: RuleMatch[];
  similar: SimilarReport[];
  reasons: CauseReasons[];
};

// Read with fs rather than imported: tsx compiles an imported 2 MB JSON file on every CLI start
// (seconds), JSON.parse takes milliseconds. The URL is how bundlers (Next's server build
// included) find a file beside a module; the working directory is the fallback for a bundle
// that did not copy it.
function readStoredModel(): StoredModel {
  const besideThisModule = new URL("./model/classifier-model.json", import.meta.url);
  let text: string;
  try {
    text = readFileSync(besideThisModule, "utf8");
  } catch {
    text = readFileSync(
      path.join(process.cwd(), "lib/diagnosis/model/classifier-model.json"),
      "utf8",
    );
  }
  return JSON.parse(text) as StoredModel;
}

let model: LoadedModel | null = null;
// Built on first use, so importing the classifier (as every page of the app does) costs nothing.
const theModel = () => (model ??= loadModel(readStoredModel()));

/** The shipped model as stored: which learner, blend and temperature the trainer kept. */
export const shippedModel = (): StoredModel => theModel().stored;

// How many neighbours are looked at when saying which reports moved a cause.
const EXPLAINING_NEIGHBOURS = 10;

type Reading = {
  fired: CompiledRule[];
  httpStatus: number | null;
  rules: number[];
  learned: number[];
  probabilities: number[];
  similarity: () => Float64Array;
};

function read(input: ClassifyErrorInput): Reading {
  const loaded = theModel();
  const { fired, httpStatus } = firingRules(input);
  const rules = ruleScores(fired);
  const counts = featuresOf(input);
  const tfidf = tfidfVector(counts, loaded.indexOf, loaded.idf);
  const learned = learnedLogProbabilities(loaded, counts, rules, tfidf);
  const probabilities = causeProbabilities(loaded.stored, rules, learned, counts);
  let similarity: Float64Array | null = null;
  return {
    fired,
    httpStatus,
    rules,
    learned,
    probabilities,
    similarity: () => (similarity ??= reportSimilarities(loaded, tfidf)),
  };
}

/** Highest first; ties keep the taxonomy's order. */
const ranked = (probabilities: readonly number[]): CauseConfidence[] =>
  CAUSE_IDS.map((cause, index) => ({ cause, confidence: probabilities[index]! })).sort(
    (a, b) =>
      b.confidence - a.confidence || CAUSE_IDS.indexOf(a.cause) - CAUSE_IDS.indexOf(b.cause),
  );

function similarOf(similarity: Float64Array, k: number): SimilarReport[] {
  const { reports } = theModel().stored;
  return nearestReports(similarity, k).map((index) => ({
    sourceUrl: reports[index]!.sourceUrl,
    brand: reports[index]!.brand,
    cause: reports[index]!.cause,
    similarity: Number(similarity[index]!.toFixed(3)),
    settledBy: reports[index]!.settledBy,
  }));
}

export function classifyError(input: ClassifyErrorInput): Classification {
  return {
    signature: incidentSignature(input.errorString),
    causes: ranked(read(input).probabilities),
  };
}

/** The k field reports closest to the input (cosine over TF-IDF of the classifier's features). */
export function similarReports(input: ClassifyErrorInput, k = 3): SimilarReport[] {
  return similarOf(read(input).similarity(), k);
}

/** classifyError and similarReports in one reading: what `pitstop classify` prints a line of. */
export function classifyWithSimilar(
  input: ClassifyErrorInput,
  k = 3,
): Classification & { similar: SimilarReport[] } {
  const reading = read(input);
  return {
    signature: incidentSignature(input.errorString),
    causes: ranked(reading.probabilities),
    similar: similarOf(reading.similarity(), k),
  };
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

/** The prior for an incident with what moved it: the rules that fired and the nearest field reports. */
export function explainIncident(incident: ClassifiedIncident): ExplainedClassification {
  return explainClassification(incidentInput(incident));
}

/** classifyIncident's top cause alone, without the signature it also works out: for writing incidents in bulk. */
export function topCauseOf(incident: ClassifiedIncident): CauseId {
  return ranked(read(incidentInput(incident)).probabilities)[0]!.cause;
}

/**
 * The classification with its evidence: the rules that fired, the closest field reports, and
 * for each cause which rules and which of the nearest reports moved it.
 */
export function explainClassification(input: ClassifyErrorInput): ExplainedClassification {
  const reading = read(input);
  const neighbours = similarOf(reading.similarity(), EXPLAINING_NEIGHBOURS);
  const matches = reading.fired.map((rule) => rule.match);
  return {
    signature: incidentSignature(input.errorString),
    causes: ranked(reading.probabilities),
    httpStatus: reading.httpStatus,
    matches,
    similar: neighbours.slice(0, 3),
    reasons: ranked(reading.probabilities).map(({ cause, confidence }) => {
      const index = CAUSE_IDS.indexOf(cause);
      return {
        cause,
        confidence,
        rulesScore: Number(reading.rules[index]!.toFixed(3)),
        learnedProbability: Number(Math.exp(reading.learned[index]!).toFixed(4)),
        rules: matches.filter((match) => match.cause === cause),
        reports: neighbours.filter((report) => report.cause === cause),
      };
    }),
  };
}

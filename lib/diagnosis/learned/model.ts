// A learned model as it is stored and used: the kept hashed features with their IDF and
// per-cause weights, how the learned log-probabilities blend with the rules' scores, the
// calibration temperature, and every field report's TF-IDF vector for finding similar cases.
// Pure: the trainer builds one, the classifier loads the committed one.
import { CAUSE_IDS, type CauseId } from "../taxonomy";

export const LEARNERS = ["naive_bayes", "softmax", "knn"] as const;
export type Learner = (typeof LEARNERS)[number];

export type StoredReport = {
  sourceUrl: string;
  brand: string;
  cause: CauseId;
  settledBy: string;
  /** [feature index, TF-IDF weight] pairs, L2-normalised. */
  vector: Array<[number, number]>;
};

export type StoredModel = {
  format: 1;
  learner: Learner;
  /** kNN only: how many neighbours vote. */
  neighbours: number;
  /** Weight of the learned log-probabilities added to the rules' scores (0: rules alone). */
  blend: number;
  temperature: number;
  /**
   * Log of each cause's share of the training reports. Taken back out of the learned
   * probabilities: the corpus's mix of causes is that of public issue trackers (one vendor API
   * change breaks every client and each files a thread), not that of a team's incidents.
   */
  logCauseShare: number[];
  bias: number[];
  /**
   * The stacking layer: [context feature id, one weight per cause] added to the blended
   * scores when the note phrase or flag is present, fitted on out-of-fold predictions.
   */
  context?: Array<[number, ...number[]]>;
  /**
   * The top confidence as shown, by the top confidence after the temperature: [before, after]
   * points of a non-decreasing map, fitted on out-of-fold predictions (see calibrateTop).
   */
  calibration?: Array<[number, number]>;
  /** [feature hash, idf, one weight per cause in the taxonomy's order]; weights empty for kNN. */
  features: Array<[number, number, ...number[]]>;
  reports: StoredReport[];
};

/** A stored model made ready to use: lookups by hash and an inverted index of the reports. */
export type LoadedModel = {
  stored: StoredModel;
  indexOf: Map<number, number>;
  idf: Float64Array;
  weights: Float64Array;
  /** Inverted index in compressed rows: feature f's reports sit at postingStart[f] up to postingStart[f + 1]. */
  postingStart: Int32Array;
  postingReport: Int32Array;
  postingWeight: Float64Array;
};

export function loadModel(stored: StoredModel): LoadedModel {
  const causes = CAUSE_IDS.length;
  const indexOf = new Map<number, number>();
  const idf = new Float64Array(stored.features.length);
  const weights = new Float64Array(stored.features.length * causes);
  for (let index = 0; index < stored.features.length; index++) {
    const feature = stored.features[index]!;
    indexOf.set(feature[0], index);
    idf[index] = feature[1];
    for (let cause = 0; cause + 2 < feature.length; cause++)
      weights[index * causes + cause] = feature[cause + 2]!;
  }
  const postingStart = new Int32Array(stored.features.length + 1);
  for (const { vector } of stored.reports)
    for (const [feature] of vector) postingStart[feature + 1]! += 1;
  for (let feature = 0; feature < stored.features.length; feature++)
    postingStart[feature + 1]! += postingStart[feature]!;
  const filled = postingStart.slice(0, stored.features.length);
  const postingReport = new Int32Array(postingStart[stored.features.length]!);
  const postingWeight = new Float64Array(postingReport.length);
  for (let report = 0; report < stored.reports.length; report++)
    for (const [feature, weight] of stored.reports[report]!.vector) {
      const at = filled[feature]!++;
      postingReport[at] = report;
      postingWeight[at] = weight;
    }
  return { stored, indexOf, idf, weights, postingStart, postingReport, postingWeight };
}

export type SparseVector = { index: Int32Array; value: Float64Array };

/** Sublinear TF times IDF over the model's features, L2-normalised; unknown features drop out. */
export function tfidfVector(
  counts: Map<number, number>,
  indexOf: Map<number, number>,
  idf: ArrayLike<number>,
): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [hash, count] of counts) {
    const index = indexOf.get(hash);
    if (index === undefined) continue;
    const value = (1 + Math.log(count)) * idf[index]!;
    indices.push(index);
    values.push(value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  return {
    index: Int32Array.from(indices),
    value: Float64Array.from(values, (value) => value / norm),
  };
}

/** Presence of each known feature: what naive Bayes reads. */
export function binaryVector(
  counts: Map<number, number>,
  indexOf: Map<number, number>,
): SparseVector {
  const indices: number[] = [];
  for (const hash of counts.keys()) {
    const index = indexOf.get(hash);
    if (index !== undefined) indices.push(index);
  }
  return { index: Int32Array.from(indices), value: new Float64Array(indices.length).fill(1) };
}

export function logSoftmax(scores: ArrayLike<number>): number[] {
  let highest = -Infinity;
  for (let at = 0; at < scores.length; at++) highest = Math.max(highest, scores[at]!);
  let total = 0;
  for (let at = 0; at < scores.length; at++) total += Math.exp(scores[at]! - highest);
  const log = highest + Math.log(total);
  return Array.from(scores, (score) => score - log);
}

/** Cosine similarity of the input to every report sharing a feature with it. */
export function reportSimilarities(model: LoadedModel, vector: SparseVector): Float64Array {
  const similarity = new Float64Array(model.stored.reports.length);
  const { postingStart, postingReport, postingWeight } = model;
  for (let at = 0; at < vector.index.length; at++) {
    const weight = vector.value[at]!;
    const feature = vector.index[at]!;
    for (let posting = postingStart[feature]!; posting < postingStart[feature + 1]!; posting++)
      similarity[postingReport[posting]!]! += weight * postingWeight[posting]!;
  }
  return similarity;
}

/** The k most similar reports, most similar first, ties by corpus order. */
export function nearestReports(similarity: Float64Array, k: number): number[] {
  // One pass keeping the best k in order: k is small, the corpus is not.
  const best: number[] = [];
  for (let report = 0; report < similarity.length; report++) {
    const value = similarity[report]!;
    if (value <= 0) continue;
    if (best.length === k) {
      if (value <= similarity[best[k - 1]!]!) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && similarity[best[at - 1]!]! < value) at--;
    best.splice(at, 0, report);
  }
  return best;
}

const KNN_SMOOTHING = 0.05;

/** The learned part's log-probability per cause, in the taxonomy's order. */
export function learnedLogProbabilities(
  model: LoadedModel,
  counts: Map<number, number>,
  rules: readonly number[],
  tfidf: SparseVector = tfidfVector(counts, model.indexOf, model.idf),
): number[] {
  const causes = CAUSE_IDS.length;
  const { stored } = model;
  if (stored.learner === "knn") {
    const similarity = reportSimilarities(model, tfidf);
    const votes = new Array<number>(causes).fill(KNN_SMOOTHING);
    for (const report of nearestReports(similarity, stored.neighbours))
      votes[CAUSE_IDS.indexOf(stored.reports[report]!.cause)]! += similarity[report]!;
    return withoutCauseShare(stored, votes.map(Math.log));
  }
  // Naive Bayes reads presence: the same known features, each counted once.
  const vector =
    stored.learner === "naive_bayes"
      ? { index: tfidf.index, value: new Float64Array(tfidf.index.length).fill(1) }
      : tfidf;
  // Softmax learns on top of the rules' scores (see train.ts); naive Bayes stands alone.
  const scores = stored.bias.map(
    (bias, cause) => bias + (stored.learner === "softmax" ? rules[cause]! : 0),
  );
  for (let at = 0; at < vector.index.length; at++) {
    const row = vector.index[at]! * causes;
    const value = vector.value[at]!;
    for (let cause = 0; cause < causes; cause++)
      scores[cause]! += value * model.weights[row + cause]!;
  }
  return withoutCauseShare(stored, logSoftmax(scores));
}

const withoutCauseShare = (stored: StoredModel, logProbabilities: readonly number[]) =>
  logSoftmax(logProbabilities.map((value, cause) => value - stored.logCauseShare[cause]!));

/** Blended scores over the temperature: ready for a softmax. */
export function blendedLogits(
  model: StoredModel,
  rules: readonly number[],
  learned: readonly number[],
  counts?: ReadonlyMap<number, number>,
): number[] {
  const scores = rules.map((rule, cause) => rule + model.blend * learned[cause]!);
  if (counts && model.context)
    for (const entry of model.context)
      if (counts.has(entry[0]))
        for (let cause = 0; cause < scores.length; cause++) scores[cause]! += entry[cause + 1]!;
  return scores.map((score) => score / model.temperature);
}

/**
 * The top confidence read off the calibration map (linear between its points, flat past its
 * ends), the other causes scaled to fill the rest in their own proportions. A temperature
 * cannot do this alone: naive Bayes is too sure of its surest answers and not sure enough of
 * its unsure ones, and one divisor moves both the same way. The order of the causes never
 * changes: the top is kept at least as high as the runner-up after scaling.
 */
export function calibrateTop(
  probabilities: readonly number[],
  calibration: ReadonlyArray<readonly [number, number]> | undefined,
): number[] {
  if (!calibration?.length) return [...probabilities];
  let top = 0;
  for (let cause = 1; cause < probabilities.length; cause++)
    if (probabilities[cause]! > probabilities[top]!) top = cause;
  const p = probabilities[top]!;
  if (p >= 1) return [...probabilities];
  const runnerUp = Math.max(...probabilities.filter((_, cause) => cause !== top));
  // At the bound the runner-up would tie the top after scaling; just above it, the top stays first.
  const lowest = (runnerUp / (1 - p + runnerUp)) * (1 + 1e-9);
  const mapped = Math.max(interpolate(calibration, p), lowest);
  const rest = (1 - mapped) / (1 - p);
  return probabilities.map((value, cause) => (cause === top ? mapped : value * rest));
}

function interpolate(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  if (x <= points[0]![0]) return points[0]![1];
  for (let at = 1; at < points.length; at++) {
    const [x1, y1] = points[at]!;
    if (x > x1) continue;
    const [x0, y0] = points[at - 1]!;
    return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1]![1];
}

/** Each cause's calibrated probability, in the taxonomy's order. */
export function causeProbabilities(
  model: StoredModel,
  rules: readonly number[],
  learned: readonly number[],
  counts?: ReadonlyMap<number, number>,
): number[] {
  const probabilities = logSoftmax(blendedLogits(model, rules, learned, counts)).map(Math.exp);
  return calibrateTop(probabilities, model.calibration);
}

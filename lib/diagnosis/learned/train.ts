// Training and honest measurement of the learned classifier. The whole pipeline (vocabulary,
// IDF, the learner, the blend with the rules and the calibration temperature) is fitted from
// the examples it is given and nothing else, so cross-validation can refit it inside each fold.
// Deterministic: no randomness anywhere, ties broken by fixed orders.
import type { ClassifyErrorInput } from "../classifier";
import { firingRules, ruleScores } from "../classifier-rules";
import { threadOf, type FieldReport } from "../field-report";
import { CAUSE_IDS, type CauseId } from "../taxonomy";
import { CONTEXT_FEATURES, featuresOf, type FeatureCounts } from "./features";
import {
  binaryVector,
  causeProbabilities,
  learnedLogProbabilities,
  loadModel,
  logSoftmax,
  tfidfVector,
  type Learner,
  type LoadedModel,
  type SparseVector,
  type StoredModel,
} from "./model";

const CAUSES = CAUSE_IDS.length;

/** One field report made ready to learn from or to test on. */
export type Example = {
  report: FieldReport;
  causeIndex: number;
  /** Folds never split a group: the report's `event` when it has one, else its thread. */
  group: string;
  counts: FeatureCounts;
  rules: number[];
};

export function exampleOf(report: FieldReport, options: { withoutNotes?: boolean } = {}): Example {
  const { notes, ...rest } = report.context;
  const input: ClassifyErrorInput = {
    errorString: report.errorString,
    context: options.withoutNotes ? rest : { ...rest, notes },
  };
  return {
    report,
    causeIndex: CAUSE_IDS.indexOf(report.cause),
    group: report.event ? `event:${report.event}` : `thread:${threadOf(report.sourceUrl)}`,
    counts: featuresOf(input),
    rules: ruleScores(firingRules(input).fired),
  };
}

export type TrainOptions = {
  learner: Learner;
  /** Folds inside the training set that give out-of-fold predictions for blend and temperature. */
  innerFolds: number;
  minDocumentFrequency: number;
  /** Naive Bayes: additive smoothing. */
  smoothing: number;
  /** Softmax: L2 penalty on the weights, and how many gradient steps. */
  l2: number;
  steps: number;
  /** kNN: how many neighbours vote. */
  neighbours: number;
  /** The stacking layer over context flags: L2 penalty (0: no layer), steps and step size. */
  stackL2: number;
  stackSteps: number;
  stackRate: number;
};

export const DEFAULT_OPTIONS: TrainOptions = {
  learner: "softmax",
  innerFolds: 5,
  minDocumentFrequency: 2,
  smoothing: 0.1,
  l2: 1e-4,
  steps: 100,
  neighbours: 7,
  stackL2: 0.01,
  stackSteps: 300,
  stackRate: 2,
};

const hashString = (text: string) => {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  return hash >>> 0;
};

/**
 * A fold for each example, k folds, never splitting a group. Groups go, in a fixed shuffled
 * order (by a hash of their name), to the fold holding the fewest examples so far.
 */
export function groupedFolds(examples: readonly Pick<Example, "group">[], k: number): number[] {
  const members = new Map<string, number[]>();
  for (const [index, { group }] of examples.entries()) {
    const list = members.get(group) ?? [];
    list.push(index);
    members.set(group, list);
  }
  const groups = [...members.keys()].sort(
    (a, b) => hashString(a) - hashString(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const sizes = new Array<number>(k).fill(0);
  const fold = new Array<number>(examples.length).fill(0);
  for (const group of groups) {
    const target = sizes.indexOf(Math.min(...sizes));
    for (const index of members.get(group)!) fold[index] = target;
    sizes[target]! += members.get(group)!.length;
  }
  return fold;
}

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  const rounded = Math.round(value * scale) / scale;
  return Object.is(rounded, -0) ? 0 : rounded;
};

function softmaxWeights(
  vectors: readonly SparseVector[],
  offsets: readonly (readonly number[])[],
  labels: readonly number[],
  features: number,
  l2: number,
  steps: number,
): { weights: Float64Array; bias: Float64Array } {
  // Full-batch gradient descent with Nesterov momentum from zero: the same data gives the same
  // weights on every run. Rows are L2-normalised, so a step of 1 is safe. The rules' scores are
  // a fixed offset: the weights learn what the rules miss or get wrong, and where the corpus
  // says nothing the rules stand.
  const size = features * CAUSES;
  const weights = new Float64Array(size);
  const bias = new Float64Array(CAUSES);
  const velocity = new Float64Array(size);
  const biasVelocity = new Float64Array(CAUSES);
  const ahead = new Float64Array(size);
  const aheadBias = new Float64Array(CAUSES);
  const gradient = new Float64Array(size);
  const biasGradient = new Float64Array(CAUSES);
  const rate = 1;
  const momentum = 0.9;
  const scores = new Float64Array(CAUSES);
  const n = vectors.length;
  for (let step = 0; step < steps; step++) {
    for (let at = 0; at < size; at++) ahead[at] = weights[at]! + momentum * velocity[at]!;
    for (let c = 0; c < CAUSES; c++) aheadBias[c] = bias[c]! + momentum * biasVelocity[c]!;
    for (let at = 0; at < size; at++) gradient[at] = l2 * ahead[at]!;
    biasGradient.fill(0);
    for (let row = 0; row < n; row++) {
      const { index, value } = vectors[row]!;
      for (let c = 0; c < CAUSES; c++) scores[c] = aheadBias[c]! + offsets[row]![c]!;
      for (let at = 0; at < index.length; at++) {
        const base = index[at]! * CAUSES;
        const x = value[at]!;
        for (let c = 0; c < CAUSES; c++) scores[c]! += x * ahead[base + c]!;
      }
      let highest = -Infinity;
      for (let c = 0; c < CAUSES; c++) highest = Math.max(highest, scores[c]!);
      let total = 0;
      for (let c = 0; c < CAUSES; c++) total += scores[c] = Math.exp(scores[c]! - highest);
      for (let c = 0; c < CAUSES; c++)
        scores[c] = (scores[c]! / total - (c === labels[row] ? 1 : 0)) / n;
      for (let c = 0; c < CAUSES; c++) biasGradient[c]! += scores[c]!;
      for (let at = 0; at < index.length; at++) {
        const base = index[at]! * CAUSES;
        const x = value[at]!;
        for (let c = 0; c < CAUSES; c++) gradient[base + c]! += x * scores[c]!;
      }
    }
    for (let at = 0; at < size; at++) {
      velocity[at] = momentum * velocity[at]! - rate * gradient[at]!;
      weights[at]! += velocity[at]!;
    }
    for (let c = 0; c < CAUSES; c++) {
      biasVelocity[c] = momentum * biasVelocity[c]! - rate * biasGradient[c]!;
      bias[c]! += biasVelocity[c]!;
    }
  }
  return { weights, bias };
}

function naiveBayesWeights(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  features: number,
  smoothing: number,
): { weights: Float64Array; bias: Float64Array } {
  const counts = new Float64Array(features * CAUSES);
  const totals = new Float64Array(CAUSES);
  const documents = new Float64Array(CAUSES);
  for (const [row, { index }] of vectors.entries()) {
    const cause = labels[row]!;
    documents[cause]! += 1;
    for (const feature of index) {
      counts[feature * CAUSES + cause]! += 1;
      totals[cause]! += 1;
    }
  }
  const weights = new Float64Array(features * CAUSES);
  for (let feature = 0; feature < features; feature++)
    for (let c = 0; c < CAUSES; c++)
      weights[feature * CAUSES + c] = Math.log(
        (counts[feature * CAUSES + c]! + smoothing) / (totals[c]! + smoothing * features),
      );
  // Class frequencies as the prior, smoothed so a cause absent from a fold keeps some mass.
  const bias = Float64Array.from(documents, (count) =>
    Math.log((count + 1) / (vectors.length + CAUSES)),
  );
  return { weights, bias };
}

// A report keeps its heaviest features only, renormalised: similarity needs the distinctive
// words and codes, and the model file stays small enough to load at every CLI start.
const REPORT_VECTOR_FEATURES = 64;

function reportVector({ index, value }: SparseVector): Array<[number, number]> {
  const heaviest = Array.from(index, (feature, at): [number, number] => [feature, value[at]!])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, REPORT_VECTOR_FEATURES);
  const norm = Math.sqrt(heaviest.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1;
  return heaviest
    .map(([feature, weight]): [number, number] => [feature, round(weight / norm, 3)])
    .sort((a, b) => a[0] - b[0]);
}

/** The learned part alone, fitted on `examples`; blend and temperature 1 until calibrated. */
export function fitLearned(examples: readonly Example[], options: TrainOptions): StoredModel {
  const documentFrequency = new Map<number, number>();
  for (const { counts } of examples)
    for (const hash of counts.keys())
      documentFrequency.set(hash, (documentFrequency.get(hash) ?? 0) + 1);
  const kept = [...documentFrequency.entries()]
    .filter(([, frequency]) => frequency >= options.minDocumentFrequency)
    .map(([hash]) => hash)
    .sort((a, b) => a - b);
  const indexOf = new Map(kept.map((hash, index) => [hash, index]));
  const n = examples.length;
  const idf = kept.map((hash) =>
    round(Math.log((1 + n) / (1 + documentFrequency.get(hash)!)) + 1, 4),
  );
  const tfidf = examples.map(({ counts }) => tfidfVector(counts, indexOf, idf));
  const labels = examples.map(({ causeIndex }) => causeIndex);
  let fitted: { weights: Float64Array; bias: Float64Array } | null = null;
  if (options.learner === "softmax")
    fitted = softmaxWeights(
      tfidf,
      examples.map(({ rules }) => rules),
      labels,
      kept.length,
      options.l2,
      options.steps,
    );
  else if (options.learner === "naive_bayes")
    fitted = naiveBayesWeights(
      examples.map(({ counts }) => binaryVector(counts, indexOf)),
      labels,
      kept.length,
      options.smoothing,
    );
  return {
    format: 1,
    learner: options.learner,
    neighbours: options.neighbours,
    blend: 1,
    temperature: 1,
    logCauseShare: CAUSE_IDS.map((_, cause) =>
      round(Math.log((labels.filter((label) => label === cause).length + 1) / (n + CAUSES)), 4),
    ),
    bias: fitted ? Array.from(fitted.bias, (value) => round(value, 4)) : new Array(CAUSES).fill(0),
    features: kept.map((hash, index) => [
      hash,
      idf[index]!,
      ...(fitted
        ? Array.from(fitted.weights.subarray(index * CAUSES, (index + 1) * CAUSES), (value) =>
            round(value, 3),
          )
        : []),
    ]),
    reports: examples.map(({ report }, row) => ({
      sourceUrl: report.sourceUrl,
      brand: report.brand,
      cause: report.cause,
      settledBy: report.settledBy,
      vector: reportVector(tfidf[row]!),
    })),
  };
}

const learnedFor = (model: LoadedModel, example: Example) =>
  learnedLogProbabilities(model, example.counts, example.rules);

/** Out-of-fold learned log-probabilities for every example, folds grouped. */
function outOfFoldLearned(examples: readonly Example[], options: TrainOptions): number[][] {
  const folds = groupedFolds(examples, options.innerFolds);
  const predictions: number[][] = new Array(examples.length);
  for (let fold = 0; fold < options.innerFolds; fold++) {
    const training = examples.filter((_, index) => folds[index] !== fold);
    const model = loadModel(fitLearned(training, options));
    for (const [index, example] of examples.entries())
      if (folds[index] === fold) predictions[index] = learnedFor(model, example);
  }
  return predictions;
}

// Blend weights tried: the learners' log-probabilities differ in scale by orders of magnitude
// (naive Bayes sums hundreds of log-likelihoods), so the grid is geometric, from 1/256 to 8.
const BLENDS = [0, ...Array.from({ length: 12 }, (_, step) => 2 ** (step - 8))];

function negativeLogLikelihood(logits: readonly number[][], labels: readonly number[], t: number) {
  let total = 0;
  for (const [row, scores] of logits.entries())
    total -= logSoftmax(scores.map((score) => score / t))[labels[row]!]!;
  return total / logits.length;
}

/** The temperature that minimises the negative log-likelihood (golden-section on log t). */
export function fitTemperature(logits: readonly number[][], labels: readonly number[]): number {
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 30; step++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (
      negativeLogLikelihood(logits, labels, Math.exp(a)) <=
      negativeLogLikelihood(logits, labels, Math.exp(b))
    )
      high = b;
    else low = a;
  }
  return Math.exp((low + high) / 2);
}

const argmax = (scores: readonly number[]) =>
  scores.reduce((best, score, index) => (score > scores[best]! ? index : best), 0);

/**
 * The blend, chosen on out-of-fold learned predictions: the most accurate, unless a smaller
 * blend (more weight on the reviewed rules) is within one standard error of it. Both are scored
 * on the same reports, so the error is the paired one, the square root of the reports on which
 * exactly one of the two is right. Between blends that close the corpus cannot tell which is
 * better, and the rules carry vendors' documented vocabulary that a few hundred reports only
 * sample (the one-standard-error rule: the simplest model the data do not reject).
 */
function chooseBlend(learned: readonly number[][], examples: readonly Example[]): number {
  const rightBy = BLENDS.map((blend) =>
    examples.map(
      ({ rules, causeIndex }, row) =>
        argmax(rules.map((rule, cause) => rule + blend * learned[row]![cause]!)) === causeIndex,
    ),
  );
  const counts = rightBy.map((right) => right.filter(Boolean).length);
  const best = counts.indexOf(Math.max(...counts));
  const closeEnough = (index: number) => {
    const discordant = rightBy[index]!.filter((right, row) => right !== rightBy[best]![row]).length;
    return counts[best]! - counts[index]! <= Math.sqrt(discordant);
  };
  return BLENDS[BLENDS.findIndex((_, index) => index <= best && closeEnough(index))]!;
}

/**
 * The whole pipeline on `examples`: out-of-fold learned predictions choose the blend and the
 * temperature; the learner is then fitted on all.
 */
export function fitClassifier(examples: readonly Example[], options: TrainOptions): StoredModel {
  const learned = outOfFoldLearned(examples, options);
  const labels = examples.map(({ causeIndex }) => causeIndex);
  const blend = chooseBlend(learned, examples);
  const base = examples.map(({ rules }, row) =>
    rules.map((rule, cause) => rule + blend * learned[row]![cause]!),
  );
  const present = examples.map(({ counts }) =>
    CONTEXT_FEATURES.map((feature) => (counts.has(feature) ? 1 : 0)),
  );
  const stacked = options.stackL2 > 0 ? contextWeights(base, present, labels, options) : null;
  const logits = stacked
    ? base.map((scores, row) =>
        scores.map((score, cause) =>
          present[row]!.reduce((sum, on, j) => sum + on * stacked[j]![cause]!, score),
        ),
      )
    : base;
  const temperature = round(fitTemperature(logits, labels), 4);
  return {
    ...fitLearned(examples, options),
    blend,
    temperature,
    calibration: topCalibration(logits, labels, temperature),
    ...(stacked
      ? {
          context: CONTEXT_FEATURES.map((feature, j): [number, ...number[]] => [
            feature,
            ...stacked[j]!.map((weight) => round(weight, 3)),
          ]),
        }
      : {}),
  };
}

/**
 * The calibration map of the top confidence: isotonic regression (pool adjacent violators) of
 * whether the top cause was right on its confidence, over the out-of-fold predictions; one
 * point per pooled block, at its mean confidence and its share right. Two made-up predictions
 * join them, a right one as unsure as ten causes allow and a wrong one fully sure, so the map's
 * ends are pooled with one case against them and never claim 0 or 1 from a few reports.
 * Written here rather than taken from a library: npm has no maintained isotonic regression, and
 * pooling is a dozen lines.
 */
function topCalibration(
  logits: readonly number[][],
  labels: readonly number[],
  temperature: number,
): Array<[number, number]> {
  const tops = logits
    .map((scores, row) => {
      const probabilities = logSoftmax(scores.map((score) => score / temperature)).map(Math.exp);
      const top = argmax(probabilities);
      return { confidence: probabilities[top]!, right: top === labels[row] ? 1 : 0 };
    })
    .concat({ confidence: 1 / CAUSES, right: 1 }, { confidence: 1, right: 0 })
    .sort((a, b) => a.confidence - b.confidence);
  const blocks: Array<{ confidence: number; right: number; size: number }> = [];
  for (const { confidence, right } of tops) {
    blocks.push({ confidence, right, size: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const before = blocks[blocks.length - 2]!;
      if (before.right / before.size < last.right / last.size) break;
      blocks.splice(-2, 2, {
        confidence: before.confidence + last.confidence,
        right: before.right + last.right,
        size: before.size + last.size,
      });
    }
  }
  return blocks.map(({ confidence, right, size }) => [
    round(confidence / size, 4),
    round(right / size, 4),
  ]);
}

/**
 * The stacking layer: one weight per context flag (note phrases, which versions and whether a
 * region were given) and cause, added to the blended out-of-fold scores, fitted by gradient
 * descent on their log-likelihood with an L2 penalty. No per-cause bias, nor flags every
 * report has one of (the status class): that would bring back the corpus's mix of causes,
 * which the learned part takes out.
 */
function contextWeights(
  base: readonly number[][],
  present: readonly number[][],
  labels: readonly number[],
  options: TrainOptions,
): number[][] {
  const phrases = CONTEXT_FEATURES.length;
  const weights = Array.from({ length: phrases }, () => new Array<number>(CAUSES).fill(0));
  const n = base.length;
  for (let step = 0; step < options.stackSteps; step++) {
    const gradient = weights.map((row) => row.map((weight) => options.stackL2 * weight));
    for (let row = 0; row < n; row++) {
      const scores = base[row]!.map((score, cause) =>
        present[row]!.reduce((sum, on, j) => sum + on * weights[j]![cause]!, score),
      );
      const probabilities = logSoftmax(scores).map(Math.exp);
      for (let j = 0; j < phrases; j++) {
        if (!present[row]![j]) continue;
        for (let c = 0; c < CAUSES; c++)
          gradient[j]![c]! += (probabilities[c]! - (c === labels[row] ? 1 : 0)) / n;
      }
    }
    for (let j = 0; j < phrases; j++)
      for (let c = 0; c < CAUSES; c++) weights[j]![c]! -= options.stackRate * gradient[j]![c]!;
  }
  return weights;
}

/** Probabilities (taxonomy order) from a fitted pipeline for one example. */
export function predict(model: LoadedModel, example: Example) {
  const learned = learnedFor(model, example);
  const final = causeProbabilities(model.stored, example.rules, learned, example.counts);
  return { learned, final };
}

export type Evaluation = {
  top1: number;
  top3: number;
  learnedTop1: number;
  rulesTop1: number;
  ece: number;
  recall: Record<CauseId, number>;
  /** confusion[actual][predicted], counts. */
  confusion: number[][];
  predictions: Array<{ actual: number; probabilities: number[] }>;
};

const rankOf = (probabilities: readonly number[], cause: number) =>
  probabilities.filter(
    (p, index) => p > probabilities[cause]! || (p === probabilities[cause]! && index < cause),
  ).length;

/** Expected calibration error of the top confidence, equal-width bins. */
export function expectedCalibrationError(
  predictions: ReadonlyArray<{ actual: number; probabilities: number[] }>,
  bins = 10,
): number {
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  for (const { actual, probabilities } of predictions) {
    const top = argmax(probabilities);
    const bin = Math.min(bins - 1, Math.floor(probabilities[top]! * bins));
    count[bin]! += 1;
    confidence[bin]! += probabilities[top]!;
    correct[bin]! += top === actual ? 1 : 0;
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin++)
    if (count[bin]! > 0) error += Math.abs(correct[bin]! - confidence[bin]!) / predictions.length;
  return error;
}

export function summarise(
  rows: ReadonlyArray<{
    actual: number;
    probabilities: number[];
    learned: number[];
    rules: number[];
  }>,
): Evaluation {
  const confusion = CAUSE_IDS.map(() => new Array<number>(CAUSES).fill(0));
  for (const { actual, probabilities } of rows) confusion[actual]![argmax(probabilities)]! += 1;
  const share = (hits: number) => (rows.length ? hits / rows.length : 0);
  return {
    top1: share(rows.filter((row) => argmax(row.probabilities) === row.actual).length),
    top3: share(rows.filter((row) => rankOf(row.probabilities, row.actual) < 3).length),
    learnedTop1: share(rows.filter((row) => argmax(row.learned) === row.actual).length),
    rulesTop1: share(rows.filter((row) => argmax(row.rules) === row.actual).length),
    ece: expectedCalibrationError(rows),
    recall: Object.fromEntries(
      CAUSE_IDS.map((cause, index) => {
        const total = confusion[index]!.reduce((sum, value) => sum + value, 0);
        return [cause, total ? confusion[index]![index]! / total : 0];
      }),
    ) as Record<CauseId, number>,
    confusion,
    predictions: rows.map(({ actual, probabilities }) => ({ actual, probabilities })),
  };
}

/**
 * k-fold cross-validation grouped by thread and event, refitting the whole pipeline in each
 * fold. `tests` gives the version of each example to test on (the same, or without notes).
 */
export function crossValidate(
  examples: readonly Example[],
  options: TrainOptions,
  folds: number,
  tests: ReadonlyArray<readonly Example[]> = [examples],
): Evaluation[] {
  const fold = groupedFolds(examples, folds);
  const rows = tests.map(
    () =>
      [] as Array<{ actual: number; probabilities: number[]; learned: number[]; rules: number[] }>,
  );
  for (let held = 0; held < folds; held++) {
    const model = loadModel(
      fitClassifier(
        examples.filter((_, index) => fold[index] !== held),
        options,
      ),
    );
    for (const [variant, testExamples] of tests.entries())
      for (const [index, example] of testExamples.entries()) {
        if (fold[index] !== held) continue;
        const { learned, final } = predict(model, example);
        rows[variant]!.push({
          actual: example.causeIndex,
          probabilities: final,
          learned,
          rules: example.rules,
        });
      }
  }
  return rows.map(summarise);
}

/**
 * Grouped cross-validation again, each fold's training set cut to a share of its groups (by a
 * second grouped split into `parts`): top-1 against how many reports the pipeline learned from.
 * A curve still rising says more reports of the same kind would help; a flat one says they
 * would not.
 */
export function learningCurve(
  examples: readonly Example[],
  options: TrainOptions,
  folds: number,
  parts: number,
): Array<{ trainedOn: number; top1: number }> {
  const fold = groupedFolds(examples, folds);
  const part = groupedFolds(examples, parts);
  return Array.from({ length: parts }, (_, index) => index + 1).map((kept) => {
    let trainedOn = 0;
    let hits = 0;
    for (let held = 0; held < folds; held++) {
      const training = examples.filter((_, at) => fold[at] !== held && part[at]! < kept);
      trainedOn += training.length / folds;
      const model = loadModel(fitClassifier(training, options));
      hits += examples.filter(
        (example, at) =>
          fold[at] === held && argmax(predict(model, example).final) === example.causeIndex,
      ).length;
    }
    return { trainedOn: Math.round(trainedOn), top1: hits / examples.length };
  });
}

/**
 * Train on every brand but one, test on that one, for each brand with at least `minRecords`
 * records. Reports sharing an event with the held-out brand are left out of training too, so
 * one outage seen from two makes does not leak. Returns each brand's top-1 accuracy.
 */
export function brandHoldout(
  examples: readonly Example[],
  options: TrainOptions,
  minRecords: number,
): Array<{ brand: string; records: number; top1: number }> {
  const brands = new Map<string, number>();
  for (const { report } of examples) brands.set(report.brand, (brands.get(report.brand) ?? 0) + 1);
  const held = [...brands.entries()]
    .filter(([, count]) => count >= minRecords)
    .map(([brand]) => brand)
    .sort();
  return held.map((brand) => {
    const test = examples.filter(({ report }) => report.brand === brand);
    const testGroups = new Set(test.map(({ group }) => group));
    const training = examples.filter(
      ({ report, group }) => report.brand !== brand && !testGroups.has(group),
    );
    const model = loadModel(fitClassifier(training, options));
    const hits = test.filter(
      (example) => argmax(predict(model, example).final) === example.causeIndex,
    ).length;
    return { brand, records: test.length, top1: hits / test.length };
  });
}

/** The learners the trainer compares; it keeps the one with the best grouped-CV top-1. */
export const CANDIDATES: readonly TrainOptions[] = [
  { ...DEFAULT_OPTIONS, learner: "naive_bayes" },
  { ...DEFAULT_OPTIONS, learner: "softmax" },
  { ...DEFAULT_OPTIONS, learner: "knn" },
];

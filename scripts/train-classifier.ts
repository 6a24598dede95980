// `npm run train:classifier [-- --internal DIR]`: trains the learned half of the text
// classifier from the field reports (plus the team's exported incidents in DIR, when given) and
// writes lib/diagnosis/model/classifier-model.json. Each candidate learner is measured by 5-fold
// cross-validation grouped by thread and event (the whole pipeline refitted per fold) and the
// best by top-1 accuracy is kept. Same corpus, same file, byte for byte.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { FieldReportError } from "@/lib/diagnosis/field-report";
import { trainingCorpus } from "@/lib/diagnosis/learned/corpus";
import {
  CANDIDATES,
  crossValidate,
  exampleOf,
  fitClassifier,
  type TrainOptions,
} from "@/lib/diagnosis/learned/train";

const MODEL_FILE = path.join(process.cwd(), "lib/diagnosis/model/classifier-model.json");
const FOLDS = 5;

// A flag rather than a setting in the environment, so a retrain never takes in a team's history
// that its runner did not name.
const argsSchema = z.object({
  internal: z.string().trim().min(1, { error: "--internal: give the folder" }).optional(),
});

function parsedArgs() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { internal: { type: "string" } },
    });
    const parsed = argsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    console.error(`train:classifier: ${parsed.error.issues[0]!.message}`);
  } catch (error) {
    console.error(`train:classifier: ${(error as Error).message}`);
  }
  console.error("usage: npm run train:classifier [-- --internal DIR]");
  process.exit(2);
}

const { internal } = parsedArgs();
let corpus;
try {
  corpus = trainingCorpus(internal && path.resolve(process.env.INIT_CWD ?? ".", internal));
} catch (error) {
  if (!(error instanceof FieldReportError)) throw error;
  console.error(`train:classifier: refusing the corpus: ${error.message}`);
  process.exit(1);
}
const examples = [...corpus.public, ...corpus.internal].map((report) => exampleOf(report));
console.error(
  `train:classifier: ${corpus.public.length} public field reports${internal ? ` and ${corpus.internal.length} of the team's own` : ""}`,
);

let best: { options: TrainOptions; top1: number; top3: number } | null = null;
for (const options of CANDIDATES) {
  const started = performance.now();
  const [evaluation] = crossValidate(examples, options, FOLDS);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.error(
    `train:classifier: ${options.learner}: cv top-1 ${evaluation!.top1.toFixed(3)}, top-3 ${evaluation!.top3.toFixed(3)}, learned alone ${evaluation!.learnedTop1.toFixed(3)}, ece ${evaluation!.ece.toFixed(3)} (${seconds} s)`,
  );
  if (
    !best ||
    evaluation!.top1 > best.top1 ||
    (evaluation!.top1 === best.top1 && evaluation!.top3 > best.top3)
  )
    best = { options, top1: evaluation!.top1, top3: evaluation!.top3 };
}

const model = fitClassifier(examples, best!.options);
console.error(
  `train:classifier: kept ${model.learner} (blend ${model.blend}, temperature ${model.temperature}, ${model.features.length} features)`,
);
// One feature or report a line: a retrained model diffs line by line in review.
const lines = [
  "{",
  `"format": ${model.format}, "learner": ${JSON.stringify(model.learner)}, "neighbours": ${model.neighbours}, "blend": ${model.blend}, "temperature": ${model.temperature},`,
  `"logCauseShare": ${JSON.stringify(model.logCauseShare)},`,
  `"bias": ${JSON.stringify(model.bias)},`,
  ...(model.context ? [`"context": ${JSON.stringify(model.context)},`] : []),
  ...(model.calibration ? [`"calibration": ${JSON.stringify(model.calibration)},`] : []),
  `"features": [`,
  model.features.map((feature) => JSON.stringify(feature)).join(",\n"),
  `],`,
  `"reports": [`,
  model.reports.map((report) => JSON.stringify(report)).join(",\n"),
  `]`,
  "}",
];
writeFileSync(MODEL_FILE, `${lines.join("\n")}\n`);
console.error(`train:classifier: wrote ${path.relative(process.cwd(), MODEL_FILE)}`);

// classify.lines_per_s: JSON Lines piped through the real `pitstop classify` process, timed from
// spawn to exit so process start counts. classify.in_process_lines_per_s: classifyError called
// directly on the same inputs, the ceiling the CLI's own overhead is measured against.
// The accuracy figures come from the field reports and only from predictions on reports the
// pipeline did not train on: grouped k-fold cross-validation and a brand held out at a time.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { classifyError, shippedModel, type ClassifyErrorInput } from "@/lib/diagnosis/classifier";
import { FIELD_REPORTS_DIR, loadFieldReports } from "@/lib/diagnosis/field-report";
import {
  brandHoldout,
  CANDIDATES,
  crossValidate,
  exampleOf,
  learningCurve,
  type Evaluation,
} from "@/lib/diagnosis/learned/train";
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";
import { log } from "./support";

const CV_FOLDS = 5;
// Brands with fewer reports than this give a top-1 from a handful of cases: noise, not signal.
const HOLDOUT_MIN_RECORDS = 10;
// The learning curve trains on a quarter, half, three quarters and all of each fold's groups.
const CURVE_PARTS = 4;

const LINE_COUNT = 50_000;
const WRITE_BATCH_LINES = 1_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// A spread over the causes and the shapes errors arrive in (bare text, JSON bodies, stack-ish
// lines, with and without context), varied per line so no two lines are the same.
const FAILURES: ReadonlyArray<(n: number) => ClassifyErrorInput> = [
  (n) => ({
    errorString: `HTTP 429 Too Many Requests on /v2/vehicles/${n}/status; Retry-After: ${n % 60}`,
  }),
  (n) => ({
    errorString: `Couldn't pair your vehicle. Please try again. (PAIR-${400 + (n % 40)})`,
  }),
  (n) => ({
    errorString: `{"error":"invalid_grant","error_description":"refresh token expired ${n}s ago"}`,
    context: { httpStatus: 400 },
  }),
  (n) => ({
    errorString: `remote start command timed out after ${n % 90}s: TCU did not acknowledge`,
    context: { httpStatus: 504 },
  }),
  (n) => ({
    errorString: `getaddrinfo ENOTFOUND api-${n % 9}.connected.example.com`,
    context: { appVersion: "5.1.0" },
  }),
  (n) => ({
    errorString: `403 Forbidden: token lacks scope vehicle:commands:${n % 30}`,
    context: { sdkVersion: "3.4.2" },
  }),
  (n) => ({
    errorString: `Connected Services subscription expired on day ${n % 365}`,
    context: { region: "US" },
  }),
  (n) => ({
    errorString: `App version 4.${n % 20}.0 is no longer supported; update the app`,
    context: { httpStatus: 426 },
  }),
  (n) => ({
    errorString: `upstream connect error or disconnect/reset before headers (attempt ${n})`,
    context: { httpStatus: 503, notes: "many owners report the same" },
  }),
  (n) => ({ errorString: `Remote climate is not offered for vehicles in market ${n % 12}` }),
  (n) => ({
    errorString: `Error Domain=NSURLErrorDomain Code=-1009 "The Internet connection appears to be offline." request ${n}`,
  }),
  (n) => ({ errorString: `Something went wrong (ref ${n})` }),
];

const benchInputs = (): ClassifyErrorInput[] =>
  Array.from({ length: LINE_COUNT }, (_, n) => FAILURES[n % FAILURES.length]!(n));

async function pipeThroughCli(lines: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(path.join(root, "bin/pitstop"), ["classify"], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  let outputLines = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) outputLines++;
  });
  const closed = once(child, "close");
  for (let start = 0; start < lines.length; start += WRITE_BATCH_LINES) {
    const batch = `${lines.slice(start, start + WRITE_BATCH_LINES).join("\n")}\n`;
    if (!child.stdin.write(batch)) await once(child.stdin, "drain");
  }
  child.stdin.end();
  const [code] = (await closed) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`pitstop classify exited with ${code}`);
  if (outputLines !== lines.length)
    throw new Error(`pitstop classify answered ${outputLines} lines for ${lines.length}`);
  return lines.length / seconds;
}

function classifyInProcess(inputs: readonly ClassifyErrorInput[]): number {
  for (const input of inputs.slice(0, 5_000)) classifyError(input);
  const started = performance.now();
  for (const input of inputs) classifyError(input);
  return inputs.length / ((performance.now() - started) / 1000);
}

const figure = (value: number) => Number(value.toFixed(3));

function logConfusion(evaluation: Evaluation) {
  const short = CAUSE_IDS.map((cause) => cause.slice(0, 8).padStart(8));
  log(`classify: per-cause recall (cross-validated)`);
  for (const cause of CAUSE_IDS)
    log(`  ${cause.padEnd(22)} ${(evaluation.recall[cause] * 100).toFixed(0).padStart(3)} %`);
  log(`classify: confusion matrix, rows actual, columns predicted`);
  log(`  ${"".padEnd(22)} ${short.join(" ")}`);
  for (const [row, cause] of CAUSE_IDS.entries())
    log(
      `  ${cause.padEnd(22)} ${evaluation.confusion[row]!.map((count) => String(count).padStart(8)).join(" ")}`,
    );
}

/** Accuracy and calibration of the shipped pipeline, never on data it trained on. */
function benchAccuracy(): Record<string, number> {
  const options = CANDIDATES.find((candidate) => candidate.learner === shippedModel().learner)!;
  const reports = loadFieldReports(FIELD_REPORTS_DIR);
  const examples = reports.map((report) => exampleOf(report));
  const withoutNotes = reports.map((report) => exampleOf(report, { withoutNotes: true }));
  log(`classify: ${CV_FOLDS}-fold grouped cross-validation of the ${options.learner} pipeline`);
  const [cv, cvWithoutNotes] = crossValidate(examples, options, CV_FOLDS, [examples, withoutNotes]);
  logConfusion(cv!);
  log(`classify: holding out each brand with at least ${HOLDOUT_MIN_RECORDS} reports`);
  const brands = brandHoldout(examples, options, HOLDOUT_MIN_RECORDS);
  for (const { brand, records, top1 } of brands)
    log(`  ${brand.padEnd(16)} ${String(records).padStart(4)} reports  top-1 ${top1.toFixed(2)}`);
  log(`classify: learning curve (cv top-1 against the reports each fold trained on)`);
  for (const { trainedOn, top1 } of learningCurve(examples, options, CV_FOLDS, CURVE_PARTS))
    log(`  ${String(trainedOn).padStart(4)} reports  top-1 ${top1.toFixed(3)}`);
  const brandMean = brands.reduce((sum, { top1 }) => sum + top1, 0) / brands.length;
  log(
    `classify: cv top-1 ${cv!.top1.toFixed(3)} (rules alone ${cv!.rulesTop1.toFixed(3)}, learned alone ${cv!.learnedTop1.toFixed(3)})`,
  );
  return {
    "classify.cv_top1": figure(cv!.top1),
    "classify.cv_top3": figure(cv!.top3),
    "classify.brand_holdout_top1": figure(brandMean),
    "classify.ece": figure(cv!.ece),
    "classify.cv_top1_no_notes": figure(cvWithoutNotes!.top1),
    "classify.cv_top1_learned": figure(cv!.learnedTop1),
  };
}

export async function benchClassify(): Promise<Record<string, number>> {
  const inputs = benchInputs();
  const lines = inputs.map((input) => JSON.stringify(input));
  // One short run first, so the timed run pays a normal start rather than tsx's first compile.
  await pipeThroughCli(lines.slice(0, 10));
  log(`classify: piping ${lines.length} lines through pitstop classify`);
  const linesPerSecond = await pipeThroughCli(lines);
  const inProcessLinesPerSecond = classifyInProcess(inputs);
  log(
    `classify: ${Math.round(linesPerSecond)} lines/s through the CLI, ${Math.round(inProcessLinesPerSecond)} in process`,
  );
  return {
    "classify.lines_per_s": Math.round(linesPerSecond),
    "classify.in_process_lines_per_s": Math.round(inProcessLinesPerSecond),
    ...benchAccuracy(),
  };
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  classifyError,
  classifyWithSimilar,
  explainClassification,
  similarReports,
} from "@/lib/diagnosis/classifier";
import { parseClassifyLine } from "@/lib/diagnosis/classify-input";
import { FIELD_REPORTS_DIR, loadFieldReports } from "@/lib/diagnosis/field-report";
import { featuresOf } from "@/lib/diagnosis/learned/features";
import { calibrateTop } from "@/lib/diagnosis/learned/model";
import {
  CANDIDATES,
  crossValidate,
  exampleOf,
  fitClassifier,
  groupedFolds,
  learningCurve,
} from "@/lib/diagnosis/learned/train";
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";

const expectAnAnswer = (result: ReturnType<typeof classifyError>) => {
  expect(result.causes.map((item) => item.cause).sort()).toEqual([...CAUSE_IDS].sort());
  const total = result.causes.reduce((sum, item) => sum + item.confidence, 0);
  expect(Math.abs(total - 1)).toBeLessThan(1e-9);
};

describe("classifyError on bad input", () => {
  it("answers a report with no text but a status, from the status", () => {
    const result = classifyError({ errorString: "", context: { httpStatus: 429 } });
    expectAnAnswer(result);
    expect(result.causes[0]!.cause).toBe("rate_limited");
    expect(
      parseClassifyLine(JSON.stringify({ errorString: "", context: { httpStatus: 503 } })),
    ).toMatchObject({ ok: true });
  });

  it("answers text in another language", () => {
    for (const errorString of [
      "Seit heute Vormittag kann keine Verbindung mehr zum Server hergestellt werden.",
      "車両と通信できませんでした。しばらくしてから再度お試しください。",
      "Не удалось подключиться к автомобилю",
    ])
      expectAnAnswer(classifyError({ errorString }));
  });

  it("answers a 2 MB log quickly, reading its head and tail", () => {
    const log = `Error: boom\n${"DEBUG polling vehicle state ok\n".repeat(70_000)}HTTP 429 Too Many Requests`;
    expect(log.length).toBeGreaterThan(2_000_000);
    const started = performance.now();
    const result = classifyError({ errorString: log });
    expect(performance.now() - started).toBeLessThan(1_000);
    expectAnAnswer(result);
    expect(result.causes[0]!.cause).toBe("rate_limited");
  });
});

describe("similarReports", () => {
  const reports = loadFieldReports(FIELD_REPORTS_DIR);

  it("finds a corpus report itself first, with its link, brand, cause and how it settled", () => {
    const report = reports.find((candidate) => candidate.brand === "BMW")!;
    const [closest] = similarReports({ errorString: report.errorString, context: report.context });
    expect(closest).toMatchObject({
      sourceUrl: report.sourceUrl,
      brand: report.brand,
      cause: report.cause,
      settledBy: report.settledBy,
    });
    // Reports keep their 64 heaviest features, so a report is not a perfect match for itself.
    expect(closest!.similarity).toBeGreaterThan(0.5);
  });

  it("gives k reports, most similar first", () => {
    const similar = similarReports({ errorString: "Out of call volume quota", context: {} }, 5);
    expect(similar).toHaveLength(5);
    for (const [index, report] of similar.entries())
      if (index > 0) expect(report.similarity).toBeLessThanOrEqual(similar[index - 1]!.similarity);
  });

  it("is what classifyWithSimilar carries beside the same causes classifyError gives", () => {
    const input = { errorString: "invalid guid and vin mapping", context: { httpStatus: 403 } };
    const combined = classifyWithSimilar(input);
    expect(combined.causes).toEqual(classifyError(input).causes);
    expect(combined.similar).toEqual(similarReports(input));
  });
});

describe("explainClassification says what moved each cause", () => {
  it("names the rules and the nearby reports behind each cause", () => {
    const explained = explainClassification({
      errorString:
        'Request Failed. 403, {"responseCode": "APIGW-403", "detailedDescription": "invalid guid and vin mapping"}',
    });
    expect(explained.causes[0]!.cause).toBe("vehicle_not_linked");
    const reasons = explained.reasons.find((reason) => reason.cause === "vehicle_not_linked")!;
    expect(reasons.rules.map((rule) => rule.id)).toContain("toyota-apigw-vin-mapping");
    expect(reasons.reports.length).toBeGreaterThan(0);
    for (const report of reasons.reports) expect(report.cause).toBe("vehicle_not_linked");
    expect(explained.reasons.map((reason) => reason.cause)).toEqual(
      explained.causes.map((item) => item.cause),
    );
  });
});

describe("vendor vocabularies", () => {
  it.each([
    [
      "Wallbox: vehicle soc: 403: Out of call volume quota. Quota will be replenished in 00:39:41.",
      "rate_limited",
    ],
    ['{"type":"VEHICLE_STATE","code":"ASLEEP"}', "vehicle_connectivity"],
    ['{"type":"COMPATIBILITY","code":"MAKE_NOT_COMPATIBLE"}', "region_unavailable"],
    ["Tesla Vehicle Command Protocol required, please refer to the documentation", "app_version"],
    ['{"error":"unsupported_grant_type"}', "app_version"],
  ])("reads %j as %s", (errorString, cause) => {
    expect(classifyError({ errorString }).causes[0]!.cause).toBe(cause);
  });
});

describe("the learned model's inputs", () => {
  it("reads context: note phrases and the status are features of their own", () => {
    const bare = featuresOf({ errorString: "Login failed" });
    const withContext = featuresOf({
      errorString: "Login failed",
      context: { httpStatus: 401, notes: "Worked until yesterday; the official app still works." },
    });
    expect(withContext.size).toBeGreaterThan(bare.size + 3);
  });

  it("never puts one thread or one event on both sides of a fold", () => {
    const examples = [
      { group: "event:a" },
      { group: "event:a" },
      { group: "thread:x" },
      { group: "thread:y" },
      { group: "event:a" },
      { group: "thread:z" },
    ];
    const folds = groupedFolds(examples, 3);
    expect(new Set([folds[0], folds[1], folds[4]]).size).toBe(1);
  });

  it("draws a learning curve that ends at cross-validation's own top-1", () => {
    const examples = loadFieldReports(FIELD_REPORTS_DIR)
      .filter((_, index) => index % 6 === 0)
      .map((report) => exampleOf(report));
    const options = CANDIDATES.find((candidate) => candidate.learner === "naive_bayes")!;
    const curve = learningCurve(examples, options, 3, 3);
    expect(curve).toHaveLength(3);
    expect(curve[0]!.trainedOn).toBeLessThan(curve[1]!.trainedOn);
    expect(curve[1]!.trainedOn).toBeLessThan(curve[2]!.trainedOn);
    expect(curve[2]!.trainedOn).toBeCloseTo((examples.length * 2) / 3, -1);
    expect(curve[2]!.top1).toBe(crossValidate(examples, options, 3)[0]!.top1);
  });

  it("fits a calibration map that only rises and never claims 0 or 1", () => {
    const examples = loadFieldReports(FIELD_REPORTS_DIR)
      .filter((_, index) => index % 4 === 0)
      .map((report) => exampleOf(report));
    const options = CANDIDATES.find((candidate) => candidate.learner === "naive_bayes")!;
    const { calibration } = fitClassifier(examples, options);
    expect(calibration!.length).toBeGreaterThan(1);
    for (const [at, [before, after]] of calibration!.entries()) {
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThan(1);
      if (at === 0) continue;
      expect(before).toBeGreaterThan(calibration![at - 1]![0]);
      expect(after).toBeGreaterThan(calibration![at - 1]![1]);
    }
  });

  it("shows the calibrated top confidence and keeps the order of the causes", () => {
    const calibration: Array<[number, number]> = [
      [0.2, 0.3],
      [0.9, 0.7],
    ];
    const sure = calibrateTop([0.9, 0.06, 0.04], calibration);
    expect(sure[0]).toBeCloseTo(0.7);
    expect(sure[1]! / sure[2]!).toBeCloseTo(0.06 / 0.04);
    expect(sure.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1);
    const between = calibrateTop([0.2, 0.55, 0.25], calibration);
    expect(between[1]).toBeCloseTo(0.5);
    expect(Math.max(...between)).toBe(between[1]);
    const close = calibrateTop([0.5, 0.45, 0.05], [[0.5, 0.2]]);
    expect(close[0]).toBeGreaterThan(close[1]!);
    expect(close.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1);
    expect(calibrateTop([0.6, 0.4], undefined)).toEqual([0.6, 0.4]);
  });

  it("ships a model that the trainer wrote from this corpus", () => {
    const model = JSON.parse(
      readFileSync(path.join(process.cwd(), "lib/diagnosis/model/classifier-model.json"), "utf8"),
    ) as { reports: unknown[]; temperature: number; blend: number };
    expect(model.reports).toHaveLength(loadFieldReports(FIELD_REPORTS_DIR).length);
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.blend).toBeGreaterThanOrEqual(0);
  });
});

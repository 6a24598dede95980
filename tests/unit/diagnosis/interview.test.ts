// The guided interview: which questions an unsure ranking asks, and how answers re-rank it.
import { describe, expect, it } from "vitest";
import {
  answerEvidence,
  expectedInformationGain,
  interviewQuestion,
  planInterview,
  type QuestionId,
} from "@/lib/diagnosis/interview";
import { rankCauses } from "@/lib/diagnosis/rank-causes";
import { CAUSE_IDS, type CauseId } from "@/lib/diagnosis/taxonomy";

/** A ranking led by the given causes, the rest sharing what is left evenly. */
function ranking(leaders: Partial<Record<CauseId, number>>) {
  const given = Object.values(leaders).reduce((sum, p) => sum + p, 0);
  const others = CAUSE_IDS.filter((cause) => !(cause in leaders));
  return CAUSE_IDS.map((cause) => ({
    cause,
    confidence: leaders[cause] ?? (1 - given) / others.length,
  })).sort((a, b) => b.confidence - a.confidence);
}

const asked = (leaders: Partial<Record<CauseId, number>>, answered: QuestionId[] = []) =>
  planInterview(ranking(leaders), answered).questions.map((question) => question.id);

describe("planInterview", () => {
  it("asks what separates the leading pair, so different pairs get different questions", () => {
    const versionOrOutage = asked({ app_version: 0.42, server_outage: 0.38 });
    const subscriptionOrLink = asked({ subscription_inactive: 0.42, vehicle_not_linked: 0.38 });
    const scopeOrCar = asked({ missing_scope: 0.42, vehicle_connectivity: 0.38 });
    expect(versionOrOutage[0]).toBe("official_app_works");
    expect(subscriptionOrLink.slice(0, 2).sort()).toEqual([
      "subscription_active",
      "vehicle_listed",
    ]);
    expect(scopeOrCar[0]).toMatch(/official_app_works|vehicle_awake/);
    expect(new Set([versionOrOutage[0], subscriptionOrLink[0]]).size).toBe(2);
    for (const questions of [versionOrOutage, subscriptionOrLink, scopeOrCar]) {
      expect(questions.length).toBeGreaterThanOrEqual(2);
      expect(questions.length).toBeLessThanOrEqual(3);
    }
  });

  it("asks nothing once the top cause reaches 0.6, and says unsure only under 0.5", () => {
    expect(planInterview(ranking({ rate_limited: 0.7 }), [])).toEqual({
      needed: false,
      unsure: false,
      questions: [],
    });
    const middling = planInterview(ranking({ rate_limited: 0.55, app_version: 0.3 }), []);
    expect(middling).toMatchObject({ needed: true, unsure: false });
    expect(middling.questions.length).toBeGreaterThan(0);
    expect(planInterview(ranking({ rate_limited: 0.45, app_version: 0.4 }), [])).toMatchObject({
      needed: true,
      unsure: true,
    });
  });

  it("never asks again a question already answered, even with don't know", () => {
    const leaders = { app_version: 0.42, server_outage: 0.38 };
    expect(asked(leaders, ["official_app_works"])).not.toContain("official_app_works");
    expect(asked(leaders, ["official_app_works"]).length).toBeGreaterThan(0);
  });
});

describe("expectedInformationGain", () => {
  it("is high for a question that splits the leaders and near zero for one that does not", () => {
    const distribution = CAUSE_IDS.map((cause) =>
      cause === "app_version" || cause === "server_outage" ? 0.5 : 0,
    );
    const splits = expectedInformationGain(distribution, [interviewQuestion("official_app_works")]);
    const blind = expectedInformationGain(distribution, [interviewQuestion("vehicle_listed")]);
    expect(splits).toBeGreaterThan(0.4);
    expect(blind).toBeLessThan(0.01);
  });
});

describe("answers in the ranking", () => {
  const prior = ranking({ app_version: 0.4, server_outage: 0.35 });

  it("re-ranks by Bayes' rule: prior times the answer's likelihood, normalised", () => {
    const question = interviewQuestion("official_app_works");
    const likelihood = new Map(question.rows.map(([cause, yes]) => [cause, yes]));
    // The ranking before the answer is the prior as rankCauses weighs it (a vague prior counts
    // for less); the answer multiplies it by the answer's likelihood.
    const before = rankCauses(prior, []).ranked;
    const unnormalised = before.map(({ cause, confidence }) => ({
      cause,
      p: confidence * likelihood.get(cause)!,
    }));
    const total = unnormalised.reduce((sum, { p }) => sum + p, 0);
    const answered = rankCauses(
      prior,
      [],
      answerEvidence([{ questionId: "official_app_works", answer: "yes" }]),
    );
    for (const { cause, p } of unnormalised) {
      const entry = answered.ranked.find((ranked) => ranked.cause === cause)!;
      expect(entry.confidence).toBeCloseTo(p / total, 3);
    }
    expect(answered.ranked[0]!.cause).toBe("app_version");
    const outageAfter = answered.ranked.find((entry) => entry.cause === "server_outage")!;
    expect(outageAfter.confidence).toBeLessThan(0.1);
    expect(answered.ranked[0]!.evidence).toContainEqual(
      expect.objectContaining({
        source: "interview",
        why: "interview: Does the vendor's official app work for this user right now? → Yes",
      }),
    );
    expect(
      answered.ranked[0]!.evidence.find((item) => item.source === "interview")!.weight,
    ).toBeGreaterThan(0);
  });

  it("a no moves the other way", () => {
    const answered = rankCauses(
      prior,
      [],
      answerEvidence([{ questionId: "official_app_works", answer: "no" }]),
    );
    expect(answered.ranked[0]!.cause).toBe("server_outage");
  });

  it("treats don't know as no evidence at all", () => {
    expect(answerEvidence([{ questionId: "every_user", answer: "unknown" }])).toEqual([]);
  });
});

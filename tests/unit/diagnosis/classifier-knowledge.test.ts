import { describe, expect, it } from "vitest";
import { CAUSE_PRIOR, CLASSIFIER_RULES } from "@/lib/diagnosis/classifier-knowledge";
import { CAUSE_IDS } from "@/lib/diagnosis/taxonomy";

describe("the classifier's knowledge", () => {
  it("gives every rule a unique id", () => {
    const ids = CLASSIFIER_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CLASSIFIER_RULES.map((rule) => [rule.id, rule] as const))(
    "%s is well-formed",
    (_id, rule) => {
      expect(CAUSE_IDS).toContain(rule.cause);
      expect(Number.isFinite(rule.weight)).toBe(true);
      expect(rule.weight).not.toBe(0);
      expect(Math.abs(rule.weight)).toBeLessThanOrEqual(5);
      expect(rule.why.trim().length).toBeGreaterThan(20);
      expect(rule.pattern ?? rule.httpStatus ?? rule.whenContextHas).toBeDefined();
      for (const pattern of [rule.pattern, rule.unless]) {
        if (!pattern) continue;
        const compiled = new RegExp(pattern.source, "i");
        // A pattern that matches nothing at all would fire on every input.
        expect(compiled.test("")).toBe(false);
        expect(compiled.test("ok")).toBe(false);
      }
      for (const status of rule.httpStatus ?? []) {
        expect(Number.isInteger(status) && status >= 100 && status <= 599).toBe(true);
      }
    },
  );

  it("has positive evidence for every cause", () => {
    for (const cause of CAUSE_IDS) {
      expect(CLASSIFIER_RULES.some((rule) => rule.cause === cause && rule.weight > 0)).toBe(true);
    }
  });

  it("keeps the prior small so it only breaks ties", () => {
    expect(Object.keys(CAUSE_PRIOR).sort()).toEqual([...CAUSE_IDS].sort());
    for (const prior of Object.values(CAUSE_PRIOR))
      expect(Math.abs(prior)).toBeLessThanOrEqual(0.3);
  });
});

import { describe, expect, it } from "vitest";
import { labelledErrors, labelledMessage } from "@/lib/validation/field-labels";

const labels = {
  correlationId: "Correlation id",
  tenant: "Tenant",
  ceiling: "Ceiling (req/s)",
  startRate: "Start rate (req/s)",
  "schedule.kind": "Schedule",
};

describe("labelledMessage", () => {
  it.each([
    ["correlationId is required", "Correlation id is required"],
    ["tenant must be at most 100 characters", "Tenant must be at most 100 characters"],
    ["ceiling must be at least startRate", "Ceiling (req/s) must be at least Start rate (req/s)"],
    ["schedule.kind must be constant or steps", "Schedule must be constant or steps"],
    // Plain words inside a sentence are English, not field names.
    ["no tenant means the whole environment", "no tenant means the whole environment"],
    ["each scope must be a token", "each scope must be a token"],
  ])("%s → %s", (message, expected) => {
    expect(labelledMessage(message, labels)).toBe(expected);
  });

  it("leaves the keys alone, so each message still sits by its field", () => {
    expect(labelledErrors({ correlationId: "correlationId is required" }, labels)).toEqual({
      correlationId: "Correlation id is required",
    });
  });
});

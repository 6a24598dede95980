import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/exports/csv";

describe("CSV writing (RFC 4180)", () => {
  it("quotes fields holding commas, quotes or line breaks and doubles the quotes", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("plain")).toBe("plain");
  });

  it("writes dates as ISO 8601, empties for null and non-finite numbers", () => {
    expect(
      toCsv(["a", "b", "c", "d"], [[new Date("2026-11-24T06:00:00Z"), null, Number.NaN, -2]]),
    ).toBe("a,b,c,d\r\n2026-11-24T06:00:00.000Z,,,-2\r\n");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("gives the header line alone when there are no rows", () => {
    expect(toCsv(["start", "end"], [])).toBe("start,end\r\n");
  });
});

import { describe, expect, it } from "vitest";
import {
  runbookMarkdown,
  runbookMarkdownFileName,
  type MarkdownVersion,
} from "@/lib/runbooks/markdown";

const version = (overrides: Partial<MarkdownVersion> = {}): MarkdownVersion => ({
  version: 2,
  title: "Token refresh | 401 after password change",
  causeId: "account_auth",
  signature: "http 401 invalid_grant",
  errorString: 'HTTP 401 {"error":"invalid_grant"} ```weird```',
  fixApplied: "Sign the user out and relink.\nThen retry.",
  sdkVersion: "4.2.1",
  apiVersion: "2025-09-01",
  scopes: ["openid", "vehicle:read"],
  correlationId: "corr-1",
  vendorIncidentId: null,
  supportCaseNumber: "CASE-77",
  greenDependencyPin: "@vendor/sdk@4.1.9",
  authorName: "Sam SRE",
  createdAt: new Date("2026-11-20T10:00:00Z"),
  ...overrides,
});

describe("runbook markdown", () => {
  it("has a title, a fields table with escaped cells and the error string verbatim in a longer fence", () => {
    const text = runbookMarkdown(
      { id: "rb1", status: "approved", approvedVersion: 2, currentVersion: 2 },
      version(),
    );
    expect(text.startsWith("# Token refresh | 401 after password change\n")).toBe(true);
    expect(text).toContain("version 2: approved.");
    expect(text).toContain("| Field | Value |\n| --- | --- |");
    expect(text).toContain("| Cause | Login or token (`account_auth`) |");
    expect(text).toContain("| Support case number | CASE-77 |");
    expect(text).toContain("| Vendor incident id | — |");
    expect(text).toContain("| OAuth scopes | `openid vehicle:read` |");
    expect(text).toContain('````text\nHTTP 401 {"error":"invalid_grant"} ```weird```\n````');
    expect(text).toContain("## Fix applied\n\nSign the user out and relink.\nThen retry.");
  });

  it("says when the version shown is not the approved one, and lists that version's reviews only", () => {
    const text = runbookMarkdown(
      { id: "rb1", status: "in_review", approvedVersion: 1, currentVersion: 2 },
      version({ title: "A | B" }),
      [
        {
          version: 1,
          decision: "approve",
          comment: null,
          reviewerName: "Lee",
          createdAt: new Date("2026-11-19T00:00:00Z"),
        },
        {
          version: 2,
          decision: "request_changes",
          comment: "Name the pin",
          reviewerName: "Lee",
          createdAt: new Date("2026-11-21T00:00:00Z"),
        },
      ],
    );
    expect(text).toContain(
      "version 2: not approved (entry is in review; version 1 is the approved one).",
    );
    expect(text).toContain("- 2026-11-21 00:00 Lee: Asked for changes: Name the pin");
    expect(text).not.toContain("2026-11-19");
  });

  it("escapes a pipe inside a table cell so the row keeps its two columns", () => {
    const text = runbookMarkdown(
      { id: "x", status: "approved", approvedVersion: 2, currentVersion: 2 },
      version({ supportCaseNumber: "A|B" }),
    );
    expect(text).toContain("| Support case number | A\\|B |");
  });

  it("names the download after the title and version", () => {
    expect(runbookMarkdownFileName("Token refresh | 401!", 3)).toBe("token-refresh-401-v3.md");
    expect(runbookMarkdownFileName("???", 1)).toBe("runbook-v1.md");
  });
});

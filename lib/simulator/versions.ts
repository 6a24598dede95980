// API versions the simulated vendor serves, and the app-version gate.
export const API_VERSIONS = {
  supported: ["2024-06-01", "2025-01-15", "2025-09-01"],
  deprecated: ["2024-06-01"],
  sunset: ["2023-01-01", "2023-10-01"],
  latest: "2025-09-01",
  // When the deprecated versions stop answering (RFC 8594 Sunset header).
  deprecatedSunsetAt: "Tue, 30 Jun 2026 00:00:00 GMT",
} as const;

/** Compares dotted versions numerically ("3.10.0" > "3.9.2"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) =>
    version.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const left = parts(a);
  const right = parts(b);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

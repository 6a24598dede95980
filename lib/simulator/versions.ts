// API versions the simulated vendor serves, and the app-version gate.
export const API_VERSIONS = {
  supported: ["2024-06-01", "2025-01-15", "2025-09-01"],
  deprecated: ["2024-06-01"],
  sunset: ["2023-01-01", "2023-10-01"],
  latest: "2025-09-01",
  // When the deprecated versions stop answering (RFC 8594 Sunset header).
  deprecatedSunsetAt: "Tue, 30 Jun 2026 00:00:00 GMT",
} as const;

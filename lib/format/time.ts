// Times as the console prints them: UTC, to the second or to the minute.

/** "2026-12-02 17:04:31 UTC" */
export const utcSeconds = (date: Date) =>
  `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/** "2026-12-02 17:04 UTC" */
export const utcMinutes = (date: Date) =>
  `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

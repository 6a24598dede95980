export function postgresBinaries(): string | null;
export function startThrowawayCluster(
  database?: string,
): Promise<
  | { url: string; stop: () => void; problem?: undefined }
  | { problem: string; url?: undefined; stop?: undefined }
>;

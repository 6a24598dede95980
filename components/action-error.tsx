// A plain form action's refusal, carried back to the page in `?error=`.
export function ActionError({ error }: { error: string | string[] | undefined }) {
  if (typeof error !== "string") return null;
  return (
    <p
      role="alert"
      className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {error}
    </p>
  );
}

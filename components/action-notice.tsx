// A plain form action's success, carried back to the page in `?notice=`.
export function ActionNotice({ notice }: { notice: string | string[] | undefined }) {
  if (typeof notice !== "string") return null;
  return (
    <p
      role="status"
      className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
    >
      {notice}
    </p>
  );
}

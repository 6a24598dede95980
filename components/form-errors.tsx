// The alert at the top of a form after a failed submit: a message and one line per field error.

/** A list field's error: its own, else the first of its items' ("scopes.2"). */
export const listFieldError = (errors: Record<string, string>, field: string) =>
  errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];

export function FormErrors({
  message,
  errors,
  fallback = "Some fields need attention:",
}: {
  message?: string;
  errors: Record<string, string>;
  fallback?: string;
}) {
  if (!message && Object.keys(errors).length === 0) return null;
  return (
    <div
      role="alert"
      className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {message ?? fallback}
      <ul className="mt-1 list-disc pl-5">
        {Object.entries(errors).map(([field, text]) => (
          <li key={field}>{text}</li>
        ))}
      </ul>
    </div>
  );
}

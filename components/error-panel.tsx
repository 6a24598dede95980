"use client";

export function ErrorPanel({ what, reset }: { what: string; reset: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950"
    >
      <h2 className="font-semibold text-red-900 dark:text-red-200">Could not load {what}</h2>
      <p className="mt-1 text-sm text-red-800 dark:text-red-300">
        The error was logged on the server. Nothing you entered was lost.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md bg-red-700 px-3 py-1.5 text-sm text-white"
      >
        Try again
      </button>
    </div>
  );
}

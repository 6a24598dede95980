import Link from "next/link";

export function Refusal({ what, role }: { what: string; role: string }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950"
    >
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1 text-sm">
        The {role} role cannot {what}. Ask an admin if you need this.
      </p>
      <Link
        href="/incidents"
        className="mt-3 inline-block text-sm text-blue-700 underline dark:text-blue-400"
      >
        Back to incidents
      </Link>
    </div>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link
        href="/incidents"
        className="mt-4 inline-block text-blue-700 underline dark:text-blue-400"
      >
        Back to incidents
      </Link>
    </main>
  );
}

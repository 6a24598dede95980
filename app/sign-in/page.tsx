import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const next = returnPathOrHome((await searchParams).next);
  if (await currentUser()) redirect(next);
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-1 text-2xl font-semibold">Sign in to Pitstop</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Triage for connected-vehicle integration incidents.
      </p>
      <SignInForm next={next} />
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/accept-invite-form";
import { inviteTokenSchema } from "@/lib/users/schema";
import { checkInvite } from "@/lib/users/store";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Join Pitstop", referrer: "no-referrer" };

// Public: the link's secret admits the invitee. A dead link (unknown, used, expired) gets a
// page saying which, answered 200 like a live one.
export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const valid = inviteTokenSchema.safeParse(token);
  const invite = valid.success
    ? await checkInvite(valid.data)
    : ({
        ok: false,
        message: "This invite link is not valid. Ask your Pitstop admin for a new one.",
      } as const);
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-1 text-2xl font-semibold">Join Pitstop</h1>
      {invite.ok ? (
        <>
          <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
            Welcome, {invite.name}. Choose a password for {invite.email}.
          </p>
          <AcceptInviteForm action={acceptInviteAction.bind(null, valid.data!)} />
        </>
      ) : (
        <div
          role="alert"
          className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p>{invite.message}</p>
          <Link href="/sign-in" className="mt-2 inline-block underline">
            Go to sign in
          </Link>
        </div>
      )}
    </main>
  );
}

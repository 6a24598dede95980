import Link from "next/link";
import { ConsoleFrame } from "@/components/console-frame";
import { navExtras } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { currentUser } from "@/lib/auth/session";
import { signOutAction } from "./(console)/actions";

// Any address nothing answers, and any record a page could not find without its own
// not-found page: inside the console's frame when signed in, so the way back stays in view.
export default async function NotFound() {
  const user = await currentUser();
  const message = (
    <div className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link
        href="/incidents"
        className="mt-4 inline-block text-blue-700 underline dark:text-blue-400"
      >
        Back to incidents
      </Link>
    </div>
  );
  return user ? (
    <ConsoleFrame
      userLabel={user.label}
      roleLabel={ROLE_LABELS[user.role]}
      nav={await navExtras(user)}
      signOut={signOutAction}
    >
      {message}
    </ConsoleFrame>
  ) : (
    <main>{message}</main>
  );
}

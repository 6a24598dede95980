// The console's header, navigation and main column, around every signed-in page and the
// 404 page, so a wrong address still leaves the way back in view.
import Link from "next/link";
import type { NavExtras } from "@/lib/auth/navigation";
import { AppNav, type NavItem } from "./app-nav";
import { ThemeToggle } from "./theme-toggle";

function navItems({ reviewCount, admin }: NavExtras): NavItem[] {
  return [
    { href: "/incidents", label: "Incidents" },
    { href: "/changes", label: "Changes" },
    { href: "/runbooks", label: "Runbooks" },
    ...(reviewCount === null
      ? []
      : [{ href: "/runbooks/review", label: "Review", count: reviewCount }]),
    { href: "/trends", label: "Trends" },
    { href: "/soak", label: "Soak tests" },
    { href: "/probes", label: "Probes" },
    { href: "/simulator", label: "Simulator" },
    ...(admin ? [{ href: "/admin", label: "Admin" }] : []),
  ];
}

type Props = {
  userLabel: string;
  roleLabel: string;
  nav: NavExtras;
  signOut: (form: FormData) => Promise<void>;
  children: React.ReactNode;
};

export function ConsoleFrame({ userLabel, roleLabel, nav, signOut, children }: Props) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="no-print border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-4 px-4 py-3 sm:px-6">
          <Link href="/incidents" className="text-lg font-bold tracking-tight">
            Pitstop
          </Link>
          <AppNav items={navItems(nav)} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span>
              <Link href="/account" className="font-medium hover:underline" title="Your account">
                {userLabel}
              </Link>{" "}
              <span
                className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800"
                aria-label="Role"
              >
                {roleLabel}
              </span>
            </span>
            <ThemeToggle />
            <form action={signOut}>
              <button
                type="submit"
                className="rounded-md px-2 py-1 text-slate-700 hover:underline dark:text-slate-300"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}

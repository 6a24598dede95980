"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** `count`: a number to show beside the label (e.g. entries waiting), part of its name. */
export type NavItem = { href: string; label: string; count?: number };

const matches = (pathname: string, href: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The most specific item is the current one: /runbooks/review is Review, not Runbooks.
  const current = items
    .filter((item) => matches(pathname, item.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {items.map((item) => {
        const active = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            aria-label={
              item.count === undefined ? undefined : `${item.label}, ${item.count} waiting`
            }
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              active
                ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {item.label}
            {item.count ? (
              <span className="ml-1.5 rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-slate-950">
                {item.count}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}

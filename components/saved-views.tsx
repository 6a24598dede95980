import Link from "next/link";

type View = { id: string; label: string; href: string };

/** Named views of a list as plain links: each is a URL, so it can be bookmarked or shared. */
export function SavedViews({ views, activeId }: { views: readonly View[]; activeId?: string }) {
  return (
    <nav aria-label="Saved views" className="no-print mb-3">
      <ul className="flex flex-wrap gap-2">
        {views.map((view) => (
          <li key={view.id}>
            <Link
              href={view.href}
              aria-current={view.id === activeId ? "page" : undefined}
              className={`inline-block rounded-full px-3 py-1 text-sm ${
                view.id === activeId
                  ? "bg-blue-700 text-white"
                  : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              }`}
            >
              {view.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

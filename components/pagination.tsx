import Link from "next/link";

type Props = {
  page: number;
  pageSize: number;
  total: number;
  hrefForPage: (page: number) => string;
};

export function Pagination({ page, pageSize, total, hrefForPage }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700";
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <p>
        {first}–{last} of {total.toLocaleString("en")}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={hrefForPage(page - 1)} rel="prev">
            Previous
          </Link>
        ) : null}
        <span className="px-2 py-1">
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className={link} href={hrefForPage(page + 1)} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

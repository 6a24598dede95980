export function PageHeader({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {children ? (
          <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{children}</div>
        ) : null}
      </div>
      {actions ? <div className="no-print flex gap-2">{actions}</div> : null}
    </header>
  );
}

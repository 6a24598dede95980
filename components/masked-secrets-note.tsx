// Says that secrets pasted into the text were masked when it was saved, so a reader knows why
// `****` stands where a token was.
export function MaskedSecretsNote({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p role="note" className="mt-2 text-sm text-amber-800 dark:text-amber-300">
      {count === 1
        ? "1 secret-looking value (a token, key or password) was masked when this was saved."
        : `${count} secret-looking values (tokens, keys or passwords) were masked when this was saved.`}
    </p>
  );
}

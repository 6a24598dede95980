// The SQL that differs between SQLite and PostgreSQL, behind small functions, so the stores in
// lib/ write one query for both: full-text search (FTS5 + bm25 on SQLite, tsvector + ts_rank on
// PostgreSQL), time parameters, booleans, batch inserts from one JSON parameter and SQLite's
// planner hints. The database is the one DATABASE_URL selects (lib/db/kind.ts).
import { Prisma } from "./generated/client";
import { databaseKind } from "./kind";
import { sqliteTime } from "./sqlite-time";

export const onPostgres = () => databaseKind() === "postgresql";

const MAX_SEARCH_WORDS = 12;

/** A person's search text as words: letters, digits and underscores, at most twelve. */
export function searchWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
}

// FTS5 has its own query language; a person's search text becomes prefix terms, all required.
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  return words.length ? words.map((word) => `"${word}"*`).join(" ") : null;
}

/**
 * The same words as a tsquery, all required ("&") or any ("|"), each a prefix term unless
 * `prefix` is false. A word is cut where the documents are (at anything but a letter or digit,
 * "_" included) and its parts must follow one another, as in FTS5's phrase "foo_bar". Only
 * letters and digits reach to_tsquery, so a person's text cannot be tsquery syntax.
 */
export function tsQuery(
  words: readonly string[],
  { join = "&", prefix = true }: { join?: "&" | "|"; prefix?: boolean } = {},
): string | null {
  const terms = words
    .map((word) => word.split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .filter((parts) => parts.length > 0)
    .map((parts) => parts.map((part, i) => (prefix && i === parts.length - 1 ? `${part}:*` : part)))
    .map((parts) => (parts.length > 1 ? `(${parts.join(" <-> ")})` : parts[0]!));
  return terms.length ? terms.join(` ${join} `) : null;
}

// A tsvector over the named columns of `alias`, exactly as the GIN indexes in
// prisma/postgresql/migrations/20261203113000_search_folds_accents index them: the planner uses an
// expression index only for the identical expression. Accents are folded (unaccent), as FTS5 does.
function tsDocument(alias: string, columns: readonly string[]): Prisma.Sql {
  const text = columns.map((column) => `coalesce(${alias}."${column}", '')`).join(" || ' ' || ");
  return Prisma.raw(
    `to_tsvector('simple'::regconfig, pitstop_unaccent(regexp_replace(${text}, '[^[:alnum:]]+', ' ', 'g')))`,
  );
}

/** A tsquery of `query` (tsQuery's text) with its accents folded as the documents' are. */
const toTsQuery = (query: string): Prisma.Sql =>
  Prisma.sql`to_tsquery('simple', pitstop_unaccent(${query}))`;

const INCIDENT_SEARCH_COLUMNS = ["title", "errorString", "correlationId", "tenant", "vin"] as const;
const RUNBOOK_SEARCH_COLUMNS = [
  "title",
  "signature",
  "causeId",
  "errorString",
  "fixApplied",
  "sdkVersion",
  "apiVersion",
  "correlationId",
  "vendorIncidentId",
  "supportCaseNumber",
  "greenDependencyPin",
] as const;
const RUNBOOK_SUGGESTION_COLUMNS = ["signature", "errorString"] as const;

/**
 * Incidents of `alias` whose text has every search word, or null when the text has none.
 * `membership` is SQLite's plan hint: test each row walked in another index's order against
 * the matches, rather than fetch the matches by rowid (the unary + keeps SQLite from turning the
 * rowid test back into lookups). PostgreSQL's planner chooses for itself.
 */
export function incidentTextMatch(
  alias: string,
  text: string,
  { membership }: { membership: boolean },
): Prisma.Sql | null {
  const words = searchWords(text);
  if (onPostgres()) {
    const query = tsQuery(words);
    return query
      ? Prisma.sql`${tsDocument(alias, INCIDENT_SEARCH_COLUMNS)} @@ ${toTsQuery(query)}`
      : null;
  }
  const match = ftsQuery(text);
  return match
    ? Prisma.sql`${membership ? Prisma.raw("+") : Prisma.empty}${Prisma.raw(alias)}.rowid IN (SELECT rowid FROM "IncidentSearch" WHERE "IncidentSearch" MATCH ${match})`
    : null;
}

export type RunbookTextSearch = {
  /** Joins the approved entries of RunbookEntry `entryAlias` that match. */
  join: Prisma.Sql;
  /** Best match first when ordered ascending (bm25 on SQLite, minus ts_rank on PostgreSQL). */
  rank: Prisma.Sql;
};

/**
 * Full-text search over each runbook entry's approved version. "all": every word, as prefixes,
 * over every searchable field (the runbook list). "any": any of the words, whole, over the
 * signature and error text alone (suggestions for an incident), at most `limit` best matches.
 */
export function runbookTextSearch(
  entryAlias: string,
  words: readonly string[],
  { mode, limit }: { mode: "all" | "any"; limit?: number },
): RunbookTextSearch | null {
  const entry = Prisma.raw(entryAlias);
  if (words.length === 0) return null;
  if (onPostgres()) {
    const query = mode === "all" ? tsQuery(words) : tsQuery(words, { join: "|", prefix: false });
    if (!query) return null;
    const document = tsDocument(
      "sv",
      mode === "all" ? RUNBOOK_SEARCH_COLUMNS : RUNBOOK_SUGGESTION_COLUMNS,
    );
    const hits = Prisma.sql`SELECT sv."entryId" AS hit, -ts_rank(${document}, q.query) AS rank
      FROM "RunbookVersion" sv JOIN "RunbookEntry" se ON se.id = sv."entryId" AND se."approvedVersion" = sv.version,
           ${toTsQuery(query)} AS q(query)
      WHERE ${document} @@ q.query`;
    const limited = limit === undefined ? hits : Prisma.sql`${hits} ORDER BY rank LIMIT ${limit}`;
    return {
      join: Prisma.sql`JOIN (${limited}) s ON s.hit = ${entry}.id`,
      rank: Prisma.sql`s.rank`,
    };
  }
  const match =
    mode === "all"
      ? words.map((word) => `"${word}"*`).join(" ")
      : `{signature errorString} : (${words.map((word) => `"${word}"`).join(" OR ")})`;
  const hits = Prisma.sql`SELECT rowid AS hit, bm25("RunbookSearch") AS rank FROM "RunbookSearch" WHERE "RunbookSearch" MATCH ${match}`;
  const limited = limit === undefined ? hits : Prisma.sql`${hits} ORDER BY rank LIMIT ${limit}`;
  return {
    join: Prisma.sql`JOIN (${limited}) s ON s.hit = ${entry}.rowid`,
    rank: Prisma.sql`s.rank`,
  };
}

/**
 * A DateTime as a query parameter: SQLite compares the stored ISO 8601 text (lib/db/sqlite-time),
 * PostgreSQL a timestamp.
 */
export const sqlTime = (date: Date): string | Date => (onPostgres() ? date : sqliteTime(date));

/** A boolean literal: SQLite's are 0 and 1, and its expression indexes are written with them. */
export const sqlBoolean = (value: boolean): Prisma.Sql =>
  Prisma.raw(onPostgres() ? (value ? "TRUE" : "FALSE") : value ? "1" : "0");

/** SQLite's unary + that keeps an index from being used for a term; PostgreSQL needs none. */
export const withoutIndex = (term: Prisma.Sql): Prisma.Sql =>
  onPostgres() ? term : Prisma.sql`+${term}`;

export type JsonCell = string | number | boolean | null | Date;

/**
 * Inserts many rows through one JSON parameter: binding every column of every row as its own
 * parameter costs more than the insert itself. SQLite unpacks an array per row with json_each;
 * PostgreSQL casts objects to the table's row type with json_populate_recordset.
 */
export function insertJsonRows(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly JsonCell[]>,
): Prisma.Sql {
  if (onPostgres()) return insertJsonRowsOnPostgres(table, columns, rows);
  const names = columnList(columns);
  const arrays = rows.map((row) =>
    row.map((cell) => (cell instanceof Date ? sqliteTime(cell) : cell)),
  );
  const values = Prisma.raw(columns.map((_, i) => `value ->> ${i}`).join(", "));
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names})
    SELECT ${values} FROM json_each(${JSON.stringify(arrays)})`;
}

/**
 * insertJsonRows's PostgreSQL form, whatever DATABASE_URL says: for code that writes into a
 * PostgreSQL database while the app's own is SQLite (the data move, lib/db/data-move.ts).
 */
export function insertJsonRowsOnPostgres(
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly JsonCell[]>,
): Prisma.Sql {
  const names = columnList(columns);
  const objects = rows.map((row) =>
    Object.fromEntries(
      columns.map((column, i) => {
        const cell = row[i] ?? null;
        return [column, cell instanceof Date ? cell.toISOString() : cell];
      }),
    ),
  );
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names})
    SELECT ${names} FROM json_populate_recordset(NULL::${Prisma.raw(`"${table}"`)}, ${JSON.stringify(objects)}::json)`;
}

/**
 * Makes the rest of the transaction `tx` wait for any other transaction holding the same
 * `name`. Nothing to do on SQLite, whose transactions already run one at a time (BEGIN
 * IMMEDIATE, lib/db/serialized-adapter.ts); PostgreSQL's run side by side, so "read, then
 * write if absent" takes a transaction-scoped advisory lock first.
 */
export async function lockTransaction(tx: Prisma.TransactionClient, name: string): Promise<void> {
  if (onPostgres())
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}

// Time buckets. A DateTime column or a 'YYYY-MM-DD' text column (the roll-ups' "day"), as
// SQLite's own functions read them; PostgreSQL reads either as a UTC timestamp.

/** SQLite's julianday(): days since noon 4714 BC, fractional. */
export const julianDay = (time: Prisma.Sql): Prisma.Sql =>
  onPostgres()
    ? Prisma.sql`(extract(epoch FROM (${time})::timestamp) / 86400.0 + 2440587.5)`
    : Prisma.sql`julianday(${time})`;

/** SQLite's unixepoch(): whole seconds since 1970-01-01 UTC. */
export const unixEpoch = (time: Prisma.Sql): Prisma.Sql =>
  onPostgres()
    ? Prisma.sql`floor(extract(epoch FROM (${time})::timestamp))::bigint`
    : Prisma.sql`unixepoch(${time})`;

/** A number cut to a whole one towards zero, as SQLite's CAST(x AS INTEGER). */
export const wholeNumber = (value: Prisma.Sql): Prisma.Sql =>
  onPostgres() ? Prisma.sql`trunc(${value})::bigint` : Prisma.sql`CAST(${value} AS INTEGER)`;

/** SQLite's INDEXED BY, where its planner picks worse on its own; PostgreSQL has no such hint. */
export const indexedBy = (index: string): Prisma.Sql =>
  onPostgres() ? Prisma.empty : Prisma.raw(`INDEXED BY "${index}"`);

/** A column list, each name quoted: PostgreSQL folds unquoted names to lower case. */
export const columnList = (columns: readonly string[]): Prisma.Sql =>
  Prisma.raw(columns.map((column) => `"${column}"`).join(", "));

/**
 * The upsert tail both databases share: on a row with the same `keys`, every other of `columns`
 * takes the value the INSERT proposed.
 */
export function onConflictUpdate(keys: readonly string[], columns: readonly string[]): Prisma.Sql {
  const set = columns
    .filter((column) => !keys.includes(column))
    .map((column) => `"${column}" = excluded."${column}"`)
    .join(", ");
  return Prisma.raw(
    `ON CONFLICT (${keys.map((key) => `"${key}"`).join(", ")}) DO UPDATE SET ${set}`,
  );
}

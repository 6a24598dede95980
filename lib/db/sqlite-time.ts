// How Prisma's SQLite adapter stores a DateTime: ISO 8601 text ending "+00:00". Raw SQL that
// writes or compares DateTime columns uses this same form, so text order is time order.
export const sqliteTime = (date: Date): string => date.toISOString().replace("Z", "+00:00");

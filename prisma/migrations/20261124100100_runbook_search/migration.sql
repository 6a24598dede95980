-- A runbook version carries its own title, cause and signature: a revision may correct them,
-- and what was approved must not change until the revision is approved. Existing versions take
-- their entry's. (Prisma's table redefinition, with the backfill added.)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RunbookVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "causeId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "sdkVersion" TEXT,
    "apiVersion" TEXT,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "correlationId" TEXT,
    "errorString" TEXT NOT NULL,
    "fixApplied" TEXT NOT NULL,
    "vendorIncidentId" TEXT,
    "supportCaseNumber" TEXT,
    "greenDependencyPin" TEXT,
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunbookVersion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "RunbookEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunbookVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RunbookVersion" ("apiVersion", "authorId", "correlationId", "createdAt", "entryId", "errorString", "fixApplied", "greenDependencyPin", "id", "scopes", "sdkVersion", "supportCaseNumber", "vendorIncidentId", "version", "title", "causeId", "signature")
SELECT v."apiVersion", v."authorId", v."correlationId", v."createdAt", v."entryId", v."errorString", v."fixApplied", v."greenDependencyPin", v."id", v."scopes", v."sdkVersion", v."supportCaseNumber", v."vendorIncidentId", v."version", e."title", e."causeId", e."signature"
FROM "RunbookVersion" v JOIN "RunbookEntry" e ON e."id" = v."entryId";
DROP TABLE "RunbookVersion";
ALTER TABLE "new_RunbookVersion" RENAME TO "RunbookVersion";
CREATE INDEX "RunbookVersion_signature_idx" ON "RunbookVersion"("signature");
CREATE UNIQUE INDEX "RunbookVersion_entryId_version_key" ON "RunbookVersion"("entryId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Full-text index over the APPROVED version of each runbook entry: what the next on-caller
-- searches by. One row per approved entry (rowid = the entry's rowid). Drafts and revisions
-- under review are not indexed, so the approved text stays the one found until a new version
-- is approved. The text comes from two tables, so the index keeps its own copy (not external
-- content) and triggers rebuild an entry's row whenever what it is built from changes.
CREATE VIRTUAL TABLE "RunbookSearch" USING fts5(
    "entryId" UNINDEXED,
    "title", "signature", "causeId", "errorString", "fixApplied",
    "sdkVersion", "apiVersion", "correlationId", "vendorIncidentId", "supportCaseNumber", "greenDependencyPin"
);

-- An entry points at its approved version only once that version exists, and versions are
-- never updated; so approving (or un-approving) an entry is what changes its row.
CREATE TRIGGER "RunbookEntry_search_approve" AFTER UPDATE OF "approvedVersion" ON "RunbookEntry" BEGIN
    DELETE FROM "RunbookSearch" WHERE rowid = old.rowid;
    INSERT INTO "RunbookSearch"(rowid, "entryId", "title", "signature", "causeId", "errorString", "fixApplied",
        "sdkVersion", "apiVersion", "correlationId", "vendorIncidentId", "supportCaseNumber", "greenDependencyPin")
    SELECT new.rowid, new."id", v."title", v."signature", v."causeId", v."errorString", v."fixApplied",
        v."sdkVersion", v."apiVersion", v."correlationId", v."vendorIncidentId", v."supportCaseNumber", v."greenDependencyPin"
    FROM "RunbookVersion" v WHERE v."entryId" = new."id" AND v."version" = new."approvedVersion";
END;

CREATE TRIGGER "RunbookEntry_search_delete" AFTER DELETE ON "RunbookEntry" BEGIN
    DELETE FROM "RunbookSearch" WHERE rowid = old.rowid;
END;

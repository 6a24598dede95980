-- How many secret-looking values were masked in the text as saved (issue 15, item 6). Plain
-- ADD COLUMN: redefining Incident would drop the FTS5 triggers that keep its search index.
ALTER TABLE "Incident" ADD COLUMN "maskedSecrets" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "RunbookVersion" ADD COLUMN "maskedSecrets" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SoakRun" ADD COLUMN "maskedSecrets" INTEGER NOT NULL DEFAULT 0;

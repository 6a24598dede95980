-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SignInAttempt";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blockedUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HashAdmission" (
    "slot" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "holder" TEXT,
    "heldUntil" DATETIME NOT NULL
);


-- CreateTable
CREATE TABLE "VendorConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "baseUrl" TEXT,
    "authOrigin" TEXT,
    "apiOrigin" TEXT,
    "v3Origin" TEXT,
    "managementOrigin" TEXT,
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "managementTokenEnc" TEXT,
    "adminKeyEnc" TEXT,
    "tenantKeysEnc" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VendorConnection_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmartcarAccountLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectionId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "smartcarUserId" TEXT NOT NULL,
    "refreshTokenEnc" TEXT NOT NULL,
    "accessTokenEnc" TEXT NOT NULL,
    "accessExpiresAt" DATETIME NOT NULL,
    "refreshExpiresAt" DATETIME NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "refreshLeaseUntil" DATETIME,
    "refreshLeaseOwner" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SmartcarAccountLink_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "VendorConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmartcarConnectState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stateHash" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SmartcarConnectState_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "VendorConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SmartcarConnectState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable: added in place, never by redefining the table, so the triggers that keep the
-- search index and the trend roll-ups current stay attached. Null: the default connection.
ALTER TABLE "Incident" ADD COLUMN "vendorConnectionId" TEXT REFERENCES "VendorConnection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "Incident_vendorConnectionId_idx" ON "Incident"("vendorConnectionId");

-- CreateIndex
CREATE UNIQUE INDEX "VendorConnection_name_key" ON "VendorConnection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SmartcarAccountLink_connectionId_label_key" ON "SmartcarAccountLink"("connectionId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "SmartcarAccountLink_connectionId_smartcarUserId_key" ON "SmartcarAccountLink"("connectionId", "smartcarUserId");

-- CreateIndex
CREATE UNIQUE INDEX "SmartcarConnectState_stateHash_key" ON "SmartcarConnectState"("stateHash");

-- CreateIndex
CREATE INDEX "SmartcarConnectState_expiresAt_idx" ON "SmartcarConnectState"("expiresAt");


-- CreateEnum
CREATE TYPE "UserFlagKind" AS ENUM ('CONFUSABLE_NAME');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "nameSkeleton" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "previous" TEXT,
    "rotatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "UserFlag" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "UserFlagKind" NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "status" "ReportStatus" NOT NULL DEFAULT 'OPEN',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserFlag_status_createdAt_idx" ON "UserFlag"("status", "createdAt");

-- CreateIndex
CREATE INDEX "UserFlag_userId_idx" ON "UserFlag"("userId");

-- CreateIndex
CREATE INDEX "User_nameSkeleton_idx" ON "User"("nameSkeleton");

-- AddForeignKey
ALTER TABLE "UserFlag" ADD CONSTRAINT "UserFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserFlag" ADD CONSTRAINT "UserFlag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

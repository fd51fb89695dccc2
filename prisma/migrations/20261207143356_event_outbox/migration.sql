-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "eventId" BIGINT;

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DomainEvent_processedAt_id_idx" ON "DomainEvent"("processedAt", "id");

-- CreateIndex
CREATE INDEX "DomainEvent_stream_processedAt_id_idx" ON "DomainEvent"("stream", "processedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_eventId_userId_kind_key" ON "Notification"("eventId", "userId", "kind");

-- AlterTable
ALTER TABLE "DomainEvent" ADD COLUMN     "origin" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "origin" TEXT;

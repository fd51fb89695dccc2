-- AlterTable
ALTER TABLE "User" ADD COLUMN     "moderationEmail" "EmailFrequency" NOT NULL DEFAULT 'NONE';

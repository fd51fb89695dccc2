-- CreateEnum
CREATE TYPE "LinkPreviewStatus" AS ENUM ('PENDING', 'OK', 'FAILED');

-- CreateTable
CREATE TABLE "LinkPreview" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" "LinkPreviewStatus" NOT NULL DEFAULT 'PENDING',
    "siteName" TEXT,
    "title" TEXT,
    "description" TEXT,
    "failureReason" TEXT,
    "fetchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkPreview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostLinkPreview" (
    "postId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "previewId" TEXT NOT NULL,

    CONSTRAINT "PostLinkPreview_pkey" PRIMARY KEY ("postId","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "LinkPreview_url_key" ON "LinkPreview"("url");

-- CreateIndex
CREATE INDEX "PostLinkPreview_previewId_idx" ON "PostLinkPreview"("previewId");

-- AddForeignKey
ALTER TABLE "PostLinkPreview" ADD CONSTRAINT "PostLinkPreview_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostLinkPreview" ADD CONSTRAINT "PostLinkPreview_previewId_fkey" FOREIGN KEY ("previewId") REFERENCES "LinkPreview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

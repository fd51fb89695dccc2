-- CreateTable
CREATE TABLE "PostImage" (
    "name" TEXT NOT NULL,
    "uploaderId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostImage_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "PostImageUse" (
    "postId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "PostImageUse_pkey" PRIMARY KEY ("postId","name")
);

-- CreateIndex
CREATE INDEX "PostImage_uploaderId_idx" ON "PostImage"("uploaderId");

-- CreateIndex
CREATE INDEX "PostImageUse_name_idx" ON "PostImageUse"("name");

-- AddForeignKey
ALTER TABLE "PostImage" ADD CONSTRAINT "PostImage_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostImageUse" ADD CONSTRAINT "PostImageUse_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostImageUse" ADD CONSTRAINT "PostImageUse_name_fkey" FOREIGN KEY ("name") REFERENCES "PostImage"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- Images already shown in posts: their files exist, so record them and where they are used.
INSERT INTO "PostImage" ("name", "uploaderId")
SELECT DISTINCT m[1], NULL FROM "Post" p, regexp_matches(p."body", '/uploads/posts/([0-9a-f]{32}\.(?:png|jpg|webp|gif))', 'g') AS m
ON CONFLICT DO NOTHING;
INSERT INTO "PostImageUse" ("postId", "name")
SELECT DISTINCT p."id", m[1] FROM "Post" p, regexp_matches(p."body", '/uploads/posts/([0-9a-f]{32}\.(?:png|jpg|webp|gif))', 'g') AS m
ON CONFLICT DO NOTHING;

-- CreateEnum
CREATE TYPE "ProfileVisibility" AS ENUM ('PUBLIC', 'MEMBERS');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "about" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "aboutHtml" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "avatarPath" TEXT,
ADD COLUMN     "city" TEXT,
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "profileVisibility" "ProfileVisibility" NOT NULL DEFAULT 'MEMBERS',
ADD COLUMN     "showOrganizations" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "showRecentPosts" BOOLEAN NOT NULL DEFAULT true;

-- People now have profile pages: @mentions of people rendered before them (a marked span) become links,
-- as the renderer makes them from now on. Only spans the renderer made carry class="mention".
UPDATE "Post"
   SET "html" = regexp_replace("html", '<span class="mention">@([a-z0-9-]+)</span>', '<a href="/people/\1" class="mention">@\1</a>', 'g')
 WHERE "html" LIKE '%<span class="mention">@%';

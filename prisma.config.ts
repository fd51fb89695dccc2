import { defineConfig } from 'prisma/config'

// The CLI is only used to generate the client offline (`PRISMA_SCHEMA_ENGINE_BINARY=/bin/true`);
// migrations run through server/cli/migrate.ts (docs/decisions/001-offline-migrations.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/birlikte' },
})

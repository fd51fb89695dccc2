-- Written by hand: extensions and expression indexes that schema.prisma cannot describe.
-- Keep semicolons out of comments: the engine splits scripts on them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE, so an IMMUTABLE wrapper lets it appear in indexes.
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE INDEX "Organization_name_trgm_idx" ON "Organization"
  USING gin (lower(immutable_unaccent("name")) gin_trgm_ops);
CREATE INDEX "Organization_city_trgm_idx" ON "Organization"
  USING gin (lower(immutable_unaccent("city")) gin_trgm_ops);

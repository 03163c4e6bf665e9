-- AlterTable
ALTER TABLE "tools" ADD COLUMN     "situations" TEXT[] DEFAULT ARRAY[]::TEXT[];


-- Hand-written (issue 12, issue 9 console item 4): situations join the full-text vector at the
-- utterances' weight, and every field also indexes each hyphenated compound joined ("Wi-Fi" ->
-- "Wi-Fi WiFi", "e-mail" -> "e-mail email") right after it, at that field's own weight, so
-- "wifi" and "wi-fi" (joined the same way on the query side, packages/db/src/tool-queries.ts)
-- find the same tools and a name match stays a name match. The joined word sits next to the
-- original: ts_rank scores an AND query by how close the matched words are, so a joined copy
-- appended at the end of a field would push the field's rank towards zero.
CREATE OR REPLACE FUNCTION tools_search_compounds(body text) RETURNS text AS $$
  SELECT array_to_string(ARRAY(
    SELECT CASE WHEN w ~ '[[:alnum:]]-[[:alnum:]]'
                THEN w || ' ' || regexp_replace(w, '([[:alnum:]])-(?=[[:alnum:]])', '\1', 'g')
                ELSE w END
    FROM regexp_split_to_table(coalesce(body, ''), '\s+') WITH ORDINALITY AS t(w, i)
    ORDER BY i
  ), ' ')
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION tools_search_vector_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', tools_search_compounds(NEW.name)), 'A') ||
    setweight(to_tsvector('english', tools_search_compounds(NEW.canonical_query)), 'A') ||
    setweight(to_tsvector('english', tools_search_compounds(array_to_string(NEW.utterances, ' '))), 'B') ||
    setweight(to_tsvector('english', tools_search_compounds(array_to_string(NEW.situations, ' '))), 'B') ||
    setweight(to_tsvector('english', tools_search_compounds(NEW.description)), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- The trigger now also fires when situations change.
DROP TRIGGER IF EXISTS tools_search_vector ON "tools";
CREATE TRIGGER tools_search_vector
  BEFORE INSERT OR UPDATE OF name, canonical_query, utterances, situations, description ON "tools"
  FOR EACH ROW EXECUTE FUNCTION tools_search_vector_update();

-- Recompute the stored vectors with the new function.
UPDATE tools SET name = name;

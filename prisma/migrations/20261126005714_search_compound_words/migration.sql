-- Hand-written: users type "wifi" and "bluetooth" where the catalog says "Wi-Fi": index each
-- hyphenated word also joined ("wifi"), so prefix search finds it either way.
CREATE OR REPLACE FUNCTION tools_search_vector_update() RETURNS trigger AS $$
DECLARE
  utterances text := coalesce(array_to_string(NEW.utterances, ' '), '');
  joined text := regexp_replace(coalesce(NEW.name, '') || ' ' || coalesce(NEW.canonical_query, '') || ' ' || utterances, '([[:alnum:]])-([[:alnum:]])', '\1\2', 'g');
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.canonical_query, '')), 'A') ||
    setweight(to_tsvector('english', utterances), 'B') ||
    setweight(to_tsvector('english', joined), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- Recompute the stored vectors with the new function.
UPDATE tools SET name = name;

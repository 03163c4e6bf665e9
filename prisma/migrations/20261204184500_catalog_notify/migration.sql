-- Hand-written (issue 9 code item 7): one "catalog changed" signal across processes. Any
-- statement that changes tools or categories, from any process (API, CLI, worker, psql),
-- sends NOTIFY toolrec_catalog on commit; every API process LISTENs and drops its caches
-- (catalog facts, calibration windows, retrieval documents). Statement-level: one
-- notification per statement, and PostgreSQL folds identical ones within a transaction.
CREATE OR REPLACE FUNCTION toolrec_notify_catalog() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('toolrec_catalog', TG_TABLE_NAME);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER tools_notify_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tools"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrec_notify_catalog();
CREATE TRIGGER categories_notify_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "categories"
  FOR EACH STATEMENT EXECUTE FUNCTION toolrec_notify_catalog();

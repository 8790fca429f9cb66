-- The plugin boundary: what a plugin may read of the kernel, as read-only views in their own schema (docs/PLUGINS.md,
-- "What a plugin may read"). Plugins never name a kernel.* table (a test scans their source and migrations); the
-- kernel may change its tables as long as these views keep their columns. Plain views are inlined by the planner, so a
-- plugin's query over them has the plan it would have over the tables.
CREATE SCHEMA IF NOT EXISTS "kernel_api";--> statement-breakpoint
-- Bodies: path is the ancestor ids joined by '/' ending with the body's own id (subtree = itself or `path like p || '/%'`;
-- plugins use the SDK's subtreeSql/inSubtree rather than writing that condition).
CREATE VIEW kernel_api.org_unit AS
  SELECT id, parent_id, path, depth, name, short_name, uscc, level, kind, area_code, sort_order FROM kernel.org_unit;--> statement-breakpoint
-- Persons: the id and the name only — never the ID number (its cipher, hash or mask), birth date or gender.
CREATE VIEW kernel_api.person AS
  SELECT id, name FROM kernel.person;--> statement-breakpoint
CREATE VIEW kernel_api.post AS
  SELECT id, org_id, title, principal, "leading" FROM kernel.post;--> statement-breakpoint
-- Who held which post in which body, from when to when (end_date null: still in post).
CREATE VIEW kernel_api.tenure AS
  SELECT id, person_id, post_id, org_id, start_date, end_date FROM kernel.tenure;--> statement-breakpoint
-- Each credit record with its current version, read through the kernel's one current-record reader
-- (kernel.current_record); `version` is the current version's number.
CREATE VIEW kernel_api.record AS
  SELECT id, subject_kind, org_id, person_id, type_key, polarity, status, disputed, current_version AS version,
    source_system, source_id, created_at, updated_at,
    severity, facts, legal_basis, decision_no, decision_date, effective_date, issuing_authority, issuing_authority_uscc,
    disclosure_scope, sanction_type, impact_start, impact_end, publication_start, publication_min_end, publication_max_end,
    payload, rules
  FROM kernel.current_record;--> statement-breakpoint
-- Single-table views are updatable in PostgreSQL; these are for reading. A plugin changes kernel data only through the
-- SDK's services (draft proposals, audited writes), so a write through a view is refused loudly.
CREATE OR REPLACE FUNCTION kernel_api.refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kernel_api.% is read-only: plugins change kernel data through the SDK', TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;--> statement-breakpoint
CREATE TRIGGER refuse_write INSTEAD OF INSERT OR UPDATE OR DELETE ON kernel_api.org_unit FOR EACH ROW EXECUTE FUNCTION kernel_api.refuse_write();--> statement-breakpoint
CREATE TRIGGER refuse_write INSTEAD OF INSERT OR UPDATE OR DELETE ON kernel_api.person FOR EACH ROW EXECUTE FUNCTION kernel_api.refuse_write();--> statement-breakpoint
CREATE TRIGGER refuse_write INSTEAD OF INSERT OR UPDATE OR DELETE ON kernel_api.post FOR EACH ROW EXECUTE FUNCTION kernel_api.refuse_write();--> statement-breakpoint
CREATE TRIGGER refuse_write INSTEAD OF INSERT OR UPDATE OR DELETE ON kernel_api.tenure FOR EACH ROW EXECUTE FUNCTION kernel_api.refuse_write();--> statement-breakpoint
CREATE TRIGGER refuse_write INSTEAD OF INSERT OR UPDATE OR DELETE ON kernel_api.record FOR EACH ROW EXECUTE FUNCTION kernel_api.refuse_write();

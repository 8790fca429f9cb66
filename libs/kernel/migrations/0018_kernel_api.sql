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
-- Each credit record with its current version (the only place this join is written for plugins); `version` is the
-- current version's number.
CREATE VIEW kernel_api.record AS
  SELECT r.id, r.subject_kind, r.org_id, r.person_id, r.type_key, r.polarity, r.status, r.disputed, r.current_version AS version,
    r.source_system, r.source_id, r.created_at, r.updated_at,
    v.severity, v.facts, v.legal_basis, v.decision_no, v.decision_date, v.effective_date, v.issuing_authority, v.issuing_authority_uscc,
    v.disclosure_scope, v.sanction_type, v.impact_start, v.impact_end, v.publication_start, v.publication_min_end, v.publication_max_end,
    v.payload, v.rules
  FROM kernel.credit_record r JOIN kernel.credit_record_version v ON v.record_id = r.id AND v.version = r.current_version;--> statement-breakpoint
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

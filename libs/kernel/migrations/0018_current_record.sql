-- The one reader of "a record with its current version": every query that needs both reads this view instead of
-- writing the join. A plain inner join without aggregates, so PostgreSQL inlines it and plans stay those of the join.
-- Columns: the record's own, then the current version's; the version's record_id is the record's id and its
-- created_at/created_by are renamed version_created_at/version_created_by (the record has its own).
CREATE VIEW "kernel"."current_record" AS
SELECT r.id, r.subject_kind, r.org_id, r.person_id, r.type_key, r.polarity, r.status, r.disputed, r.current_version,
  r.source_system, r.source_id, r.created_at, r.created_by, r.updated_at,
  v.version, v.severity, v.facts, v.legal_basis, v.decision_no, v.decision_date, v.effective_date, v.issuing_authority,
  v.issuing_authority_uscc, v.disclosure_scope, v.sanction_type, v.impact_start, v.impact_end, v.publication_start,
  v.publication_min_end, v.publication_max_end, v.payload, v.rules, v.content_hash, v.reason,
  v.created_at AS version_created_at, v.created_by AS version_created_by
FROM "kernel"."credit_record" r
JOIN "kernel"."credit_record_version" v ON v.record_id = r.id AND v.version = r.current_version;

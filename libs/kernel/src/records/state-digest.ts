import { sql, type SQL } from 'drizzle-orm';

/**
 * `kernel.record_digest` (migration 0001) written set-wise: the same expression over a record row `r` and the
 * aggregate of its versions, so a bulk move computes the digests before and after from one read of the versions
 * instead of calling the function twice per record. The status is passed in, which gives the digest after a status
 * change without reading the row again. state-digest.int.test.ts proves it equals `kernel.record_digest` on records of
 * every shape; `audit verify` recomputes with the function, so any drift is named there too.
 */
export function recordDigestSql(r: string, status: SQL, versions: SQL): SQL {
  return sql`encode(sha256(convert_to(jsonb_build_array(
    ${sql.raw(r)}.subject_kind, ${sql.raw(r)}.org_id, ${sql.raw(r)}.person_id, ${sql.raw(r)}.type_key, ${sql.raw(r)}.polarity,
    ${status}, ${sql.raw(r)}.disputed, ${sql.raw(r)}.current_version, ${sql.raw(r)}.source_system, ${sql.raw(r)}.source_id,
    ${versions})::text, 'UTF8')), 'hex')`;
}

/** One version's element of the digest, for a row of `kernel.credit_record_version` aliased `v`. */
export const VERSION_DIGEST_ITEM =
  sql.raw(`jsonb_build_array(v.version, v.severity, v.facts, v.legal_basis, v.decision_no, v.decision_date, v.effective_date,
       v.issuing_authority, v.issuing_authority_uscc, v.disclosure_scope, v.sanction_type, v.impact_start, v.impact_end,
       v.publication_start, v.publication_min_end, v.publication_max_end, v.payload, v.rules, v.content_hash, v.reason)`);

/** The versions part of the digest for rows of `kernel.credit_record_version` aliased `v`, grouped by record. */
export const VERSIONS_DIGEST_AGG = sql`jsonb_agg(${VERSION_DIGEST_ITEM} ORDER BY v.version)`;

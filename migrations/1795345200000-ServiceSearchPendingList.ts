import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The GIN indexes of service search and tag filters. */
const SERVICE_GIN_INDEXES = ['idx_service_search', 'idx_service_name_trgm', 'idx_service_key_trgm', 'idx_service_tags'];

/**
 * Bounds the pending list of the service GIN indexes to 256 kB. GIN adds new entries to an
 * unsorted pending list that every search reads in full, and only VACUUM or a list past
 * gin_pending_list_limit (4 MB by default) merges it into the index. The whole index of 12,000
 * services is about 3.5 MB, so it could sit there for good: every search then read every
 * service's entry (and the trigram ones turned into sequential scans). 256 kB keeps searches
 * reading a few pages more at most, and writes nearly as cheap as with the default (fastupdate
 * off would make a bulk import's index writes about five times as expensive).
 */
export class ServiceSearchPendingList1795345200000 implements MigrationInterface {
  name = 'ServiceSearchPendingList1795345200000';

  async up(db: QueryRunner): Promise<void> {
    for (const index of SERVICE_GIN_INDEXES) {
      await db.query(`ALTER INDEX ${index} SET (gin_pending_list_limit = 256)`);
      await db.query(`SELECT gin_clean_pending_list('${index}'::regclass)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of SERVICE_GIN_INDEXES) await db.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
  }
}

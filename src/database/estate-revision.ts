import { Check, Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';

/**
 * One row per committed transaction that changed a table the scored estate reads (see the Scoring
 * migration: statement triggers add the rows). Rows are only inserted, and compaction folds old
 * ones into one, keeping the sum of weights.
 */
@Entity('estate_change')
@Check('chk_estate_change_weight', `weight > 0`)
export class EstateChangeEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_estate_change' })
  txid: string;

  @Column({ type: 'bigint', default: 1 })
  weight: string;
}

/**
 * The estate's revision as the calling statement's snapshot sees it: the number of committed
 * transactions that changed it. Equal revisions mean equal data. Embed it as a scalar subquery in
 * a statement to read it in that statement's snapshot.
 */
export const ESTATE_REVISION_SQL = `(SELECT coalesce(sum(weight), 0)::text FROM estate_change)`;

/** Past this many rows, reading the revision compacts them. */
const COMPACT_AFTER_ROWS = 1000;

export async function readEstateRevision(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<{ revision: string; rows: number }[]>(
    `SELECT ${ESTATE_REVISION_SQL} AS revision, (SELECT count(*)::int FROM estate_change) AS rows`,
    [],
  );
  if (row.rows > COMPACT_AFTER_ROWS) await compactEstateChanges(dataSource);
  return row.revision;
}

/**
 * Folds every committed row into one row of this transaction with their summed weight: the sum,
 * hence the revision, is unchanged. Safe against concurrent compactions (each sums what it deleted).
 */
export async function compactEstateChanges(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `WITH gone AS (DELETE FROM estate_change RETURNING weight)
     INSERT INTO estate_change (txid, weight)
     SELECT txid_current(), sum(weight) FROM gone HAVING count(*) > 0
     ON CONFLICT (txid) DO UPDATE SET weight = estate_change.weight + excluded.weight`,
    [],
  );
}

import { isRepeatableFirstStatement } from './resilient-pool';

describe('isRepeatableFirstStatement', () => {
  it.each([
    'START TRANSACTION',
    'BEGIN',
    'SELECT 1',
    '  select s.id, s.updated_at FROM service s WHERE s.key = $1',
    'WITH page AS (SELECT id FROM service) SELECT * FROM page',
    'SHOW server_version',
  ])('%s: sent again after a dead connection', (sql) => {
    expect(isRepeatableFirstStatement(sql)).toBe(true);
  });

  it.each([
    'INSERT INTO team (key, name) VALUES ($1, $2)',
    'UPDATE api_token SET last_used_at = now() WHERE id = $1',
    'DELETE FROM estate_change',
    'WITH gone AS (DELETE FROM estate_change RETURNING weight) INSERT INTO estate_change SELECT 1, sum(weight) FROM gone',
    "SELECT nextval('seq')",
    'COMMIT',
    'CREATE TABLE t (id int)',
  ])('%s: never repeated', (sql) => {
    expect(isRepeatableFirstStatement(sql)).toBe(false);
  });
});

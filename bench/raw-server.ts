/**
 * The limit to measure Estate against: a tiny server of `node:http` and `pg`, no framework, no
 * GraphQL, that answers the benchmark's page of services (Q2/Q3) with ONE hand-written SQL
 * statement building the whole JSON response in PostgreSQL, and imports services (M1) with ONE
 * multi-row INSERT. It returns what Estate returns for the same request (the benchmark checks that),
 * with the same pool size, on the same database. It checks the bearer token, as Estate does, and
 * nothing else: no validation beyond types, no audit trail, no rate limit.
 *
 *   DATABASE_URL=postgres://… PORT=3001 RAW_TOKEN=… node dist/bench/raw-server.js
 */
import { timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import { Pool } from 'pg';

/** The page of Q2/Q3, as Estate's `services(first, after)` with owner, 5 entities and 10 fields of each. */
const PAGE_SQL = `
WITH page AS (
  SELECT s.id, s.key, s.name, s.kind, s.lifecycle, s.criticality, s.annual_cost_amount, s.annual_cost_currency,
         s.owner_team_id, lower(s.name) AS sort_value
  FROM service s
  WHERE s.deleted_at IS NULL AND ($2::text IS NULL OR (lower(s.name), s.id) > ($2::text, $3::uuid))
  ORDER BY lower(s.name), s.id
  LIMIT $1::int + 1
), visible AS (
  SELECT * FROM page ORDER BY sort_value, id LIMIT $1::int
)
SELECT json_build_object('data', json_build_object('services', json_build_object(
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $1::int,
    'endCursor', (
      SELECT translate(encode(convert_to(
               '["NAME_ASC",' || to_json(v.sort_value)::text || ',' || to_json(v.id::text)::text || ']', 'UTF8'),
               'base64'), E'+/=\\n', '-_')
      FROM visible v ORDER BY v.sort_value DESC, v.id DESC LIMIT 1)),
  'edges', coalesce((
    SELECT json_agg(json_build_object('node', json_build_object(
      'key', v.key::text, 'name', v.name, 'kind', v.kind, 'lifecycle', v.lifecycle, 'criticality', v.criticality,
      'annualCost', CASE WHEN v.annual_cost_amount IS NOT NULL AND v.annual_cost_currency IS NOT NULL
                         THEN json_build_object('amount', v.annual_cost_amount::text, 'currency', v.annual_cost_currency) END,
      'ownerTeam', (SELECT json_build_object('key', t.key::text, 'name', t.name) FROM team t WHERE t.id = v.owner_team_id),
      'entities', json_build_object('edges', coalesce((
        SELECT json_agg(json_build_object('node', json_build_object(
          'name', e.name::text,
          'fields', json_build_object('edges', coalesce((
            SELECT json_agg(json_build_object('node', json_build_object('name', f.name::text, 'type', f.type))
                            ORDER BY f.position, f.id)
            FROM (SELECT f.name, f.type, f.position, f.id FROM data_field f WHERE f.entity_id = e.id
                  ORDER BY f.position, f.id LIMIT 10) f), '[]'::json))))
          ORDER BY e.position, e.id)
        FROM (SELECT e.id, e.name, e.position FROM data_entity e WHERE e.service_id = v.id
              ORDER BY e.position, e.id LIMIT 5) e), '[]'::json))))
      ORDER BY v.sort_value, v.id)
    FROM visible v), '[]'::json))))::text AS body`;

/** Columns of a service row as ServiceInput names them (the owner team by key, resolved in the INSERT). */
const IMPORT_COLUMNS: [column: string, type: string, value: (row: any) => unknown][] = [
  ['key', 'citext', (r) => r.key],
  ['name', 'text', (r) => r.name],
  ['description', 'text', (r) => r.description ?? null],
  ['kind', 'text', (r) => r.kind],
  ['vendor', 'text', (r) => r.vendor ?? null],
  ['category', 'text', (r) => r.category ?? null],
  ['lifecycle', 'text', (r) => r.lifecycle ?? 'ACTIVE'],
  ['criticality', 'text', (r) => r.criticality ?? null],
  ['annual_cost_amount', 'numeric', (r) => r.annualCost?.amount ?? null],
  ['annual_cost_currency', 'text', (r) => r.annualCost?.currency ?? null],
  ['licensed_seats', 'integer', (r) => r.licensedSeats ?? null],
  ['monthly_active_users', 'integer', (r) => r.monthlyActiveUsers ?? null],
  ['contract_renewal_date', 'date', (r) => r.contractRenewalDate ?? null],
  ['tags', 'text[]', (r) => r.tags ?? []],
  ['links', 'jsonb', (r) => JSON.stringify(r.links ?? [])],
  ['api_style', 'text', (r) => r.dataAccess?.apiStyle ?? null],
  ['machine_readable_spec', 'boolean', (r) => r.dataAccess?.machineReadableSpec ?? null],
  ['spec_format', 'text', (r) => r.dataAccess?.specFormat ?? null],
  ['bulk_export', 'boolean', (r) => r.dataAccess?.bulkExport ?? null],
  ['change_events', 'text', (r) => r.dataAccess?.changeEvents ?? null],
  ['data_structure', 'text', (r) => r.dataAccess?.dataStructure ?? null],
  ['auth_method', 'text', (r) => r.dataAccess?.authMethod ?? null],
];

/** One multi-row INSERT … VALUES of every row, the owner team looked up by key in the same statement. */
function importStatement(rows: any[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = IMPORT_COLUMNS.map(([, type, value]) => {
      values.push(value(row));
      return `$${values.length}::${type}`;
    });
    values.push(row.ownerTeam);
    return `(${cells.join(', ')}, $${values.length}::citext)`;
  });
  const columns = IMPORT_COLUMNS.map(([column]) => column);
  return {
    text: `INSERT INTO service (${columns.join(', ')}, owner_team_id)
           SELECT ${columns.map((c) => `v.${c}`).join(', ')}, t.id
           FROM (VALUES ${tuples.join(', ')}) AS v(${columns.join(', ')}, owner_team)
           JOIN team t ON t.key = v.owner_team`,
    values,
  };
}

function main(): void {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'estate-bench-raw' });
  const expected = Buffer.from(`Bearer ${process.env.RAW_TOKEN ?? ''}`);
  const authorised = (req: http.IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const send = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  const fail = (res: http.ServerResponse, error: unknown) =>
    send(res, 500, JSON.stringify({ errors: [{ message: String(error) }] }));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://raw');
    if (url.pathname === '/health') return send(res, 200, '{"ok":true}');
    if (!authorised(req)) return send(res, 401, '{"errors":[{"message":"unauthenticated"}]}');
    if (req.method === 'GET' && url.pathname === '/services') {
      const first = Math.min(100, Math.max(1, Number(url.searchParams.get('first') ?? 20)));
      const after = url.searchParams.get('after');
      let cursor: [string, string, string] | null = null;
      if (after) cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string, string];
      pool
        .query<{ body: string }>(PAGE_SQL, [first, cursor?.[1] ?? null, cursor?.[2] ?? null])
        .then((result) => send(res, 200, result.rows[0].body))
        .catch((error: unknown) => fail(res, error));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/services/import') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rows = JSON.parse(Buffer.concat(chunks).toString('utf8')) as any[];
        const { text, values } = importStatement(rows);
        pool
          .query(text, values)
          .then((result) => send(res, 200, JSON.stringify({ created: result.rowCount })))
          .catch((error: unknown) => fail(res, error));
      });
      return;
    }
    send(res, 404, '{"errors":[{"message":"not found"}]}');
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();

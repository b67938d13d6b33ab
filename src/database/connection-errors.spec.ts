import { QueryFailedError } from 'typeorm';
import { isConnectionError, isPoolTimeout } from './connection-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionError', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', withCode('ECONNRESET')],
    ['unknown host (a container not up yet)', withCode('ENOTFOUND')],
    ['pg_terminate_backend / fast shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', withCode('57P02')],
    ['starting up', withCode('57P03', 'the database system is starting up')],
    ['too many connections', withCode('53300')],
    ['connection exception class', withCode('08006')],
    ['closed under a query', new Error('Connection terminated unexpectedly')],
    ['closed before a query', new Error('Client has encountered a connection error and is not queryable')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], withCode('57P01'))],
    ['a dual-stack connect', new AggregateError([withCode('ECONNREFUSED')], '')],
  ])('%s: yes', (_, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a statement timeout', withCode('57014')],
    ['a syntax error', new QueryFailedError('SELEC 1', [], withCode('42601'))],
    ['wrong password', withCode('28P01')],
    ['unknown database', withCode('3D000')],
    ['the pool found no free connection', new Error('timeout exceeded when trying to connect')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: no', (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});

describe('isPoolTimeout', () => {
  it("is pg-pool's refusal after waiting for a free connection, wrapped or not", () => {
    const refusal = new Error('timeout exceeded when trying to connect');
    expect(isPoolTimeout(refusal)).toBe(true);
    expect(isPoolTimeout({ originalError: refusal })).toBe(true);
    expect(isPoolTimeout(new Error('Connection terminated due to connection timeout'))).toBe(false);
  });
});

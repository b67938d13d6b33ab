import { countStatement, enterSqlStatistics } from './sql-statistics';

describe('SQL statistics', () => {
  it('counts statements in nested scopes, each in its own asynchronous context', async () => {
    const outer = await new Promise<{ statements: number }>((resolve) =>
      setImmediate(() => {
        const statistics = enterSqlStatistics();
        countStatement();
        const inner = new Promise<number>((done) =>
          setImmediate(() => {
            const own = enterSqlStatistics();
            countStatement();
            countStatement();
            done(own.statements);
          }),
        );
        void inner.then((innerCount) => {
          expect(innerCount).toBe(2);
          resolve(statistics);
        });
      }),
    );
    expect(outer.statements).toBe(3);
  });

  it('ignores statements outside any scope', () => {
    expect(() => countStatement()).not.toThrow();
  });
});

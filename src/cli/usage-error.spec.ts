import { Command } from 'commander';
import { formatOrJson, subcommandRequired, UsageError } from './usage-error';

describe('formatOrJson', () => {
  it.each([
    [undefined, undefined, undefined],
    ['csv', undefined, 'csv'],
    [undefined, true, 'json'],
    ['json', true, 'json'],
  ] as const)('--format %s with --json %s is %s', (format, json, chosen) => {
    expect(formatOrJson<string>(format, json, 'json')).toBe(chosen);
  });

  it('refuses --json with another --format, naming both', () => {
    expect(() => formatOrJson('CSV', true, 'JSON')).toThrow(
      new UsageError('--json is short for --format json: give --json or --format csv, not both'),
    );
  });
});

describe('subcommandRequired', () => {
  const group = () => {
    const token = new Command('token').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    token.command('create');
    token.command('list');
    return token;
  };

  it('names the word that is not a subcommand, and the ones there are', () => {
    expect(() => subcommandRequired(group(), ['lsit'])).toThrow(
      new UsageError("unknown command 'lsit' (token has create, list)"),
    );
  });

  it('prints the help on stderr as an error when there is no subcommand', () => {
    let stderr = '';
    const token = group().configureOutput({ writeErr: (text) => (stderr += text) });
    expect(() => subcommandRequired(token, [])).toThrow(
      expect.objectContaining({ code: 'commander.help', exitCode: 1 }),
    );
    expect(stderr).toMatch(/^Usage: token \[options\] \[command\]/);
  });
});

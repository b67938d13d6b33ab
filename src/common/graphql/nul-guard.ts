import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import { refuseRequest } from './request-refusal';

/** Where a string holds U+0000, which PostgreSQL cannot store in text: a variable path or a literal's location. */
export function findNulCharacter(variables: Record<string, unknown>, document: DocumentNode): string | null {
  const inValue = (root: unknown, rootPath: string): string | null => {
    // Walked with a stack of its own, not by recursion: a client can nest variables deeper than the
    // call stack goes. Paths are spelled out only for the string found.
    type Visit = { value: unknown; key: string; parent: Visit | null };
    const pathOf = (visit: Visit): string => {
      const keys: string[] = [];
      for (let at: Visit | null = visit; at; at = at.parent) keys.push(at.key);
      return rootPath + keys.reverse().join('');
    };
    const pending: Visit[] = [{ value: root, key: '', parent: null }];
    while (pending.length > 0) {
      const visit = pending.pop()!;
      const { value } = visit;
      if (typeof value === 'string') {
        if (value.includes('\u0000')) return pathOf(visit);
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], key: `[${i}]`, parent: visit });
      } else if (value && typeof value === 'object') {
        const entries = Object.entries(value);
        for (let i = entries.length - 1; i >= 0; i--) {
          pending.push({ value: entries[i][1], key: `.${entries[i][0]}`, parent: visit });
        }
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    const found = inValue(value, `$${name}`);
    if (found) return found;
  }
  let literal: string | null = null;
  visit(document, {
    StringValue(node) {
      if (!literal && node.value.includes('\u0000')) {
        literal = node.loc ? `string literal at line ${node.loc.startToken.line}` : 'a string literal';
      }
    },
  });
  return literal;
}

/** Refuses, before any resolver runs, a request carrying U+0000 in a string. */
export function nulGuardPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document }) => {
          const where = findNulCharacter(request.variables ?? {}, document);
          if (where) {
            throw refuseRequest(`${where}: text must not contain the NUL character (U+0000)`, {
              path: where.replace(/^\$/, ''),
            });
          }
          return Promise.resolve();
        },
      }),
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';

/** Where a string holds U+0000, which PostgreSQL cannot store in text: a variable path or a literal's location. */
export function findNulCharacter(variables: Record<string, unknown>, document: DocumentNode): string | null {
  const inValue = (value: unknown, path: string): string | null => {
    if (typeof value === 'string') return value.includes('\u0000') ? path : null;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = inValue(value[i], `${path}[${i}]`);
        if (found) return found;
      }
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const found = inValue(inner, `${path}.${key}`);
        if (found) return found;
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
            throw new GraphQLError(`${where}: text must not contain the NUL character (U+0000)`, {
              extensions: { code: 'BAD_USER_INPUT', path: where.replace(/^\$/, '') },
            });
          }
          return Promise.resolve();
        },
      }),
  };
}

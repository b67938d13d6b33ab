import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type SelectionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { MAX_QUERY_COMPLEXITY } from './complexity';

/**
 * Limits every query must fit before anything runs. Chosen so that the legitimate
 * queries of this API fit with room: the deepest (teams → services → integrations
 * → owner) has depth 10 and the standard introspection query (GraphiQL) has 15;
 * the README's queries use at most ~100 tokens.
 */
export const QUERY_LIMITS = {
  maxDepth: 15,
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 10,
  /** How often one field may be selected within one selection set. */
  maxFieldRepetitions: 5,
  maxComplexity: MAX_QUERY_COMPLEXITY,
} as const;

export interface Protection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** graphql-js stops parsing past maxTokens itself. */
  parseOptions: { maxTokens: number };
}

export function queryProtection(): Protection {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: false, flattenFragments: true, exposeLimits: true },
    // __typename aliases count too (armor allows them by default).
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true, allowList: [] },
    // armor's token counter hooks a parser internal that graphql 16.11+ no longer uses: graphql's own
    // parser limit (parseOptions.maxTokens) does it instead.
    maxTokens: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: true },
    // The cost limit is ours (complexity.ts): it prices page sizes, which armor's does not.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  return {
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    plugins: protection.plugins,
    validationRules: [...protection.validationRules, maxFieldRepetitionsRule(QUERY_LIMITS.maxFieldRepetitions)],
  };
}

/**
 * Refuses a selection set that selects the same field (response name) more than
 * `limit` times: GraphQL merges them, so repeating a field only multiplies the
 * server's work ("field duplication").
 */
export function maxFieldRepetitionsRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    SelectionSet(node) {
      // Fragments (inline and named) merge into the selection set that holds them: count through them.
      const counts = new Map<string, number>();
      const visited = new Set<string>();
      const count = (selections: readonly SelectionNode[]) => {
        for (const selection of selections) {
          if (selection.kind === Kind.FIELD) {
            const name = selection.alias?.value ?? selection.name.value;
            counts.set(name, (counts.get(name) ?? 0) + 1);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            count(selection.selectionSet.selections);
          } else {
            const fragment = context.getFragment(selection.name.value);
            if (fragment && !visited.has(fragment.name.value)) {
              visited.add(fragment.name.value);
              count(fragment.selectionSet.selections);
            }
          }
        }
      };
      count(node.selections);
      for (const [name, count] of counts) {
        if (count > limit) {
          context.reportError(
            new GraphQLError(
              `Field "${name}" is selected ${count} times in one selection set; the limit is ${limit}.`,
              {
                nodes: node,
              },
            ),
          );
        }
      }
    },
  });
}

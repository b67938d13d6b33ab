import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, separateOperations } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_COMPLEXITY = 25_000;

/**
 * Refuses queries whose estimated cost is too high before any resolver runs.
 * A list field costs its children times its page size (`first`), so nesting
 * pages of pages is priced as what it is.
 */
export function complexityLimitPlugin(maxComplexity = MAX_QUERY_COMPLEXITY): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          const complexity = getComplexity({
            schema: schema,
            query: request.operationName ? separateOperations(document)[request.operationName] : document,
            variables: request.variables ?? {},
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) =>
                typeof args.first === 'number' ? 1 + childComplexity * args.first : undefined,
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          if (complexity > maxComplexity) {
            throw new GraphQLError(
              `Query is too complex: ${complexity} > ${maxComplexity}. Ask for fewer fields or smaller pages.`,
              { extensions: { code: 'BAD_USER_INPUT', complexity, maxComplexity } },
            );
          }
          return Promise.resolve();
        },
      }),
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, separateOperations } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { refuseRequest } from './request-refusal';

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
        didResolveOperation: ({ request, document, schema, operation }) => {
          // No operation to run (an unknown operationName, several without one): Apollo refuses it itself.
          if (!operation) return Promise.resolve();
          let complexity: number;
          try {
            complexity = getComplexity({
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
          } catch (error) {
            // Pricing coerces the variables: one of the wrong type is refused here, before execution would.
            if (error instanceof GraphQLError) throw refuseRequest(error.message, {}, error.nodes);
            throw error;
          }
          if (complexity > maxComplexity) {
            throw refuseRequest(
              `Query is too complex: ${complexity} > ${maxComplexity}. Ask for fewer fields or smaller pages.`,
              { complexity, maxComplexity },
            );
          }
          return Promise.resolve();
        },
      }),
  };
}

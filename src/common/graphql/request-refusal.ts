import { GraphQLError, type ASTNode } from 'graphql';

/**
 * A request that one of Estate's Apollo plugins refuses before it runs (NUL character, too
 * complex, variables of the wrong type). Apollo answers an error thrown from a plugin hook
 * with HTTP 500 unless the error names a status: a refusal is the client's doing, hence 400.
 */
export function refuseRequest(
  message: string,
  extensions: Record<string, unknown> = {},
  nodes?: readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } },
  });
}

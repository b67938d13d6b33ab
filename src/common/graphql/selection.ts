import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** What reading a selection needs of the operation: its fragments and variables. */
export type Operation = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>;

/** A field selected below the current one: its definition's arguments, as the request gives them. */
export interface SelectedField {
  args: Record<string, unknown>;
  /** The field's own selections, for looking further down. */
  nodes: FieldNode[];
  type: GraphQLObjectType;
}

/**
 * The field reached from the current field's selection through `path` (e.g. `edges`, `node`,
 * `fields`), with its arguments, or null when it is not selected — or is selected in a way that
 * cannot be read ahead of execution: under @include/@skip, or more than once with different
 * arguments (aliases). Lets a resolver fetch what its children will ask for in the same statement.
 */
export function selectedField(info: GraphQLResolveInfo, path: string[]): SelectedField | null {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  let type = getNamedType(info.returnType);
  let found: SelectedField | null = null;
  for (const name of path) {
    if (!isObjectType(type)) return null;
    const field = type.getFields()[name];
    const matches = field && fieldsSelected(nodes, type, info)?.get(name);
    const args = matches && sameArguments(type, name, matches, info);
    if (!matches || !args) return null;
    type = getNamedType(field.type);
    if (!isObjectType(type)) return null;
    nodes = matches;
    found = { args, nodes: matches, type };
  }
  return found;
}

/**
 * The fields that `nodes` select on `type` (through fragments), by field name, without __typename
 * (the executor answers it). Null when a directive applies or a fragment is on another type: such a
 * selection is left to the resolvers.
 */
export function fieldsSelected(
  nodes: readonly FieldNode[],
  type: GraphQLObjectType,
  info: Operation,
): Map<string, FieldNode[]> | null {
  const found = new Map<string, FieldNode[]>();
  const collect = (set: SelectionSetNode | undefined): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name !== '__typename') found.set(name, [...(found.get(name) ?? []), selection]);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== type.name)) return false;
      if (!collect(fragment.selectionSet)) return false;
    }
    return true;
  };
  for (const node of nodes) if (!collect(node.selectionSet)) return null;
  return found;
}

/** The arguments of field `name` of `type`, when every node gives the same ones; null otherwise. */
export function sameArguments(
  type: GraphQLObjectType,
  name: string,
  nodes: readonly FieldNode[],
  info: Operation,
): Record<string, unknown> | null {
  const definition = type.getFields()[name];
  const all = nodes.map((node) => getArgumentValues(definition, node, info.variableValues));
  const first = JSON.stringify(all[0]);
  return all.every((args) => JSON.stringify(args) === first) ? all[0] : null;
}

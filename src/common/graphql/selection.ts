import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

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
    const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
    if (!field) return null;
    const matches: FieldNode[] = [];
    for (const node of nodes) if (!collect(node.selectionSet, name, info, matches)) return null;
    if (matches.length === 0) return null;
    const args = matches.map((node) => getArgumentValues(field, node, info.variableValues));
    if (args.some((a) => JSON.stringify(a) !== JSON.stringify(args[0]))) return null;
    type = getNamedType(field.type);
    if (!isObjectType(type)) return null;
    nodes = matches;
    found = { args: args[0], nodes: matches, type };
  }
  return found;
}

/** Adds the fields named `name` of a selection set (through fragments) to `into`; false if a directive hides one. */
function collect(
  set: SelectionSetNode | undefined,
  name: string,
  info: GraphQLResolveInfo,
  into: FieldNode[],
): boolean {
  for (const selection of set?.selections ?? []) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!collect(selection.selectionSet, name, info, into)) return false;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (!fragment || !collect(fragment.selectionSet, name, info, into)) return false;
    }
  }
  return true;
}

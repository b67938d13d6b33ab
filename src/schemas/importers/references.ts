import { asObject } from './document';
import { pointerOf, SchemaImportError, type ImportMessage } from './import.types';

type Node = Record<string, unknown> | unknown[];

interface RefSite {
  parent: Node;
  key: string | number;
  ref: string;
  /** The `$ref` object itself: its other keys (a 3.1 `description`) are kept. */
  object: Record<string, unknown>;
  tokens: (string | number)[];
}

/**
 * Replaces every `$ref` that points into the document itself by the object it
 * points at, in place: a referenced schema becomes the *same object*
 * everywhere it is used, and a circular reference becomes an object cycle.
 * A `$ref` with other keys beside it (OpenAPI 3.1 allows a description)
 * becomes `{ allOf: [target], ...those keys }`.
 *
 * References to other files or URLs are never followed (an uploaded document
 * must not make the server read its disk or the network): they stay `$ref`
 * objects, which the importers report where they meet them.
 *
 * One pass collects the references, a second resolves each pointer once
 * (memoised), so the work is linear in the document's size however densely
 * its schemas refer to each other. (General-purpose dereferencers walk
 * recursively from every use; on a generated spec of 1,500 densely linked
 * schemas @apidevtools/json-schema-ref-parser exceeded the call stack.)
 */
export function dereferenceInPlace(document: Record<string, unknown>): void {
  const sites = collectReferences(document);
  const base = typeof document.$id === 'string' ? document.$id.replace(/#.*$/, '') : undefined;
  const resolved = new Map<string, unknown>();
  const resolving = new Set<string>();
  const problems: ImportMessage[] = [];

  const resolve = (ref: string): unknown => {
    const local = localFragment(ref, base);
    if (local === undefined) return undefined;
    if (resolved.has(local)) return resolved.get(local);
    if (resolving.has(local))
      throw new Error(`circular $ref chain through "${ref}": each refers to the next and none is a schema`);
    resolving.add(local);
    try {
      let node: unknown = document;
      for (const token of fragmentTokens(local)) {
        node = follow(node);
        const container = Array.isArray(node) ? node : asObject(node);
        if (!container || !(token in container))
          throw new Error(`cannot resolve $ref "${ref}": nothing in the file is at that location`);
        node = (container as Record<string, unknown>)[token];
      }
      const target = follow(node);
      resolved.set(local, target);
      return target;
    } finally {
      resolving.delete(local);
    }
  };
  // A node that is itself a (not yet replaced) $ref stands for its target.
  const follow = (node: unknown): unknown => {
    const object = asObject(node);
    return object && typeof object.$ref === 'string' && localFragment(object.$ref, base) !== undefined
      ? resolve(object.$ref)
      : node;
  };

  for (const site of sites) {
    let target: unknown;
    try {
      target = resolve(site.ref);
    } catch (error) {
      problems.push({ pointer: pointerOf(site.tokens), message: (error as Error).message });
      continue;
    }
    if (target === undefined) continue; // another file: left for the importer to report if it needs it
    const { $ref: _ref, ...siblings } = site.object;
    const replacement = Object.keys(siblings).length ? { allOf: [target], ...siblings } : target;
    (site.parent as Record<string | number, unknown>)[site.key] = replacement;
  }
  if (problems.length) throw new SchemaImportError(problems.slice(0, 100));
}

/** Every `$ref` object in the document with where it is, found without recursion. */
function collectReferences(document: Record<string, unknown>): RefSite[] {
  const sites: RefSite[] = [];
  type Entry = { node: Node; tokens: (string | number)[] } | { site: RefSite };
  const stack: Entry[] = [{ node: document, tokens: [] }];
  while (stack.length) {
    const top = stack.pop()!;
    if ('site' in top) {
      sites.push(top.site);
      continue;
    }
    const { node, tokens } = top;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node);
    // Children are stacked last-first, so references are met (and reported) in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i];
      if (value === null || typeof value !== 'object') continue;
      const path = [...tokens, key];
      const object = asObject(value);
      stack.push(
        object && typeof object.$ref === 'string'
          ? { site: { parent: node, key, ref: object.$ref, object, tokens: path } }
          : { node: value as Node, tokens: path },
      );
    }
  }
  return sites;
}

/** The fragment of a reference into this document (`#/a/b`, or `<$id>#/a/b`), or undefined for another file. */
function localFragment(ref: string, base: string | undefined): string | undefined {
  if (ref.startsWith('#')) return ref;
  if (base && ref.startsWith(`${base}#`)) return ref.slice(base.length);
  if (base && ref === base) return '#';
  return undefined;
}

function fragmentTokens(fragment: string): string[] {
  const pointer = decodeURIComponent(fragment.slice(1));
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`cannot resolve $ref "${fragment}": only JSON pointers (#/…) are supported, not anchors`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

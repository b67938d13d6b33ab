import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import { pointerToken, type ImportMessage } from './import.types';

/**
 * Adds the line and column to each message that has a JSON pointer into
 * `content` (a JSON or YAML document) but no line yet, so that a problem found
 * after parsing is shown as `file:line:column` too. A pointer to something the
 * document lacks (a missing key) is placed at its nearest ancestor that it has.
 * The document is read again, so call this only when there is something to say.
 */
export function withLocations<M extends ImportMessage>(content: string, messages: M[]): M[] {
  const pointers = new Set(
    messages.filter((m) => m.pointer !== undefined && m.line === undefined).map((m) => m.pointer!),
  );
  if (!pointers.size) return messages;
  const text = content.replace(/^\uFEFF/, '');
  let offsets: Map<string, number>;
  try {
    offsets = nodeOffsets(text, pointers);
  } catch {
    return messages; // The document parsed once already; a second reading that fails only costs the locations.
  }
  const position = lineLocator(text);
  return messages.map((message) => {
    if (message.pointer === undefined || message.line !== undefined) return message;
    const offset = nearest(message.pointer, offsets);
    return offset === undefined ? message : { ...message, ...position(offset) };
  });
}

interface Frame {
  /** Null when nothing wanted lies below this collection. */
  pointer: string | null;
  mapping: boolean;
  index: number;
  /** Mappings: the key whose value comes next; undefined while a key is expected. */
  key: string | null | undefined;
  keyOffset: number;
}

/** Where each wanted pointer (and each of its ancestors) starts in the text: a value, or its key when it has none. */
function nodeOffsets(text: string, pointers: Set<string>): Map<string, number> {
  const wanted = new Set<string>();
  for (const pointer of pointers) {
    for (let end = pointer.length; end > 0; end = pointer.lastIndexOf('/', end - 1)) wanted.add(pointer.slice(0, end));
  }
  const offsets = new Map<string, number>();
  const stack: Frame[] = [];
  for (const event of parseEvents(text, {})) {
    if (event.type === EVENT_ID.DOCUMENT) continue;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1];
    const start = startOf(event);
    let pointer: string | null = null;
    if (!parent) {
      pointer = '';
      offsets.set(pointer, Math.max(start, 0));
    } else if (parent.mapping && parent.key === undefined) {
      // A key: remembered while its value is wanted. (A collection as a key is read past.)
      parent.key = parent.pointer !== null && event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : null;
      parent.keyOffset = start;
    } else {
      const token = parent.mapping ? parent.key : String(parent.index++);
      if (parent.mapping) parent.key = undefined;
      const candidate = parent.pointer !== null && token != null ? `${parent.pointer}/${pointerToken(token)}` : null;
      if (candidate !== null && wanted.has(candidate)) {
        pointer = candidate;
        offsets.set(pointer, start >= 0 ? start : parent.keyOffset);
      }
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({ pointer, mapping: event.type === EVENT_ID.MAPPING, index: 0, key: undefined, keyOffset: -1 });
    }
  }
  return offsets;
}

function startOf(event: Event): number {
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
  if (event.type !== EVENT_ID.SCALAR || event.valueStart < 0) return -1;
  // Offsets of quoted scalars are inside the quotes; point at the opening quote.
  const quoted = event.style === SCALAR_STYLE.DOUBLE_QUOTED || event.style === SCALAR_STYLE.SINGLE_QUOTED;
  return quoted ? event.valueStart - 1 : event.valueStart;
}

function nearest(pointer: string, offsets: Map<string, number>): number | undefined {
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf('/', end - 1)) {
    const offset = offsets.get(pointer.slice(0, end));
    if (offset !== undefined) return offset;
    if (end === 0) break;
  }
  return undefined;
}

/** 1-based line and column of offsets, from one pass over the text (then a binary search per offset). */
function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}

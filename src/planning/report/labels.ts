/*
 * Greedy label placement for chart bubbles: in order of importance, each label takes the first of
 * eight positions around its bubble (then the same further out, with a leader line) that stays in
 * the plot and overlaps neither a label already placed nor another labelled bubble. A label with no
 * free position is left out rather than drawn over another.
 */

export interface Bubble {
  x: number;
  y: number;
  r: number;
  text: string;
}

export interface Bounds {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlacedLabel {
  text: string;
  /** Text position: x by `anchor`, y the baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  leader?: { x1: number; y1: number; x2: number; y2: number };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Width of 11px semi-bold sans text, estimated (no font metrics without a browser); errs wide. */
export function estimateTextWidth(text: string): number {
  return 6.4 * [...text].length + 2;
}

const ASCENT = 9;
const DESCENT = 3;
const DIAGONAL = Math.SQRT1_2;
/** Direction from the bubble's centre, and which end of the text sits nearest to it. */
const DIRECTIONS: { dx: number; dy: number; anchor: PlacedLabel['anchor'] }[] = [
  { dx: 1, dy: 0, anchor: 'start' },
  { dx: -1, dy: 0, anchor: 'end' },
  { dx: DIAGONAL, dy: -DIAGONAL, anchor: 'start' },
  { dx: -DIAGONAL, dy: -DIAGONAL, anchor: 'end' },
  { dx: DIAGONAL, dy: DIAGONAL, anchor: 'start' },
  { dx: -DIAGONAL, dy: DIAGONAL, anchor: 'end' },
  { dx: 0, dy: -1, anchor: 'middle' },
  { dx: 0, dy: 1, anchor: 'middle' },
];
/** Gaps between bubble edge and label tried in turn; beyond the first, a leader line is drawn. */
const GAPS = [3, 16, 32];

export function placeLabels(bubbles: readonly Bubble[], bounds: Bounds): { placed: PlacedLabel[]; skipped: number } {
  const bubbleBoxes = bubbles.map((b) => ({ x0: b.x - b.r, y0: b.y - b.r, x1: b.x + b.r, y1: b.y + b.r }));
  const taken: Box[] = [];
  const placed: PlacedLabel[] = [];
  bubbles.forEach((bubble, index) => {
    const width = estimateTextWidth(bubble.text);
    for (const gap of GAPS) {
      const distance = bubble.r + gap;
      for (const direction of DIRECTIONS) {
        const label = labelAt(bubble, direction, distance);
        const box = boxOf(label, width);
        const free =
          inside(box, bounds) &&
          !taken.some((t) => overlaps(t, box)) &&
          !bubbleBoxes.some((b, other) => other !== index && overlaps(b, box));
        if (!free) continue;
        if (gap !== GAPS[0]) label.leader = leader(bubble, box);
        taken.push(box);
        placed.push(label);
        return;
      }
    }
  });
  return { placed, skipped: bubbles.length - placed.length };
}

function labelAt(bubble: Bubble, d: (typeof DIRECTIONS)[number], distance: number): PlacedLabel {
  const x = bubble.x + d.dx * distance;
  // Above the bubble the baseline sits `distance` up; below, the text's top does; beside, it is centred.
  const y =
    d.dy < 0
      ? bubble.y + d.dy * distance - DESCENT
      : d.dy > 0
        ? bubble.y + d.dy * distance + ASCENT
        : bubble.y + (ASCENT - DESCENT) / 2;
  return { text: bubble.text, x: d.anchor === 'middle' ? bubble.x : x, y, anchor: d.anchor };
}

function boxOf(label: PlacedLabel, width: number): Box {
  const x0 = label.anchor === 'start' ? label.x : label.anchor === 'end' ? label.x - width : label.x - width / 2;
  return { x0, y0: label.y - ASCENT, x1: x0 + width, y1: label.y + DESCENT };
}

function inside(box: Box, bounds: Bounds): boolean {
  return (
    box.x0 >= bounds.left + 2 && box.x1 <= bounds.right - 2 && box.y0 >= bounds.top + 2 && box.y1 <= bounds.bottom - 2
  );
}

/** Labels keep this much clear space around them, so that two keys never read as one. */
const MARGIN = 3;

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 + MARGIN && b.x0 < a.x1 + MARGIN && a.y0 < b.y1 + MARGIN && b.y0 < a.y1 + MARGIN;
}

/** From the bubble's edge to the nearest point of its label. */
function leader(bubble: Bubble, box: Box): NonNullable<PlacedLabel['leader']> {
  const x2 = Math.min(Math.max(bubble.x, box.x0), box.x1);
  const y2 = Math.min(Math.max(bubble.y, box.y0), box.y1);
  const length = Math.hypot(x2 - bubble.x, y2 - bubble.y) || 1;
  return {
    x1: bubble.x + ((x2 - bubble.x) / length) * bubble.r,
    y1: bubble.y + ((y2 - bubble.y) / length) * bubble.r,
    x2,
    y2,
  };
}

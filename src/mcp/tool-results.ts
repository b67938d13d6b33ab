import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ErrorCode } from '../common/errors';
import type { SoftwareServiceEntity } from '../inventory/software-service.entity';
import type { ScoredFactor } from '../scoring/scoring.types';

/** The most list items any tool returns; every `limit` argument is bounded by it. */
export const MAX_LIST = 50;
/** The text rendering of a result is cut here: assistants pay for every character. */
export const MAX_TEXT_CHARS = 8_000;
/** Free text inside results (descriptions, reasons) is cut here. */
export const MAX_NOTE_CHARS = 240;

/** A bounded list: the first `limit` items, and how many there are in all. */
export interface Listed<T> {
  total: number;
  truncated: boolean;
  items: T[];
}

export function listed<T>(all: readonly T[], limit: number, total = all.length): Listed<T> {
  const items = all.slice(0, limit);
  return { total, truncated: total > items.length, items };
}

/** `text` cut to `max` characters (with an ellipsis when cut); null stays null. */
export function clip(text: string | null | undefined, max = MAX_NOTE_CHARS): string | null {
  if (text === null || text === undefined) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "3 of 17" when a list was cut, else "3". */
export function countOf(list: Listed<unknown>): string {
  return list.truncated ? `${list.items.length} of ${list.total}` : String(list.total);
}

/** A result: the data as structured content, and a short text rendering of it for the model to read. */
export function toolResult(structured: Record<string, unknown>, lines: string[]): CallToolResult {
  let text = lines.join('\n');
  if (text.length > MAX_TEXT_CHARS) {
    text = `${text.slice(0, MAX_TEXT_CHARS)}\n… (text cut at ${MAX_TEXT_CHARS} characters; the structured content has the rest)`;
  }
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

export function toolError(code: ErrorCode, message: string): CallToolResult {
  return {
    content: [{ type: 'text', text: `${code}: ${message}` }],
    structuredContent: { error: { code, message } },
    isError: true,
  };
}

/** The factors that add most to a score, with their reasons. */
export function topFactors(factors: readonly ScoredFactor[], n: number) {
  return [...factors]
    .filter((f) => f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, n)
    .map((f) => ({ factor: f.factor, contribution: f.contribution, missing: f.missing, reason: clip(f.reason)! }));
}

export function costOf(service: Pick<SoftwareServiceEntity, 'annualCostAmount' | 'annualCostCurrency'>) {
  return service.annualCostAmount !== null && service.annualCostCurrency !== null
    ? { amount: service.annualCostAmount, currency: service.annualCostCurrency }
    : null;
}

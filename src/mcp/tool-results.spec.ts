import { ErrorCode } from '../common/errors';
import { clip, countOf, listed, MAX_TEXT_CHARS, toolError, toolResult } from './tool-results';

describe('tool results', () => {
  it('lists the first items and counts them all', () => {
    expect(listed([1, 2, 3], 2)).toEqual({ total: 3, truncated: true, items: [1, 2] });
    expect(listed([1, 2], 5)).toEqual({ total: 2, truncated: false, items: [1, 2] });
    expect(listed([1, 2], 2, 40)).toEqual({ total: 40, truncated: true, items: [1, 2] });
    expect(countOf(listed([1, 2, 3], 2))).toBe('2 of 3');
    expect(countOf(listed([1, 2, 3], 3))).toBe('3');
  });

  it('cuts free text and keeps nulls', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abcd', 4)).toBe('abcd');
    expect(clip(null)).toBeNull();
    expect(clip(undefined)).toBeNull();
  });

  it('bounds the text rendering and keeps the structured content whole', () => {
    const result = toolResult({ n: 1 }, ['x'.repeat(MAX_TEXT_CHARS), 'more']);
    const text = (result.content[0] as { text: string }).text;
    expect(text.length).toBeLessThan(MAX_TEXT_CHARS + 120);
    expect(text).toMatch(/text cut at 8000 characters/);
    expect(result.structuredContent).toEqual({ n: 1 });
    expect(result.isError).toBeUndefined();
  });

  it('says what went wrong with its code', () => {
    expect(toolError(ErrorCode.FORBIDDEN, 'no')).toEqual({
      content: [{ type: 'text', text: 'FORBIDDEN: no' }],
      structuredContent: { error: { code: 'FORBIDDEN', message: 'no' } },
      isError: true,
    });
  });
});

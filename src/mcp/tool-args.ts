import * as z from 'zod/v4';
import { KEY_MESSAGE, KEY_PATTERN } from '../common/validators';
import { MAX_LIST } from './tool-results';

export const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;

export const serviceKey = () => z.string().regex(KEY_PATTERN, `a service key ${KEY_MESSAGE}`);
export const limit = (fallback: number, what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_LIST)
    .default(fallback)
    .describe(`How many ${what} to list (1–${MAX_LIST}, default ${fallback}); the rest is counted, not listed.`);

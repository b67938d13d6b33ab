import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/v4';
import { KEY_PATTERN } from '../common/validators';
import { MAX_LIST } from './tool-results';

const DEFAULT_REVIEW_SIZE = 10;

/** Prompts for the questions people bring to Estate most; each steers the assistant to the tools that answer them. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'retirement_review',
    {
      title: 'Review the retirement candidates',
      description: 'Which services should we retire, why, and what would it break? For the whole estate or one team.',
      argsSchema: {
        team: z.string().regex(KEY_PATTERN).optional().describe('Only this team’s services (team key)'),
        top: z
          .string()
          .regex(/^[1-9][0-9]?$/)
          .optional()
          .describe(`How many candidates to review (1–${MAX_LIST}, default ${DEFAULT_REVIEW_SIZE})`),
      },
    },
    ({ team, top }) => {
      const n = Math.min(Number(top ?? DEFAULT_REVIEW_SIZE), MAX_LIST);
      const scope = team ? `the services of team "${team}"` : 'the whole estate';
      return userPrompt(
        `Review the retirement candidates of ${scope} in Estate.\n\n` +
          `1. Call top_retirement_candidates with limit ${n}${team ? ` and team "${team}"` : ''}.\n` +
          '2. For the strongest five, call describe_service to see what each holds and who depends on it.\n' +
          '3. Call retirement_impact with those five together, to see the savings, the unified fields that would be ' +
          'left without a source and the integrations that would break.\n\n' +
          'Then write a short review for a steering committee: one paragraph per candidate (why it is a candidate, ' +
          'in the words of its strongest factors; what retiring it breaks; its cost), a table of the candidates with ' +
          'score, confidence, disposition and annual cost, and a recommendation of what to retire first. Say plainly ' +
          'where a score rests on thin evidence (low confidence, missing data) and what should be checked before deciding.',
      );
    },
  );

  server.registerPrompt(
    'where_does_data_live',
    {
      title: 'Where does this data live?',
      description: 'Which systems hold a piece of data (a unified field), which one is the master, and how safe it is.',
      argsSchema: {
        field: z.string().min(1).max(300).describe('A unified field as Entity.field, e.g. Contact.email'),
      },
    },
    ({ field }) =>
      userPrompt(
        `Where does the data "${field}" live in our estate?\n\n` +
          `1. Call where_is_data with field "${field}" (if the name is not found, use the names it suggests, or ` +
          'search_estate).\n' +
          '2. Call entity_coverage for its entity, to put the field in context.\n' +
          '3. If only one service supplies it, call retirement_impact for that service to show what retiring it ' +
          'would orphan.\n\n' +
          'Answer with: the system of record (or say that none is declared, or that masters conflict), every other ' +
          'system holding the data and through which field, whether it is personal data, and the risks (a single ' +
          'source, conflicting masters, sources that are retirement candidates). Keep it short: a paragraph and a table.',
      ),
  );
}

function userPrompt(text: string): GetPromptResult {
  return { messages: [{ role: 'user', content: { type: 'text', text } }] };
}

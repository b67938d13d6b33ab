import { registerEnumType } from '@nestjs/graphql';
import { Disposition, ScoringFactor } from './scoring.types';

registerEnumType(ScoringFactor, {
  name: 'ScoringFactor',
  description:
    'A factor of the AI-readiness score (API_ACCESS … UNIFIED_MAPPING) or of the retirement score (LOW_AI_READINESS … SOLE_SOURCE).',
});
registerEnumType(Disposition, {
  name: 'Disposition',
  description:
    'TIME (Gartner): INVEST (valuable, AI-fit), MIGRATE (valuable, not AI-fit: move its data), TOLERATE (AI-fit, little value), ELIMINATE (neither).',
});

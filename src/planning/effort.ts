import type { Effort } from './plan.types';

/**
 * Effort points, roughly person-days: what the work of retiring a service is made of. Documented
 * in the README ("Migration plans"); change them here and there together.
 */
export const EFFORT = {
  /** Per service: the contract, access, archiving and switching it off. */
  perService: 2,
  /** Per field without a confirmed mapping: decide where it goes (or that it goes nowhere) and map it. */
  perFieldToMap: 0.1,
  /** Per mapped field: check its data arrived. */
  perFieldToVerify: 0.02,
  /** Per integration into a service that stays: re-point the consumer at the new source. */
  perIntegrationToRepoint: 2,
} as const;

export function effortOf(fieldsToMap: number, fieldsToVerify: number, integrationsToRepoint: number): Effort {
  const points =
    EFFORT.perService +
    fieldsToMap * EFFORT.perFieldToMap +
    fieldsToVerify * EFFORT.perFieldToVerify +
    integrationsToRepoint * EFFORT.perIntegrationToRepoint;
  return { fieldsToMap, fieldsToVerify, integrationsToRepoint, points: roundPoints(points) };
}

/** Effort points to one decimal, as they are shown and compared (see tenths in wave-planner.ts). */
export function roundPoints(points: number): number {
  return Math.round(points * 10) / 10;
}

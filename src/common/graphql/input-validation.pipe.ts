import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../errors';
import { validateInput } from '../validation';

/**
 * Validates decorated argument classes and reports every problem with its path
 * from the argument name (e.g. `input.annualCost.currency`, `first`).
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || !hasValidationRules(type) || value === null || value === undefined) return value;
    const { instance, problems } = await validateInput(type as new () => object, value, metadata.data ?? '');
    if (problems.length > 0) throw DomainError.badInput(problems);
    return instance;
  }
}

/** The pipe runs for every parameter of every resolved field; the answer per type never changes. */
const rulesByType = new WeakMap<object, boolean>();

function hasValidationRules(type: unknown): boolean {
  if (typeof type !== 'function' || [String, Number, Boolean, Array, Object].includes(type as never)) {
    return false;
  }
  let known = rulesByType.get(type);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    rulesByType.set(type, known);
  }
  return known;
}

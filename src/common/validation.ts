import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { InputProblem } from './errors';

/** Validates a plain value against a class-validator decorated class; returns problems with dotted paths. */
export async function validateInput<T extends object>(
  type: new () => T,
  value: unknown,
  pathPrefix = '',
): Promise<{ instance: T; problems: InputProblem[] }> {
  const instance = plainToInstance<T, unknown>(type, value);
  const errors = await validate(instance, { forbidUnknownValues: false });
  return { instance, problems: flattenValidationErrors(errors, pathPrefix) };
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const error of errors) {
    const path = joinPath(prefix, error.property);
    for (const message of Object.values(error.constraints ?? {})) problems.push({ path, message });
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, path));
  }
  return problems;
}

export function joinPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

/**
 * The command line itself is wrong (an option's value, a missing or extra argument): exit code 2,
 * as for Commander's own usage errors. Failures of the work (a file that does not parse, a service
 * that does not exist) stay plain errors: exit code 1.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

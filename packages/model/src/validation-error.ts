import type { z } from 'zod';
import type { LIMITS } from './limits.js';

export interface ValidationIssue {
  /** Dotted path to the offending field, e.g. `body.3.content.0.href`; empty for the whole input. */
  path: string;
  message: string;
}

/** Thrown by the parse and import functions; `issues` names every field that is wrong and why. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: ValidationIssue[];
  /**
   * Set when the input was refused for exceeding a work budget rather than for being wrong:
   * the name of the LIMITS entry (e.g. `textLines`). The API answers these with 413.
   */
  readonly limit: keyof typeof LIMITS | undefined;

  constructor(issues: ValidationIssue[], what = 'input', limit?: keyof typeof LIMITS) {
    const summary = issues
      .slice(0, 5)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(`invalid ${what}: ${summary}${more}`);
    this.issues = issues;
    this.limit = limit;
  }

  static fromZod(error: z.ZodError, what?: string): ValidationError {
    return new ValidationError(
      error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      what,
    );
  }
}

import type { z } from 'zod';

export interface ValidationIssue {
  /** Dotted path to the offending field, e.g. `body.3.content.0.href`; empty for the whole input. */
  path: string;
  message: string;
}

/** Thrown by the parse and import functions; `issues` names every field that is wrong and why. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], what = 'input') {
    const summary = issues
      .slice(0, 5)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(`invalid ${what}: ${summary}${more}`);
    this.issues = issues;
  }

  static fromZod(error: z.ZodError, what?: string): ValidationError {
    return new ValidationError(
      error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      what,
    );
  }
}

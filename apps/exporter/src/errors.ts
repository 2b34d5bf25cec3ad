import type { ValidationIssue } from '@broadsheet/model';

/**
 * Bad user input in one file (or in the edition built from several): the command exits 2 and
 * writes nothing for it. `label` is what the user typed (a path, `-`, or `--edition`).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly label: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(
      `${label}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    );
  }
}

/** Bad command-line arguments that the parser itself cannot catch: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

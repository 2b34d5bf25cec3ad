import { ValidationError } from '../validation-error.js';

// The measurement is shared with the other packages' linearity tests (@broadsheet/testing).
export {
  describeGrowth,
  expectLinear,
  MAX_GROWTH_PER_DOUBLING,
  measureGrowth,
  type Growth,
} from '@broadsheet/testing/linearity';

/** Calls `work`, treating a ValidationError as a normal outcome: refusing input is work too. */
export function refusedOrDone(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
  }
}

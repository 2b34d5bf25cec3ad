/** A stated target and whether this run met it; shown as a table cell. */
export interface Goal {
  text: string;
  met: boolean;
}

export function goalCell(goal: Goal | undefined): string {
  if (!goal) return '';
  return `${goal.text}: ${goal.met ? 'met' : '**missed**'}`;
}

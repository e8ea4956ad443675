// The outcomes table of a CRM's deals (HubSpot) or opportunities (Salesforce): each closed
// renewal, expansion or contraction becomes an outcome dated by its close date; open deals and
// other kinds are counted as not used.
import type { DateFormat } from '../date-values';
import { columnDateFormat, derivedTable } from './derive';
import { dealOutcome } from './hubspot-labels';
import type { BuildInput, DerivedImport, RowCells } from './preset';

/** How one CRM names a deal's parts. */
export interface DealColumns {
  /** The deal's type and stage. */
  typeAndStage(cells: RowCells): [type: string, stage: string];
  /** The outcome's reason: the loss reason of a churn (when given), else the deal's name. */
  reason(cells: RowCells, outcome: 'renewed' | 'churned' | 'expanded' | 'contracted'): string;
  /** Also map an outcome cell reading "skip" (HubSpot's table always had it). */
  mapSkip?: boolean;
}

/** The derived outcomes table, the close dates' format, and the deals used and not used. */
export function dealOutcomes(
  input: BuildInput,
  deal: DealColumns,
): { table: DerivedImport | null; format: DateFormat; used: number; ignored: number } {
  const format = columnDateFormat(input.columnValues('closeDate'));
  const table = derivedTable(['Close Date', 'Outcome', 'Reason'], {
    kind: 'outcomes',
    columns: {
      'Close Date': { role: 'date', format },
      Outcome: {
        role: 'outcome',
        values: {
          renewed: 'renewed',
          churned: 'churned',
          expanded: 'expanded',
          contracted: 'contracted',
          ...(deal.mapSkip ? { skip: 'skip' as const } : {}),
        },
      },
      Reason: { role: 'reason' },
    },
  });
  let used = 0;
  let ignored = 0;
  input.forEachRow((c, accountId, row) => {
    const outcome = dealOutcome(...deal.typeAndStage(c));
    if (outcome === 'skip') {
      ignored++;
      return;
    }
    used++;
    table.push([accountId, c.get('closeDate'), outcome, deal.reason(c, outcome)], row);
  });
  return { table: table.done(), format, used, ignored };
}

// Every change to the book is one queued worker call that writes, rescores and returns what
// changed: `thenRescore(op)` runs a writing op, then rescores the book as of today and returns
// the op's result beside the rescore's summary (with the accounts whose band or score moved,
// each with its cause). The write stands when the rescore fails: the error comes back and the
// next rescore (at the latest the next start-up) catches up.
import type { DayNumber } from '../../engine/types';
import type { ProgressFn } from '../progress';
import { scoreAndSave, type RescoreSummary } from './rescore';

/** A writing op's result with the rescore that followed it. */
export interface Changed<R> {
  result: R;
  /** Null when the op wrote nothing (`wrote` said so) or the rescore failed. */
  rescore: RescoreSummary | null;
  rescoreError: string | null;
}

/** The share of the progress bar the write takes; the rescore takes the rest. */
const WRITE_SHARE = 0.7;

/**
 * `op` then a rescore, as one op. The request carries `today` (the app's todayDay()); `wrote`
 * says whether the op changed anything (default: always) so a dry run is not rescored.
 */
export function thenRescore<Req, R>(
  op: (request: Req, onProgress?: ProgressFn) => Promise<R>,
  wrote: (request: Req, result: R) => boolean = () => true,
): (request: Req & { today: DayNumber }, onProgress?: ProgressFn) => Promise<Changed<R>> {
  return async (request, onProgress) => {
    const result = await op(request, (p) =>
      onProgress?.({ fraction: WRITE_SHARE * p.fraction, label: p.label }),
    );
    if (!wrote(request, result)) return { result, rescore: null, rescoreError: null };
    try {
      const rescore = await scoreAndSave({ today: request.today }, (p) =>
        onProgress?.({
          fraction: WRITE_SHARE + (1 - WRITE_SHARE) * p.fraction,
          label: p.label === 'Done' ? 'Done' : `Updating scores: ${p.label.toLowerCase()}`,
        }),
      );
      return { result, rescore, rescoreError: null };
    } catch (e) {
      return { result, rescore: null, rescoreError: e instanceof Error ? e.message : String(e) };
    }
  };
}

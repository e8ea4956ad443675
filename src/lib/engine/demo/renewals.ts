// The renewal outcomes of a demo account: every anniversary inside the window gets one, chosen
// from the trouble the account is in at the time; the churn renewal gets its story's reason.
import { addMonths } from '../dates';
import type { Random } from '../random';
import type { DayNumber, OutcomeKind } from '../types';
import { CHURN_REASONS, RENEWAL_REASONS } from './catalog';
import { troubleOn, type Episode } from './episodes';
import type { Fate } from './stories';

/** One renewal inside the window and what happened at it. */
export interface RenewalEvent {
  day: DayNumber;
  outcome: OutcomeKind;
  reason: string;
  avoidable: boolean | null;
  /** Multiplier on licensed seats from this renewal on. */
  seatFactor: number;
}

function churnReason(rng: Random, fate: Fate): { reason: string; avoidable: boolean } {
  const story = fate.story;
  if (story === 'acquired') return { reason: rng.pick(CHURN_REASONS.acquired), avoidable: false };
  if (story === 'outOfBusiness')
    return { reason: rng.pick(CHURN_REASONS.outOfBusiness), avoidable: false };
  const key = story === 'healthy' || story === 'onboarding' ? 'surprise' : story;
  return { reason: rng.pick(CHURN_REASONS[key]), avoidable: true };
}

/** Every renewal anniversary inside [windowStart, last] with its outcome. */
export function planRenewals(
  rng: Random,
  fate: Fate,
  plan: {
    contractStart: DayNumber;
    churnDay: DayNumber | null;
    episodes: Episode[];
    utilisation: number;
  },
  windowStart: DayNumber,
  endDay: DayNumber,
): RenewalEvent[] {
  const events: RenewalEvent[] = [];
  const last = plan.churnDay ?? endDay;
  for (let year = 1; ; year++) {
    const day = addMonths(plan.contractStart, 12 * year);
    if (day > last) break;
    if (day < windowStart) continue;
    if (day === plan.churnDay) {
      events.push({ day, outcome: 'churned', ...churnReason(rng, fate), seatFactor: 0 });
      break;
    }
    const trouble = Math.max(
      troubleOn(plan.episodes, 'usage', day),
      troubleOn(plan.episodes, 'support', day),
      troubleOn(plan.episodes, 'relationship', day),
    );
    if (trouble > 0.3 && rng.chance(0.6)) {
      const factor = 0.6 + 0.25 * rng.next();
      events.push({
        day,
        outcome: 'contracted',
        reason: rng.pick(RENEWAL_REASONS.contractedAvoidable),
        avoidable: true,
        seatFactor: factor,
      });
    } else if (rng.chance(0.04)) {
      const factor = 0.7 + 0.15 * rng.next();
      events.push({
        day,
        outcome: 'contracted',
        reason: rng.pick(RENEWAL_REASONS.contractedUnavoidable),
        avoidable: false,
        seatFactor: factor,
      });
    } else if (trouble < 0.1 && rng.chance(plan.utilisation > 0.7 ? 0.4 : 0.2)) {
      const factor = 1.1 + 0.4 * rng.next();
      events.push({
        day,
        outcome: 'expanded',
        reason: rng.pick(RENEWAL_REASONS.expanded),
        avoidable: null,
        seatFactor: factor,
      });
    } else {
      events.push({
        day,
        outcome: 'renewed',
        reason: rng.pick(RENEWAL_REASONS.renewed),
        avoidable: null,
        seatFactor: 1,
      });
    }
  }
  return events;
}

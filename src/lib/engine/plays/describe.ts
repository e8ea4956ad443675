// A playbook in words for the Playbooks page: its trigger ("Score below 50") and its anti-flap
// settings ("for 7 days", "cooldown 45 days", "leaves above 35"), read off the same fields the
// state machine (state.ts) and the "stays in" tests (triggers.ts) use.
import type { Playbook, Trigger } from './schema';

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** Names of a model's stages and patterns, when the caller has them (ids otherwise). */
export interface TriggerNames {
  stage?: (id: string) => string;
  pattern?: (id: string) => string;
}

/** What makes the playbook fire, in words. */
export function triggerWords(t: Trigger, names: TriggerNames = {}): string {
  switch (t.kind) {
    case 'band':
      return `Band is ${t.band}`;
    case 'score': {
      const scale = t.scale === 'bands' ? ' (on the 30/70 band scale)' : '';
      if (t.below !== undefined && t.above !== undefined)
        return `Score between ${fmt(t.above)} and ${fmt(t.below)}${scale}`;
      return t.below !== undefined
        ? `Score below ${fmt(t.below)}${scale}`
        : `Score above ${fmt(t.above!)}${scale}`;
    }
    case 'drop':
      return `Score fell ${fmt(t.points)} points or more in ${t.days} days`;
    case 'pattern':
      return `Pattern “${names.pattern?.(t.pattern) ?? t.pattern}” fires`;
    case 'stage':
      return `Enters the ${names.stage?.(t.stage) ?? t.stage} stage`;
    case 'tenure':
      return `Days ${t.fromDay} to ${t.toDay - 1} of the contract`;
    case 'renewal':
      return `Renewal in ${t.days} days or fewer`;
    case 'pulse':
      return `Latest pulse ${fmt(t.atOrBelow)} of 5 or lower`;
    case 'no-data':
      return `No usage data or pulse for ${t.days} days or more`;
    case 'expansion':
      return `Green and rising, with seat use at ${pct(t.minSeatUse)} or more`;
  }
}

/** When a trigger that is in lets go (the looser "stays in" test failing), in words. */
function leavesWords(t: Trigger): string {
  switch (t.kind) {
    case 'score': {
      const h = t.hysteresis;
      const low = t.above === undefined ? null : t.above - h;
      const high = t.below === undefined ? null : t.below + h;
      if (h === 0) {
        const parts = [
          low === null ? null : `at ${fmt(low)} or below`,
          high === null ? null : `at ${fmt(high)} or above`,
        ].filter((p) => p !== null);
        return `leaves ${parts.join(' or ')}`;
      }
      const parts = [
        low === null ? null : `below ${fmt(low)}`,
        high === null ? null : `above ${fmt(high)}`,
      ].filter((p) => p !== null);
      return `leaves ${parts.join(' or ')}`;
    }
    case 'drop':
      return `leaves when the score climbs more than ${fmt(t.hysteresis)} points above where it fell to; another ${fmt(t.points)}-point fall from there is a new task`;
    case 'band':
      return `leaves when the band is no longer ${t.band}`;
    case 'pattern':
      return 'leaves when the pattern no longer fires';
    case 'stage':
      return 'leaves when the account leaves the stage';
    case 'tenure':
      return `leaves on day ${t.toDay} of the contract`;
    case 'renewal':
      return `leaves when the renewal is more than ${t.days} days away or past`;
    case 'pulse':
      return `leaves when the latest pulse is above ${fmt(t.atOrBelow)}`;
    case 'no-data':
      return 'leaves when data arrives';
    case 'expansion':
      return `leaves when no longer green or seat use falls below ${pct(t.minSeatUse - 0.05)}`;
  }
}

/** The anti-flap settings in words. */
export interface AntiFlapWords {
  /** "at once" or "for 7 days": how long the trigger must hold before a task. */
  holds: string;
  /** "cooldown 45 days" or "no cooldown". */
  cooldown: string;
  /** "leaves above 35": when the trigger lets go (hysteresis). */
  leaves: string;
}

export function antiFlapWords(p: Playbook): AntiFlapWords {
  return {
    holds: p.forDays <= 1 ? 'at once' : `for ${p.forDays} days`,
    cooldown: p.cooldownDays === 0 ? 'no cooldown' : `cooldown ${p.cooldownDays} days`,
    leaves: leavesWords(p.trigger),
  };
}

// Ready-made models: the seeds' two weight sets over the demo book's metric names, with the
// seeds' pattern rules and lifecycle/segment context. DEFAULT_MODEL is the five-dimension one.
import type { ModelDocument, ModelDocumentInput } from './schema';
import { parseModelOrThrow } from './parse';
import { PRESET_MEASURES } from './preset-measures';

const m = PRESET_MEASURES;

const lifecycle = {
  onboardingDays: 90,
  renewalWindowDays: 90,
  stages: [
    { id: 'adoption', name: 'Adoption', minTenureDays: 90, maxTenureDays: 365 },
    { id: 'mature', name: 'Mature', minTenureDays: 365, maxTenureDays: null },
  ],
};

const contexts: ModelDocumentInput['contexts'] = [
  {
    id: 'onboarding',
    name: 'Onboarding: adoption matters more than trends without a baseline',
    when: { stages: ['onboarding'] },
    measureWeights: { usage_change_28d: 0, licensed_seats_change_182d: 0, days_since_qbr: 0 },
    scoring: { seat_utilisation: { type: 'linear', red: 0.15, green: 0.6 } },
  },
  {
    id: 'renewal',
    name: 'Renewal window: the relationship carries more weight',
    when: { stages: ['renewal'] },
    groupWeights: { relationship: 25 },
  },
  {
    id: 'enterprise',
    name: 'Enterprise: a large seat count is rarely fully active',
    when: { segments: ['Enterprise'] },
    scoring: { seat_utilisation: { type: 'linear', red: 0.25, green: 0.7 } },
  },
];

const patterns: ModelDocumentInput['patterns'] = [
  {
    id: 'silent_champion_before_renewal',
    name: 'Silent champion before renewal',
    description:
      'Usage down at least 30% over 28 days, the champion silent for 14 days or more, and renewal within 60 days.',
    conditions: [
      { measure: 'usage_change_28d', op: '<=', value: -30 },
      { measure: 'champion_silence', op: '>=', value: 14 },
      { attribute: 'daysToRenewal', op: '<=', value: 60 },
    ],
    capBand: 'amber',
    subtractPoints: 10,
  },
  {
    id: 'busy_but_unanchored',
    name: 'Busy product, silent champion, missed QBR',
    description:
      'Healthy usage hides a relationship at risk: the champion silent 21 days or more and no QBR for 120 days.',
    conditions: [
      { measure: 'seat_utilisation', op: '>=', value: 0.6 },
      { measure: 'champion_silence', op: '>=', value: 21 },
      { measure: 'days_since_qbr', op: '>=', value: 120 },
    ],
    capBand: 'amber',
  },
];

const common = {
  format: 'canary-model/1' as const,
  version: 1,
  bands: { redMax: 30, amberMax: 70 },
  trend: { windowDays: 30, deadZone: 5 },
  pulse: { halfLifeDays: 30 },
  lifecycle,
  contexts,
  patterns,
};

/** The seeds' five-dimension weight set: usage 30, support 20, engagement 15, financial 20, relationship 15. */
export const DEFAULT_MODEL: ModelDocument = parseModelOrThrow({
  ...common,
  id: 'canary-default',
  name: 'Five dimensions (30/20/15/20/15)',
  description:
    'Usage 30, support 20, engagement 15, financial 20, relationship 15, with the seeds’ pattern rules and lifecycle context.',
  groups: [
    {
      id: 'usage',
      name: 'Usage',
      weight: 30,
      measures: [m.seatUtilisation, m.usageChange, m.coreActionsChange],
    },
    {
      id: 'support',
      name: 'Support',
      weight: 20,
      measures: [m.escalations, m.ticketChange, m.csat],
    },
    { id: 'engagement', name: 'Engagement', weight: 15, measures: [m.meetings, m.qbr] },
    { id: 'financial', name: 'Financial', weight: 20, measures: [m.pastDue, m.seatChange] },
    {
      id: 'relationship',
      name: 'Relationship',
      weight: 15,
      measures: [m.champion, m.nps, m.pulse],
    },
  ],
} satisfies ModelDocumentInput);

/** The seeds' four-dimension weight set: usage 40, support 25, relationship 20, financial 15. */
export const USAGE_LED_MODEL: ModelDocument = parseModelOrThrow({
  ...common,
  id: 'canary-usage-led',
  name: 'Usage-led (40/25/20/15)',
  description:
    'Usage 40, support 25, relationship 20, financial 15; engagement signals count under relationship.',
  groups: [
    {
      id: 'usage',
      name: 'Usage',
      weight: 40,
      measures: [m.seatUtilisation, m.usageChange, m.coreActionsChange],
    },
    {
      id: 'support',
      name: 'Support',
      weight: 25,
      measures: [m.escalations, m.ticketChange, m.csat],
    },
    {
      id: 'relationship',
      name: 'Relationship',
      weight: 20,
      measures: [
        m.champion,
        m.nps,
        m.pulse,
        { ...m.qbr, weight: 25 },
        { ...m.meetings, weight: 25 },
      ],
    },
    { id: 'financial', name: 'Financial', weight: 15, measures: [m.pastDue, m.seatChange] },
  ],
} satisfies ModelDocumentInput);

/** A ready model offered in the builder. */
export interface PresetModel {
  id: string;
  name: string;
  description: string;
  model: ModelDocument;
}

/** The presets, default first. */
export const PRESET_MODELS: PresetModel[] = [DEFAULT_MODEL, USAGE_LED_MODEL].map((model) => ({
  id: model.id,
  name: model.name,
  description: model.description,
  model,
}));

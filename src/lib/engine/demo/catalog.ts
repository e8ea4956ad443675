// Fixed word lists the demo book draws from: company names, CSMs, industries, plans and the
// reasons CSMs and renewal outcomes give. Kept apart so the generator reads as logic only.
import type { Random } from '../random';

const NAME_HEADS = [
  'Northwind',
  'Bluefin',
  'Copperline',
  'Harbor',
  'Juniper',
  'Lumen',
  'Maple',
  'Meridian',
  'Nimbus',
  'Oakridge',
  'Orchid',
  'Pinecrest',
  'Quarry',
  'Redwood',
  'Saffron',
  'Silverleaf',
  'Summit',
  'Tidewater',
  'Verdant',
  'Willow',
  'Aster',
  'Beacon',
  'Cobalt',
  'Driftwood',
  'Ember',
  'Fairway',
  'Granite',
  'Heron',
  'Ironwood',
  'Kestrel',
  'Lakeshore',
  'Mosaic',
  'Noble',
  'Onyx',
  'Prairie',
  'Riverbend',
  'Sable',
  'Trellis',
  'Upland',
  'Vantage',
  'Wren',
  'Yarrow',
  'Zephyr',
  'Alder',
  'Brightwater',
  'Cedar',
  'Dune',
  'Evergreen',
] as const;

const NAME_TAILS = [
  'Analytics',
  'Logistics',
  'Health',
  'Systems',
  'Labs',
  'Foods',
  'Robotics',
  'Energy',
  'Freight',
  'Clinics',
  'Media',
  'Software',
  'Outfitters',
  'Dental',
  'Capital',
  'Builders',
  'Insurance',
  'Learning',
  'Studios',
  'Pharma',
  'Hospitality',
  'Manufacturing',
  'Networks',
  'Retail',
  'Biotech',
  'Legal',
  'Partners',
  'Holdings',
  'Mobility',
  'Textiles',
] as const;

const NAME_FORMS = ['', ' Inc.', ' Ltd', ' Group', ' Co.'] as const;

/** The CSMs who own demo accounts, each with how rosy their pulse entries tend to be. */
export const DEMO_OWNERS: readonly { name: string; pulseBias: number }[] = [
  { name: 'Priya Raman', pulseBias: 0 },
  { name: 'Marcus Webb', pulseBias: 0.45 },
  { name: 'Elena Sokolova', pulseBias: -0.35 },
  { name: 'Tom Okafor', pulseBias: 0.15 },
  { name: 'Hannah Lindqvist', pulseBias: -0.1 },
];

/** Industries shown as an account attribute. */
export const INDUSTRIES = [
  'Software',
  'Healthcare',
  'Logistics',
  'Financial services',
  'Retail',
  'Manufacturing',
  'Education',
  'Media',
  'Professional services',
] as const;

/** Regions shown as an account attribute. */
export const REGIONS = ['North America', 'EMEA', 'APAC', 'LATAM'] as const;

/**
 * Deterministic, unique fictional company names. The head × tail × form space holds 7,200
 * names; beyond that a roman-ish counter keeps names unique rather than repeating one.
 */
export function companyNames(rng: Random, count: number): string[] {
  const used = new Set<string>();
  const names: string[] = [];
  const space = NAME_HEADS.length * NAME_TAILS.length * NAME_FORMS.length;
  for (let i = 0; i < count; i++) {
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || used.has(name)); attempt++) {
      name = `${rng.pick(NAME_HEADS)} ${rng.pick(NAME_TAILS)}${rng.pick(NAME_FORMS)}`;
    }
    if (used.has(name)) name = `${name} ${Math.floor(i / space) + 2}-${i}`;
    used.add(name);
    names.push(name);
  }
  return names;
}

/** What a pulse entry says, by the dominant trouble the CSM can see. */
export const PULSE_REASONS = {
  good: [
    'Strong adoption, exec sponsor engaged',
    'Team expanding use to a new department',
    'Great QBR, roadmap aligned',
    'Steady usage, no open issues',
  ],
  quiet: ['Quiet month, usage steady', 'Busy season for them, check in later', 'No news'],
  usage: [
    'Usage dropping, team went back to spreadsheets',
    'Logins down after reorg',
    'Rollout stalled in second team',
  ],
  support: [
    'Open escalation on integration bugs',
    'Frustrated with ticket response times',
    'Data sync issue still unresolved',
  ],
  payment: [
    'Finance chasing overdue invoice',
    'Invoice disputed by procurement',
    'Payment delayed, budget freeze',
  ],
  relationship: [
    'Sponsor disengaged, meetings cancelled',
    'Survey feedback turned negative',
    'Stakeholders unhappy with value',
  ],
} as const;

/** Churn reasons per story, with whether the churn was avoidable. */
export const CHURN_REASONS = {
  usage: ['Low adoption, did not see value', 'Rollout never went beyond the pilot team'],
  support: ['Unresolved product issues', 'Moved to a competitor after support problems'],
  payment: ['Budget cut, could not justify spend', 'Stopped paying after budget freeze'],
  relationship: ['Executive sponsor lost confidence', 'Poor relationship with vendor'],
  silentChampion: ['Champion left, no executive sponsor', 'New leadership chose another tool'],
  surprise: ['Switched to a competitor on price', 'Consolidated onto their CRM vendor suite'],
  acquired: ['Acquired; parent company uses another platform'],
  outOfBusiness: ['Went out of business'],
} as const;

/** Reasons given for non-churn renewal outcomes. */
export const RENEWAL_REASONS = {
  renewed: ['Renewed on existing terms', 'Renewed after pricing review', 'Multi-team renewal'],
  expanded: ['Added seats for a new team', 'Upgraded plan and added seats', 'Expanded to EMEA'],
  contractedAvoidable: ['Reduced seats after low adoption', 'Cut seats after support issues'],
  contractedUnavoidable: ['Headcount reduction at customer'],
} as const;

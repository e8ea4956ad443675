// The playbooks Canary ships: the seeds' threshold plays (001, on the seeds' band scale, so they
// follow a fitted model's bands: "A score between 50–70 might
// trigger a proactive check-in. Below 50 might trigger an urgent account review with a
// structured success plan. Above 80 could trigger an expansion conversation.") and the journey
// plays of 004 (kickoff, first value, renewal), plus the sharp-drop and silence alarms a CSM
// expects.
import { PlaybookSchema, type Playbook, type PlaybookInput } from './schema';

const INPUTS: PlaybookInput[] = [
  {
    id: 'urgent-review',
    name: 'Urgent account review',
    description:
      'Score below 50: review the account and agree a structured success plan (seed 001). Leaves above 55.',
    trigger: { kind: 'score', below: 50, hysteresis: 5, scale: 'bands' },
    forDays: 1,
    cooldownDays: 30,
    action: {
      title: 'Urgent review: {account}',
      checklist: [
        'Read the score breakdown and the timeline',
        'Call the champion and name the risk',
        'Write a success plan with dates and owners',
        'Escalate to the CS lead if ARR is at risk',
      ],
      dueInDays: 2,
      priority: 'urgent',
    },
  },
  {
    id: 'sharp-drop',
    name: 'Sharp drop',
    description:
      'Score fell 20 points or more in 30 days: find out what changed while it can still be turned around.',
    trigger: { kind: 'drop', points: 20, days: 30, hysteresis: 5 },
    forDays: 1,
    cooldownDays: 30,
    action: {
      title: 'Find out why {account} dropped',
      checklist: [
        'Read what moved in the score breakdown',
        'Ask the champion what changed',
        'Log a pulse with what you learned',
      ],
      dueInDays: 3,
      priority: 'high',
    },
  },
  {
    id: 'proactive-check-in',
    name: 'Proactive check-in',
    description:
      'Score between 50 and 70 for a week: check in before it slides (seed 001). Leaves below 45 or above 75.',
    trigger: { kind: 'score', above: 50, below: 70, hysteresis: 5, scale: 'bands' },
    forDays: 7,
    cooldownDays: 45,
    action: {
      title: 'Check in with {account}',
      checklist: ['Ask how the last month went', 'Confirm the goals still hold', 'Log a pulse'],
      dueInDays: 7,
      priority: 'normal',
    },
  },
  {
    id: 'expansion-conversation',
    name: 'Expansion conversation',
    description:
      'Score above 80 for two weeks: open an expansion conversation (seed 001). Leaves below 75.',
    trigger: { kind: 'score', above: 80, hysteresis: 5, scale: 'bands' },
    forDays: 14,
    cooldownDays: 90,
    action: {
      title: 'Expansion conversation with {account}',
      checklist: ['Find the team or use case not yet covered', 'Propose seats or a higher plan'],
      dueInDays: 14,
      priority: 'normal',
    },
  },
  {
    id: 'onboarding-kickoff',
    name: 'Onboarding kickoff',
    description:
      'First two weeks of the contract: reset expectations and restate the reason for purchase (seed 004).',
    trigger: { kind: 'tenure', fromDay: 0, toDay: 14 },
    cooldownDays: 365,
    action: {
      title: 'Kickoff with {account}',
      checklist: [
        'Restate why they bought and what success looks like',
        'Agree the onboarding plan and the first-value date',
        'Name the champion and the executive sponsor',
      ],
      dueInDays: 5,
      priority: 'high',
    },
  },
  {
    id: 'first-value-due',
    name: 'First value due',
    description:
      'Day 45 to 90 of the contract: confirm the customer has reached first value (seed 004).',
    trigger: { kind: 'tenure', fromDay: 45, toDay: 90 },
    cooldownDays: 365,
    action: {
      title: 'Confirm first value with {account}',
      checklist: ['Show the outcome they bought for, with numbers', 'Unblock what is stalling'],
      dueInDays: 10,
      priority: 'high',
    },
  },
  {
    id: 'renewal-window',
    name: 'Renewal window',
    description:
      'Renewal in 90 days or fewer: prepare the renewal and the value review (seed 004: Renew and Grow).',
    trigger: { kind: 'renewal', days: 90 },
    cooldownDays: 180,
    action: {
      title: 'Prepare the renewal of {account}',
      checklist: [
        'Value review: outcomes against the goals',
        'Confirm the decision maker and the timeline',
        'Send the renewal proposal',
      ],
      dueInDays: 21,
      priority: 'high',
    },
  },
  {
    id: 'gone-quiet',
    name: 'Gone quiet',
    description: 'No usage data or pulse for 30 days: find out why before the score goes stale.',
    trigger: { kind: 'no-data', days: 30 },
    cooldownDays: 60,
    action: {
      title: 'Find out why {account} went quiet',
      checklist: ['Check the data feed', 'Reach the champion'],
      dueInDays: 5,
      priority: 'normal',
    },
  },
];

/** The default playbooks, parsed (defaults filled in). */
export const DEFAULT_PLAYBOOKS: readonly Playbook[] = INPUTS.map((p) => PlaybookSchema.parse(p));

// The "Did it work" table in words: for one playbook's two groups (task completed / no completed
// task) the rows accounts, mean score at the task, change after each mark (with how many tasks
// had data), renewed and churned — numbers formatted for people, and "—" with the reason where
// there is nothing to show. Pure: the engine's numbers in, strings out.
import type { GroupEffect, PlaybookEffect } from '../engine/plays';
import { formatInteger, formatNumber, formatShare } from '../format';

/** One cell: the figure, and a short note under it (how many, or why there is none). */
export interface EffectCell {
  text: string;
  note: string;
}

export interface EffectRow {
  key: string;
  label: string;
  completed: EffectCell;
  notCompleted: EffectCell;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** "+2.5", "−20.6", "0": a change in points with one decimal and a real minus sign. */
export function formatChange(value: number): string {
  const r = Math.round(value * 10) / 10;
  if (r === 0) return '0';
  return r > 0 ? `+${formatNumber(r, 1)}` : `−${formatNumber(-r, 1)}`;
}

function accountsCell(g: GroupEffect): EffectCell {
  if (g.tasks === 0) return { text: '—', note: 'no tasks' };
  return { text: formatInteger(g.accounts), note: `in ${plural(g.tasks, 'task')}` };
}

function scoreCell(g: GroupEffect): EffectCell {
  if (g.tasks === 0) return { text: '—', note: 'no tasks' };
  if (g.scoreAtTask.mean === null)
    return { text: '—', note: 'no score on the days the tasks were created' };
  return {
    text: formatNumber(g.scoreAtTask.mean, 1),
    note: `${formatInteger(g.scoreAtTask.n)} of ${plural(g.tasks, 'task')} with a score`,
  };
}

function changeCell(g: GroupEffect, index: number): EffectCell {
  const c = g.changes[index];
  if (g.tasks === 0) return { text: '—', note: 'no tasks' };
  if (c.eligible === 0) return { text: '—', note: `no task is ${c.days} days old yet` };
  if (c.mean === null)
    return {
      text: '—',
      note: `no score ${c.days} days after ${c.eligible === 1 ? 'the task' : `any of the ${formatInteger(c.eligible)} tasks old enough`}`,
    };
  return {
    text: formatChange(c.mean),
    note: `n = ${formatInteger(c.n)} with data, of ${plural(c.eligible, 'task')} ${c.days}+ days old`,
  };
}

function outcomeCell(g: GroupEffect, kind: 'renewed' | 'churned', windowDays: number): EffectCell {
  if (g.tasks === 0) return { text: '—', note: 'no tasks' };
  const o = g.outcomes;
  const decided = o.renewed + o.churned;
  if (decided === 0)
    return {
      text: '—',
      note:
        o.pending > 0
          ? `no renewal or churn yet: the ${windowDays} days after ${o.pending === 1 ? 'the task are' : `${formatInteger(o.pending)} tasks are`} not over`
          : `no renewal or churn within ${windowDays} days`,
    };
  const n = kind === 'renewed' ? o.renewed : o.churned;
  const detail =
    kind === 'renewed' && (o.expanded > 0 || o.contracted > 0)
      ? ` (incl. ${[
          o.expanded > 0 ? `${formatInteger(o.expanded)} expanded` : null,
          o.contracted > 0 ? `${formatInteger(o.contracted)} contracted` : null,
        ]
          .filter(Boolean)
          .join(', ')})`
      : '';
  const waiting = o.pending > 0 ? `; ${formatInteger(o.pending)} still to come` : '';
  return {
    text: `${formatInteger(n)} (${formatShare(n / decided)})`,
    note: `of ${plural(decided, 'outcome')}${detail}${waiting}`,
  };
}

/** The table's rows, in order: accounts, score at the task, one change per mark, renewed, churned. */
export function effectRows(effect: PlaybookEffect): EffectRow[] {
  const { completed, notCompleted } = effect;
  const row = (key: string, label: string, cell: (g: GroupEffect) => EffectCell): EffectRow => ({
    key,
    label,
    completed: cell(completed),
    notCompleted: cell(notCompleted),
  });
  return [
    row('accounts', 'Accounts', accountsCell),
    row('score', 'Mean score at the task', scoreCell),
    ...completed.changes.map((c, i) =>
      row(`change-${c.days}`, `Change after ${c.days} days`, (g) => changeCell(g, i)),
    ),
    row('renewed', `Renewed within ${effect.outcomeWindowDays} days`, (g) =>
      outcomeCell(g, 'renewed', effect.outcomeWindowDays),
    ),
    row('churned', `Churned within ${effect.outcomeWindowDays} days`, (g) =>
      outcomeCell(g, 'churned', effect.outcomeWindowDays),
    ),
  ];
}

/** What a playbook's task is, in words: "due in 2 days · urgent priority · the account's owner". */
export function actionWords(action: {
  dueInDays: number;
  priority: string;
  owner: string | null;
}): string {
  const due =
    action.dueInDays === 0 ? 'due the same day' : `due in ${plural(action.dueInDays, 'day')}`;
  return `${due} · ${action.priority} priority · for ${action.owner ?? 'the account’s owner'}`;
}

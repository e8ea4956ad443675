// The Monday journey through tasks: add tasks on an account page (the Inbox's count follows),
// open the Inbox, tick a checklist item, complete a task with an outcome note by keyboard
// (focus moves to the next task), snooze another; the account's timeline shows the completion
// and the portfolio's navigation no longer counts it. Downloads as CSV and .ics.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { PINNED_NOW, TODAY, expect, test, type Page } from './fixture';
import { AccountPage, PortfolioPage } from './app';

function isoInDays(days: number): string {
  return new Date(PINNED_NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function addTask(
  page: Page,
  title: string,
  due: string,
  priority: string,
  checklist = '',
): Promise<void> {
  const tasks = page.getByTestId('account-tasks');
  const form = tasks.getByTestId('add-task-form');
  if (!(await form.isVisible())) await tasks.getByText('Add task', { exact: true }).click();
  await form.getByLabel('Task').fill(title);
  await form.getByLabel('Due').fill(due);
  await form.getByLabel('Priority').selectOption(priority);
  if (checklist) await form.getByLabel(/Checklist/).fill(checklist);
  await form.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Task added: ${title}` })).toBeVisible();
}

test('Monday: add tasks, work the Inbox, and the timeline and portfolio follow', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Inbox' })).toBeVisible();
  await expect(nav.getByTestId('inbox-count')).toHaveCount(0);

  const account = new AccountPage(page);
  const name = await account.openFromPortfolio(0);
  const tasks = page.getByTestId('account-tasks');
  await expect(tasks.getByTestId('no-open-tasks')).toBeVisible({ timeout: 30_000 });
  // The owner field starts with the account's owner.
  await tasks.getByText('Add task', { exact: true }).click();
  const owner = await tasks.getByTestId('add-task-form').getByLabel('Owner').inputValue();
  // An empty title is refused, and focus lands on it.
  await tasks.getByRole('button', { name: 'Add task' }).click();
  await expect(tasks.getByText('Enter what needs doing.')).toBeVisible();
  await expect(tasks.getByLabel('Task')).toBeFocused();

  await addTask(page, 'Call the champion', TODAY, 'urgent', 'Review usage\nAgree a success plan');
  await addTask(page, 'Send the QBR deck', isoInDays(3), 'normal');
  await expect(tasks.getByTestId('task')).toHaveCount(2);
  await expect(nav.getByTestId('inbox-count')).toHaveText(/^1\s*due$/);
  await expect(nav.getByRole('link', { name: /^Inbox\W*1 due$/ })).toBeVisible();

  // The Inbox: due today and upcoming, each with its account, playbook, due date and priority.
  await nav.getByRole('link', { name: /^Inbox/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  const today = page.getByTestId('inbox-section-today').getByTestId('task');
  const upcoming = page.getByTestId('inbox-section-upcoming').getByTestId('task');
  await expect(today).toHaveCount(1);
  await expect(upcoming).toHaveCount(1);
  const call = today.first();
  await expect(call.getByTestId('task-account')).toHaveText(name);
  await expect(call.getByTestId('task-playbook')).toHaveText('Added by hand');
  await expect(call.getByTestId('task-due')).toHaveText('Due Nov 23, 2026 · today');
  await expect(call).toContainText('Urgent priority');
  await expect(call.getByTestId('task-owner')).toHaveText(owner ? `Owner: ${owner}` : 'No owner');
  await expect(upcoming.first().getByTestId('task-due')).toHaveText('Due Nov 26, 2026 · in 3 days');
  await expect(page.getByTestId('inbox-summary')).toHaveText(
    '2 tasks to do · 0 overdue · 1 due today',
  );

  // axe, with tasks and an open action form, light and dark.
  await call.getByRole('button', { name: 'Snooze…' }).click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  }
  await call.getByRole('button', { name: 'Cancel' }).click();

  // Downloads: every task as CSV, the tasks to do as a calendar.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`canary-tasks-${TODAY}.csv`);
  const csvText = readFileSync((await csv.path())!, 'utf8');
  expect(csvText.split('\n')[0]).toMatch(/^task_id,account_id,account_name,title,/);
  expect(csvText).toContain('Call the champion');
  expect(csvText.trim().split('\n')).toHaveLength(3);
  const [ics] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
  ]);
  expect(ics.suggestedFilename()).toBe(`canary-tasks-${TODAY}.ics`);
  const icsText = readFileSync((await ics.path())!, 'utf8');
  expect(icsText.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(icsText).toContain('DTSTART;VALUE=DATE:20261123\r\n');
  expect(icsText).toContain('DTSTART;VALUE=DATE:20261126\r\n');
  expect(icsText.match(/BEGIN:VEVENT/g)).toHaveLength(2);

  // Tick a checklist item.
  await call.getByRole('checkbox', { name: 'Review usage' }).check();
  await expect(call.getByText('Checklist · 1 of 2 done')).toBeVisible();

  // Complete with an outcome note, by keyboard; focus moves to the next task.
  await call.getByRole('button', { name: 'Complete…' }).focus();
  await page.keyboard.press('Enter');
  const note = call.getByLabel('Outcome note');
  await expect(note).toBeFocused();
  await page.keyboard.type('Champion confirmed the renewal; success plan agreed');
  await page.keyboard.press('Tab');
  await expect(call.getByRole('button', { name: 'Mark done' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Done: Call the champion.' }),
  ).toBeVisible();
  await expect(today).toHaveCount(0);
  await expect(page.getByTestId('inbox-section-today')).toContainText('Nothing due today.');
  await expect(page.getByRole('heading', { level: 3, name: 'Send the QBR deck' })).toBeFocused();
  await expect(nav.getByTestId('inbox-count')).toHaveCount(0);

  // Snooze the other: a date and a reason (Escape first closes the form and returns focus).
  const deck = upcoming.first();
  await deck.getByRole('button', { name: 'Snooze…' }).click();
  await page.keyboard.press('Escape');
  await expect(deck.getByRole('button', { name: 'Snooze…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await deck.getByLabel('Snooze until').fill(isoInDays(10));
  await deck.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(deck.getByText('Say why you are snoozing it.')).toBeVisible();
  await expect(deck.getByLabel('Reason')).toBeFocused();
  await page.keyboard.type('Customer on holiday');
  await page.keyboard.press('Enter');
  const snoozed = page.getByTestId('inbox-section-snoozed').getByTestId('task');
  await expect(snoozed).toHaveCount(1);
  await expect(snoozed.first().getByTestId('task-due')).toHaveText(
    'Snoozed until Dec 3, 2026 · in 10 days',
  );
  await expect(page.getByTestId('inbox-section-upcoming')).toContainText('Nothing coming up.');
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeFocused();
  await page.screenshot({ path: 'test-results/inbox.png', fullPage: true });

  // The account's timeline shows the completion with its note; the task is listed as done.
  await snoozed.first().getByTestId('task-account').click();
  await account.waitForScore(name);
  const entry = account.timelineEntries().filter({ hasText: 'Task completed: Call the champion' });
  await expect(entry).toContainText('Outcome: Champion confirmed the renewal; success plan agreed');
  await expect(
    account.timelineEntries().filter({ hasText: 'Task snoozed: Send the QBR deck' }),
  ).toContainText('Customer on holiday');
  const done = page
    .getByTestId('account-tasks')
    .locator('[data-task-list="done"] [data-testid="task"]');
  await expect(done).toHaveCount(1);
  await expect(done.getByTestId('task-outcome')).toHaveText(
    'Outcome: Champion confirmed the renewal; success plan agreed',
  );
  await page.getByTestId('account-tasks').screenshot({ path: 'test-results/account-tasks.png' });

  // The portfolio: no task is counted as due any more, after a reload too.
  await page.getByRole('link', { name: '← Portfolio' }).click();
  await new PortfolioPage(page).waitForBook();
  await page.reload();
  await new PortfolioPage(page).waitForBook();
  await expect(nav.getByRole('link', { name: 'Inbox' })).toBeVisible();
  await page.waitForTimeout(2500);
  await expect(nav.getByTestId('inbox-count')).toHaveCount(0);
});

test('an empty Inbox says where tasks come from', async ({ page }) => {
  await new PortfolioPage(page).open();
  await page.goto('/inbox');
  const empty = page.getByTestId('inbox-empty');
  await expect(empty).toContainText('No tasks yet');
  await expect(empty.getByRole('link', { name: 'portfolio' })).toHaveAttribute('href', '/');
  await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
});

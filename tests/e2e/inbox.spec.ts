// The Monday journey through the playbooks' tasks: the demo book's Inbox has overdue tasks;
// tick a checklist item, complete one with an outcome note by keyboard (focus moves on), snooze
// another; the navigation's count, the account's portfolio row and its timeline follow.
// Downloads as CSV and .ics. A task added by hand on an account page joins the Inbox.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { PINNED_NOW, TODAY, expect, test, type Page } from './fixture';
import { AccountPage, PortfolioPage, SettingsPage } from './app';

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

/** "12 tasks · 3 due" → [12, 3]; no text (no task) → [0, 0]. */
async function rowTasks(page: Page, name: string): Promise<[number, number]> {
  await page.getByRole('searchbox').fill(name);
  const row = page
    .getByTestId('portfolio-row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row).toHaveCount(1);
  const chip = row.getByTestId('row-tasks');
  if ((await chip.count()) === 0) return [0, 0];
  const m = /(\d+) tasks?(?: · (\d+) due)?/.exec((await chip.textContent()) ?? '');
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0)];
}

test('Monday: work the playbooks’ tasks in the Inbox; the timeline and the portfolio follow', async ({
  page,
}) => {
  // The demo book comes with nine weeks of playbook work: most tasks done, some overdue.
  const portfolio = new PortfolioPage(page);
  await portfolio.open();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const navCount = nav.getByTestId('inbox-count');
  await expect(navCount).toHaveText(/^\d+\s*due$/, { timeout: 30_000 });
  const dueBefore = Number(/\d+/.exec((await navCount.textContent())!)![0]);
  expect(dueBefore).toBeGreaterThan(0);

  await nav.getByRole('link', { name: /^Inbox/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  const summary = page.getByTestId('inbox-summary');
  await expect(summary).toHaveText(/^\d+ tasks to do · \d+ overdue · \d+ due today · \d+ done$/);
  const [toDo, overdueCount, todayCount, doneCount] = ((await summary.textContent()) ?? '')
    .match(/\d+/g)!
    .map(Number);
  expect(overdueCount + todayCount).toBe(dueBefore);
  const overdue = page.getByTestId('inbox-section-overdue').getByTestId('task');
  await expect(overdue).toHaveCount(overdueCount);

  // The first overdue task: a playbook's, with its account, playbook name, reason and checklist.
  const first = overdue.first();
  const title = (await first.getByRole('heading').textContent())!.trim();
  const name = (await first.getByTestId('task-account').textContent())!.trim();
  await expect(first.getByTestId('task-playbook')).not.toHaveText('Added by hand');
  await expect(first.getByTestId('task-due')).toHaveText(/^Overdue · Due .+ · \d+ days? ago$/);
  await expect(first).toContainText('Why: ');
  const task = page.locator(`[data-task-id="${await first.getAttribute('data-task-id')}"]`);

  // axe, with many tasks and an open action form, light and dark.
  await task.getByRole('button', { name: 'Snooze…' }).click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  }
  await task.getByRole('button', { name: 'Cancel' }).click();

  // Before completing: the account's row in the portfolio counts this task as due.
  await nav.getByRole('link', { name: 'Portfolio' }).click();
  await portfolio.waitForBook();
  const [rowToDo, rowDue] = await rowTasks(page, name);
  expect(rowToDo).toBeGreaterThanOrEqual(1);
  expect(rowDue).toBeGreaterThanOrEqual(1);
  await nav.getByRole('link', { name: /^Inbox/ }).click();

  // Tick a checklist item, then complete with an outcome note, by keyboard.
  const firstItem = task.getByRole('checkbox').first();
  await firstItem.check();
  await expect(task.getByText(/^Checklist · 1 of \d+ done$/)).toBeVisible();
  await task.getByRole('button', { name: 'Complete…' }).focus();
  await page.keyboard.press('Enter');
  await expect(task.getByLabel('Outcome note')).toBeFocused();
  await page.keyboard.type('Champion confirmed the renewal; success plan agreed');
  await page.keyboard.press('Tab');
  await expect(task.getByRole('button', { name: 'Mark done' })).toBeFocused();
  await page.keyboard.press('Enter');
  const done = `Done: ${title}${title.endsWith('.') ? '' : '.'}`;
  await expect(page.getByRole('status').filter({ hasText: done })).toBeVisible();
  await expect(summary).toHaveText(
    `${toDo - 1} tasks to do · ${overdueCount - 1} overdue · ${todayCount} due today · ${doneCount + 1} done`,
  );
  await expect(navCount).toHaveText(new RegExp(`^${dueBefore - 1}\\s*due$`));
  // Focus moved on to the next task's title.
  await expect(page.locator('h3:focus')).toHaveCount(1);

  // Snooze another: a date and a reason (Escape first closes the form and returns focus).
  const next = page.getByTestId('inbox-section-overdue').getByTestId('task').first();
  const nextTitle = (await next.getByRole('heading').textContent())!.trim();
  const snoozing = page.locator(`[data-task-id="${await next.getAttribute('data-task-id')}"]`);
  await snoozing.getByRole('button', { name: 'Snooze…' }).click();
  await page.keyboard.press('Escape');
  await expect(snoozing.getByRole('button', { name: 'Snooze…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await snoozing.getByLabel('Snooze until').fill(isoInDays(10));
  await snoozing.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(snoozing.getByText('Say why you are snoozing it.')).toBeVisible();
  await expect(snoozing.getByLabel('Reason')).toBeFocused();
  await page.keyboard.type('Customer on holiday');
  await page.keyboard.press('Enter');
  const snoozed = page.getByTestId('inbox-section-snoozed').getByTestId('task');
  await expect(snoozed.filter({ hasText: nextTitle })).toHaveCount(1);
  await expect(snoozed.filter({ hasText: nextTitle }).getByTestId('task-due')).toHaveText(
    'Snoozed until Dec 3, 2026 · in 10 days',
  );
  await page.screenshot({ path: 'test-results/inbox.png' });

  // Downloads: every task as CSV, the tasks still to do as a calendar.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`canary-tasks-${TODAY}.csv`);
  const csvText = readFileSync((await csv.path())!, 'utf8');
  expect(csvText.split('\n')[0]).toMatch(/^task_id,account_id,account_name,title,/);
  expect(csvText).toContain('Champion confirmed the renewal; success plan agreed');
  expect(csvText.trim().split('\n')).toHaveLength(toDo + doneCount + 1);
  const [ics] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
  ]);
  expect(ics.suggestedFilename()).toBe(`canary-tasks-${TODAY}.ics`);
  const icsText = readFileSync((await ics.path())!, 'utf8');
  expect(icsText.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(icsText.match(/BEGIN:VEVENT/g)).toHaveLength(toDo - 1);

  // The account's timeline shows the completion with its note; the task is listed as done.
  const account = new AccountPage(page);
  await page.goto('/');
  await portfolio.waitForBook();
  const [rowToDoAfter, rowDueAfter] = await rowTasks(page, name);
  expect([rowToDoAfter, rowDueAfter]).toEqual([rowToDo - 1, rowDue - 1]);
  await page.getByRole('link', { name, exact: true }).click();
  await account.waitForScore(name);
  const entry = account.timelineEntries().filter({ hasText: `Task completed: ${title}` });
  await expect(entry).toContainText('Outcome: Champion confirmed the renewal; success plan agreed');
  await expect(
    page
      .getByTestId('account-tasks')
      .locator('[data-task-list="done"] [data-testid="task"]')
      .filter({ hasText: title })
      .getByTestId('task-outcome'),
  ).toHaveText('Outcome: Champion confirmed the renewal; success plan agreed');

  // After a reload the navigation still counts one due task fewer.
  await page.reload();
  await account.waitForScore(name);
  await expect(navCount).toHaveText(new RegExp(`^${dueBefore - 2}\\s*due$`));
});

test('a task added by hand on an account page joins the Inbox', async ({ page }) => {
  await new PortfolioPage(page).open();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const navCount = nav.getByTestId('inbox-count');
  await expect(navCount).toHaveText(/^\d+\s*due$/, { timeout: 30_000 });
  const dueBefore = Number(/\d+/.exec((await navCount.textContent())!)![0]);
  const account = new AccountPage(page);
  const name = await account.openFromPortfolio(0);
  const tasks = page.getByTestId('account-tasks');
  // The owner field starts with the account's owner.
  await tasks.getByText('Add task', { exact: true }).click();
  const owner = await tasks.getByTestId('add-task-form').getByLabel('Owner').inputValue();
  // An empty title is refused, and focus lands on it.
  await tasks.getByRole('button', { name: 'Add task' }).click();
  await expect(tasks.getByText('Enter what needs doing.')).toBeVisible();
  await expect(tasks.getByLabel('Task')).toBeFocused();
  await addTask(page, 'Call the champion', TODAY, 'urgent', 'Review usage\nAgree a success plan');
  await addTask(page, 'Send the QBR deck', isoInDays(3), 'normal');
  await expect(navCount).toHaveText(new RegExp(`^${dueBefore + 1}\\s*due$`));

  await nav.getByRole('link', { name: /^Inbox/ }).click();
  const call = page
    .getByTestId('inbox-section-today')
    .getByTestId('task')
    .filter({ hasText: 'Call the champion' });
  await expect(call.getByTestId('task-account')).toHaveText(name);
  await expect(call.getByTestId('task-playbook')).toHaveText('Added by hand');
  await expect(call.getByTestId('task-due')).toHaveText('Due Nov 23, 2026 · today');
  await expect(call).toContainText('Urgent priority');
  await expect(call.getByTestId('task-owner')).toHaveText(owner ? `Owner: ${owner}` : 'No owner');
  const deck = page
    .getByTestId('inbox-section-upcoming')
    .getByTestId('task')
    .filter({ hasText: 'Send the QBR deck' });
  await expect(deck.getByTestId('task-due')).toHaveText('Due Nov 26, 2026 · in 3 days');
  const [ics] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
  ]);
  const icsText = readFileSync((await ics.path())!, 'utf8');
  expect(icsText).toContain('DTSTART;VALUE=DATE:20261123\r\n');
  expect(icsText).toContain('DTSTART;VALUE=DATE:20261126\r\n');
});

test('an empty Inbox says where tasks come from', async ({ page }) => {
  // An erased book has no tasks (the demo comes with the playbooks' past work).
  await new PortfolioPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.').first()).toBeVisible();
  await page.goto('/inbox');
  const empty = page.getByTestId('inbox-empty');
  await expect(empty).toContainText('No tasks yet');
  await expect(empty.getByRole('link', { name: 'portfolio' })).toHaveAttribute('href', '/');
  await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
});

test('the Inbox filters by owner and playbook, kept in the address', async ({ page }) => {
  await new PortfolioPage(page).open();
  await page.goto('/inbox');
  const summary = page.getByTestId('inbox-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const all = Number(/^(\d+) tasks? to do/.exec((await summary.textContent()) ?? '')![1]);
  const filters = page.getByRole('form', { name: 'Filter the tasks' });
  const owner = filters.getByLabel('Owner');
  const firstOwner = (await owner.locator('option').nth(1).textContent())!.trim();
  await owner.selectOption({ label: firstOwner });
  await expect(page).toHaveURL(
    new RegExp(`/inbox\\?owner=${encodeURIComponent(firstOwner).replace(/%20/g, '(\\+|%20)')}$`),
  );
  const cards = page.getByTestId('task');
  await expect(cards.first()).toBeVisible();
  for (const o of await cards.getByTestId('task-owner').allTextContents())
    expect(o).toBe(`Owner: ${firstOwner}`);
  const mine = Number(/^(\d+) tasks? to do/.exec((await summary.textContent()) ?? '')![1]);
  expect(mine).toBeLessThan(all);

  // Owner and playbook together; the address opens the same view after a reload.
  await filters.getByLabel('Playbook').selectOption({ label: 'Renewal window' });
  await page.reload();
  await expect(filters.getByLabel('Playbook')).toHaveValue('renewal-window');
  await expect(filters.getByLabel('Owner')).toHaveValue(firstOwner);
  for (const p of await page.getByTestId('task-playbook').allTextContents())
    expect(p).toBe('Renewal window');
  await filters.getByRole('button', { name: 'Show every task' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  // The Playbooks page links to its playbook's tasks in the Inbox.
  await page.goto('/playbooks');
  await page
    .getByTestId('playbook')
    .filter({ hasText: 'Urgent account review' })
    .getByRole('link', { name: 'See them in the Inbox' })
    .click();
  await expect(page).toHaveURL(/\/inbox\?playbook=urgent-review$/);
  await expect(filters.getByLabel('Playbook')).toHaveValue('urgent-review');
  await filters.getByRole('button', { name: 'Show every task' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(summary).toContainText(`${all} tasks to do`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

// The Playbooks page: the eight default playbooks with their triggers and "Did it work" tables;
// completing a playbook's task in the Inbox with a note adds one to its "task completed"
// column; a playbook switched off and on again by keyboard (off deletes nothing, on says how
// many tasks it created); axe in light and dark. Editing: the urgent review's threshold moved
// from 50 to 40 by keyboard (the trigger's words change, a toast counts the tasks), a value the
// schema refuses shown at its field with nothing saved, Escape closing the form, axe with the
// form open; a playbook added, downloaded as JSON that parses as playbooks, deleted; the shipped
// playbooks restored. Counts are read from the page before and after,
// so the spec does not depend on how many tasks the demo's past work left.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { parsePlaybooks } from '../../src/lib/engine/plays/schema';
import { expect, test, type Page } from './fixture';
import { PortfolioPage, SettingsPage } from './app';

const TRIGGERS = [
  ['Urgent account review', 'Score below 50 (on the 30/70 band scale)'],
  ['Sharp drop', 'Score fell 20 points or more in 30 days'],
  ['Proactive check-in', 'Score between 50 and 70 (on the 30/70 band scale)'],
  ['Expansion conversation', 'Score above 80 (on the 30/70 band scale)'],
  ['Onboarding kickoff', 'Days 0 to 13 of the contract'],
  ['First value due', 'Days 45 to 89 of the contract'],
  ['Renewal window', 'Renewal in 90 days or fewer'],
  ['Gone quiet', 'No usage data or pulse for 30 days or more'],
];

async function openPlaybooks(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Playbooks' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Playbooks' })).toBeVisible();
  await expect(page.getByTestId('playbook')).toHaveCount(TRIGGERS.length, { timeout: 30_000 });
}

function card(page: Page, name: string) {
  return page
    .getByTestId('playbook')
    .filter({ has: page.getByRole('heading', { level: 2, name }) });
}

async function count(page: Page, name: string, testId: string): Promise<number> {
  return Number((await card(page, name).getByTestId(testId).innerText()).replace(/,/g, ''));
}

test('Playbooks: triggers, Did it work after completing a task, switch off and on, axe', async ({
  page,
}) => {
  await new PortfolioPage(page).open();
  await openPlaybooks(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Playbooks' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByTestId('page-caveat')).toContainText(
    'This is not an experiment: CSMs choose which tasks to complete',
  );
  const cards = page.getByTestId('playbook');
  for (const [i, [name, trigger]] of TRIGGERS.entries()) {
    await expect(cards.nth(i).getByRole('heading', { level: 2 })).toHaveText(name);
    await expect(cards.nth(i).getByTestId('playbook-trigger')).toHaveText(trigger);
    await expect(cards.nth(i).getByRole('switch', { name: `On: ${name}` })).toBeChecked();
  }
  await expect(card(page, 'Proactive check-in').getByTestId('playbook-antiflap')).toHaveText(
    /fires for 7 days · leaves below 45 or above 75 · cooldown 45 days/,
  );
  await expect(card(page, 'Urgent account review').getByTestId('playbook-action')).toContainText(
    '“Urgent review: ‹account›”, due in 2 days · urgent priority',
  );
  // Every table has its two columns, its rows and the caveat.
  const tables = page.getByTestId('effects-table');
  expect(await tables.count()).toBeGreaterThan(0);
  await expect(tables.first().getByRole('columnheader')).toHaveText([
    'Measure',
    'Task completed',
    'No completed task',
  ]);
  await expect(tables.first().getByRole('rowheader')).toHaveText([
    'Accounts',
    'Mean score at the task',
    'Change after 30 days',
    'Change after 60 days',
    'Renewed within 365 days',
    'Churned within 365 days',
  ]);
  expect(await page.getByTestId('effects-caveat').count()).toBe(await tables.count());

  // A playbook's task in the Inbox: note its playbook's counts, complete it with a note.
  await nav.getByRole('link', { name: /^Inbox/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  const task = page
    .getByTestId('task')
    .filter({ has: page.getByTestId('task-playbook').filter({ hasNotText: 'Added by hand' }) })
    .first();
  await expect(task).toBeVisible({ timeout: 30_000 });
  const playbook = (await task.getByTestId('task-playbook').innerText()).trim();
  const title = (await task.getByRole('heading', { level: 3 }).innerText()).trim();
  expect(TRIGGERS.map(([n]) => n)).toContain(playbook);

  await openPlaybooks(page);
  const doneBefore = await count(page, playbook, 'playbook-done');
  const openBefore = await count(page, playbook, 'playbook-open');
  const completedBefore = await count(page, playbook, 'effects-completed-tasks');
  expect(completedBefore).toBe(doneBefore);

  await nav.getByRole('link', { name: /^Inbox/ }).click();
  const same = page
    .getByTestId('task')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) })
    .first();
  await same.getByRole('button', { name: 'Complete…' }).click();
  await same.getByLabel('Outcome note').fill('Called the champion; plan agreed');
  await same.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Done: ${title}` })).toBeVisible();

  await openPlaybooks(page);
  const mine = card(page, playbook);
  await expect(mine.getByTestId('playbook-done')).toHaveText(String(doneBefore + 1));
  await expect(mine.getByTestId('playbook-open')).toHaveText(String(openBefore - 1));
  await expect(mine.getByTestId('effects-completed-tasks')).toHaveText(String(completedBefore + 1));
  await expect(
    mine
      .getByTestId('effects-row')
      .filter({ hasText: 'Accounts' })
      .getByTestId('effects-completed'),
  ).toContainText(`in ${completedBefore + 1} task`);

  // Switch a playbook off and on again, by keyboard.
  const urgent = card(page, 'Urgent account review');
  const toggle = urgent.getByRole('switch', { name: 'On: Urgent account review' });
  const urgentOpen = await count(page, 'Urgent account review', 'playbook-open');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(
    page.getByRole('status').filter({
      hasText: 'Urgent account review is off: it creates no new tasks. Nothing was deleted',
    }),
  ).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await expect(urgent.getByTestId('playbook-state')).toContainText('Off: it creates no new tasks');
  await expect(urgent.getByTestId('playbook-open')).toHaveText(String(urgentOpen));
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Space');
  await expect(
    page.getByRole('status').filter({ hasText: /^Urgent account review is on: / }),
  ).toBeVisible();
  await expect(toggle).toBeChecked();
  await expect(urgent.getByTestId('playbook-state')).toContainText(
    'On: evaluated after every rescore',
  );
  expect(await count(page, 'Urgent account review', 'playbook-open')).toBeGreaterThanOrEqual(
    urgentOpen,
  );

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/playbooks.png', fullPage: true });
  await card(page, playbook).screenshot({ path: 'test-results/playbooks-card.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await card(page, 'Renewal window').screenshot({ path: 'test-results/playbooks-card-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // With everything erased: the playbooks are listed, none has a task, and the page says so.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.eraseAll();
  await expect(page.getByText('All data erased.').first()).toBeVisible();
  await openPlaybooks(page);
  await expect(page.getByTestId('playbooks-empty')).toContainText(
    'No playbook has created a task yet',
  );
  await expect(page.getByTestId('effects-none')).toHaveCount(TRIGGERS.length);
  await expect(page.getByTestId('effects-table')).toHaveCount(0);
  await expect(page.getByTestId('page-caveat')).toBeVisible();
});

test('Playbooks: edit a threshold by keyboard, refuse an invalid value, add, download, delete, restore', async ({
  page,
}) => {
  const N = TRIGGERS.length;
  await new PortfolioPage(page).open();
  await openPlaybooks(page);
  const urgent = card(page, 'Urgent account review');
  await expect(urgent.getByTestId('playbook-trigger')).toHaveText(
    'Score below 50 (on the 30/70 band scale)',
  );

  // Open the form by keyboard: focus lands on its first field.
  const edit = urgent.getByRole('button', { name: 'Edit…' });
  await edit.focus();
  await page.keyboard.press('Enter');
  const form = urgent.getByTestId('playbook-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Hysteresis (points)')).toHaveValue('5');
  await expect(form.getByLabel('For (consecutive days)')).toHaveValue('1');
  await expect(form.getByLabel('Cooldown (days)')).toHaveValue('30');
  await expect(form.getByLabel('Title')).toHaveValue('Urgent review: {account}');
  await expect(form.getByLabel('Priority')).toHaveValue('urgent');
  await expect(form.getByLabel('Checklist')).toHaveValue(/^Read the score breakdown/);
  // Escape closes it and gives focus back to "Edit…".
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();

  // An invalid value: the schema's problem at its field, nothing saved.
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  const hysteresis = form.getByLabel('Hysteresis (points)');
  await hysteresis.fill('500');
  await form.getByRole('button', { name: 'Save playbook' }).click();
  await expect(form.getByTestId('field-error-hysteresis')).toHaveText(/100/);
  await expect(hysteresis).toHaveAttribute('aria-invalid', 'true');
  await expect(hysteresis).toBeFocused();
  await expect(urgent.getByTestId('playbook-antiflap')).toContainText('leaves above 55');
  // An ARR range that holds nothing is refused at "ARR at most", not saved to match no account.
  await hysteresis.fill('5');
  await form.getByLabel('ARR at least').fill('50000');
  await form.getByLabel('ARR at most').fill('10000');
  await form.getByRole('button', { name: 'Save playbook' }).click();
  await expect(form.getByTestId('field-error-maxArr')).toHaveText('At least "ARR at least"');
  await expect(form.getByLabel('ARR at most')).toBeFocused();
  await form.getByLabel('ARR at least').fill('');
  await form.getByLabel('ARR at most').fill('');

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await urgent.screenshot({ path: 'test-results/playbook-edit.png' });

  // The threshold from 50 to 40, by keyboard: Tab from the name to "Below", type, Enter saves.
  await hysteresis.fill('5');
  await form.getByLabel('Name', { exact: true }).focus();
  const below = form.getByLabel('Below (score)');
  for (let i = 0; i < 6 && !(await below.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(below).toBeFocused();
  await expect(below).toHaveValue('50');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({
      hasText:
        /^Urgent account review is saved and evaluated afresh: (no account meets it today, so it created no task|it created (1 task|[\d,]+ tasks) today)/,
    }),
  ).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(urgent.getByTestId('playbook-trigger')).toHaveText(
    'Score below 40 (on the 30/70 band scale)',
  );
  await expect(urgent.getByTestId('playbook-antiflap')).toContainText('leaves above 45');

  // Add a playbook: the id comes from the name.
  await page.getByRole('button', { name: 'Add a playbook' }).click();
  const tools = page.getByTestId('playbooks-tools');
  const add = tools.getByTestId('playbook-form');
  await expect(add.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('Silent enterprise');
  await expect(add.getByLabel('Id')).toHaveValue('silent-enterprise');
  await add.getByLabel('Fires when').selectOption('no-data');
  await add.getByLabel('No data for (days)').fill('14');
  await add.getByLabel('Segments').fill('Enterprise');
  await add.getByLabel('Title').fill('Find out why {account} is silent');
  await add.getByLabel('Due in (days)').fill('3');
  await add.getByLabel('Checklist').fill('Check the feed\nCall the champion');
  await add.getByRole('button', { name: 'Add playbook' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /^Silent enterprise is added: / }),
  ).toBeVisible();
  await expect(page.getByTestId('playbook')).toHaveCount(N + 1);
  const silent = card(page, 'Silent enterprise');
  await expect(silent.getByTestId('playbook-trigger')).toHaveText(
    'No usage data or pulse for 14 days or more',
  );

  // Download: the document the CLI's --playbooks reads.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download playbooks (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('canary-playbooks-2026-11-23.json');
  const parsed = parsePlaybooks(JSON.parse(readFileSync(await download.path(), 'utf8')));
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.playbooks).toHaveLength(N + 1);
  expect(parsed.playbooks.find((p) => p.id === 'urgent-review')?.trigger).toEqual({
    kind: 'score',
    below: 40,
    hysteresis: 5,
    scale: 'bands',
  });
  expect(parsed.playbooks.find((p) => p.id === 'silent-enterprise')).toMatchObject({
    conditions: { segments: ['Enterprise'] },
    action: { dueInDays: 3, checklist: ['Check the feed', 'Call the champion'], owner: null },
  });

  // Load a file: a problem anywhere stores nothing and is listed with its path; a good file says
  // what it adds and replaces, and loads once confirmed.
  const fileInput = page.getByLabel('Playbooks file');
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    playbooks: Record<string, unknown>[];
  };
  const pulseWatch = {
    id: 'pulse-watch',
    name: 'Pulse watch',
    trigger: { kind: 'pulse', atOrBelow: 2 },
    action: { title: 'Ask {account} what went wrong', dueInDays: 2, priority: 'high' },
  };
  await fileInput.setInputFiles({
    name: 'bad-playbooks.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify([pulseWatch, { ...pulseWatch, id: 'b', trigger: { kind: 'score' } }]),
    ),
  });
  const fileErrors = page.getByTestId('file-errors');
  await expect(fileErrors).toContainText('bad-playbooks.json was not loaded');
  await expect(fileErrors.getByRole('listitem')).toHaveText([
    '[1].trigger: a score trigger needs "below", "above" or both',
  ]);
  await expect(page.getByTestId('playbook')).toHaveCount(N + 1);
  await fileErrors.getByRole('button', { name: 'Dismiss' }).click();

  const renamed = doc.playbooks.map((p) =>
    p.id === 'silent-enterprise' ? { ...p, name: 'Silent enterprise accounts' } : p,
  );
  await fileInput.setInputFiles({
    name: 'team-playbooks.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ playbooks: [...renamed, pulseWatch] })),
  });
  const loadDialog = page.getByRole('dialog', { name: 'Load team-playbooks.json?' });
  await expect(loadDialog).toContainText('Adds 1 playbook: Pulse watch.');
  await expect(loadDialog).toContainText('Replaces 1 playbook: Silent enterprise accounts.');
  await loadDialog.getByRole('button', { name: 'Load playbooks' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Loaded team-playbooks.json: 1 added, 1 replaced, ${N} unchanged; ` }),
  ).toBeVisible();
  await expect(page.getByTestId('playbook')).toHaveCount(N + 2);
  await expect(card(page, 'Pulse watch').getByTestId('playbook-trigger')).toHaveText(
    'Latest pulse 2 of 5 or lower',
  );
  await expect(card(page, 'Silent enterprise accounts')).toHaveCount(1);

  // Delete the urgent review (confirmed): its tasks stay in the Inbox, from "(deleted playbook)".
  const urgentOpen = await count(page, 'Urgent account review', 'playbook-open');
  expect(urgentOpen).toBeGreaterThan(0);
  await urgent.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Urgent account review?' });
  await expect(dialog).toContainText(
    `Its ${urgentOpen === 1 ? '1 task' : `${urgentOpen} tasks`} to do stay in the Inbox, shown as from “(deleted playbook)”.`,
  );
  await dialog.getByRole('button', { name: 'Delete playbook' }).click();
  await expect(page.getByTestId('playbook')).toHaveCount(N + 1);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: /^Inbox/ }).click();
  await expect(
    page.getByTestId('task').filter({
      has: page.getByTestId('task-playbook').filter({ hasText: '(deleted playbook)' }),
    }),
  ).toHaveCount(urgentOpen, { timeout: 30_000 });

  // Restore the shipped playbooks: the urgent review is back, at 50; the user's own stay.
  await nav.getByRole('link', { name: 'Playbooks' }).click();
  await expect(page.getByTestId('playbook')).toHaveCount(N + 1, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Restore the shipped playbooks…' }).click();
  await page
    .getByRole('dialog', { name: 'Restore the shipped playbooks?' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: /^Restored Urgent account review \(deleted\)/ }),
  ).toBeVisible();
  await expect(page.getByTestId('playbook')).toHaveCount(N + 2);
  await expect(urgent.getByTestId('playbook-trigger')).toHaveText(
    'Score below 50 (on the 30/70 band scale)',
  );
  await expect(card(page, 'Pulse watch')).toHaveCount(1);
});

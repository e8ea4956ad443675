// Everything a backup's records must satisfy beyond their shape, checked before anything is
// replaced: typed arrays decode and line up, keys are unique, model documents are valid models,
// and every reference to an account, a model version or an import names one in the backup.
import { parseModel } from '../engine/model/parse';
import { decodeTypedArray } from './backup-codec';
import { BackupProblems } from './backup-problems';
import type { CanaryBackup } from './backup-schema';
import type { ImportUndoRecord, ScoreHistoryRecord, SeriesRecord } from './records';
import { modelKeyOf } from './records';
import { TABLE_NAMES, type TableName } from './schema';
import { ACTIVE_MODEL_SETTING } from './settings-repo';
import { seriesShapeProblem } from './series-shape';

type Tables = CanaryBackup['tables'];

/** The tables of a valid backup, typed arrays decoded: ready to be written as they are. */
export type DecodedTables = Omit<Tables, 'series' | 'scoreHistory' | 'importUndo'> & {
  series: SeriesRecord[];
  scoreHistory: ScoreHistoryRecord[];
  importUndo: ImportUndoRecord[];
};

type Numeric = Int32Array | Float64Array | Float32Array | Uint8Array;
type NumericCtor<T extends Numeric> = {
  new (buffer: ArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

const PRIMARY_KEYS: Record<TableName, { name: string; of: (row: never) => unknown }> = {
  accounts: { name: 'id', of: (r: { id: string }) => r.id },
  series: {
    name: 'account and metric',
    of: (r: { accountId: string; metric: string }) => `${r.accountId}\u0000${r.metric}`,
  },
  outcomes: { name: 'id', of: (r: { id: number }) => r.id },
  pulses: { name: 'id', of: (r: { id: number }) => r.id },
  overrides: { name: 'id', of: (r: { id: number }) => r.id },
  notes: { name: 'id', of: (r: { id: number }) => r.id },
  models: { name: 'id and version', of: (r: { key: string }) => r.key },
  currentScores: { name: 'account', of: (r: { accountId: string }) => r.accountId },
  scoreDetails: { name: 'account', of: (r: { accountId: string }) => r.accountId },
  scoreHistory: {
    name: 'account and model',
    of: (r: { accountId: string; modelKey: string }) => `${r.accountId}\u0000${r.modelKey}`,
  },
  settings: { name: 'key', of: (r: { key: string }) => r.key },
  imports: { name: 'id', of: (r: { id: number }) => r.id },
  importUndo: { name: 'import', of: (r: { importId: number }) => r.importId },
  crosswalk: {
    name: 'source and id',
    of: (r: { source: string; sourceId: string }) => `${r.source}\u0000${r.sourceId}`,
  },
  tasks: { name: 'id', of: (r: { id: number }) => r.id },
  playbooks: { name: 'id', of: (r: { id: string }) => r.id },
  playbookState: {
    name: 'playbook and account',
    of: (r: { playbookId: string; accountId: string }) => `${r.playbookId}\u0000${r.accountId}`,
  },
  renewalCalls: {
    name: 'account and renewal day',
    of: (r: { accountId: string; renewalDay: number }) => `${r.accountId}\u0000${r.renewalDay}`,
  },
};

function checkUniqueKeys(tables: Tables, problems: BackupProblems): void {
  for (const table of TABLE_NAMES) {
    const key = PRIMARY_KEYS[table];
    const keyOf = key.of as (row: unknown) => unknown;
    const firstAt = new Map<unknown, number>();
    (tables[table] as unknown[]).forEach((row, i) => {
      const k = keyOf(row);
      const first = firstAt.get(k);
      if (first === undefined) firstAt.set(k, i);
      else problems.addRecord(table, i, row, `repeats the ${key.name} of record ${first + 1}`);
    });
  }
}

/** A row's problems, each prefixed with the field it is about. */
type Report = (message: string) => void;

function decode<T extends Numeric>(
  text: string,
  ctor: NumericCtor<T>,
  field: string,
  report: Report,
): T | null {
  try {
    return decodeTypedArray(text, ctor);
  } catch (e) {
    report(`${field}: ${(e as Error).message}`);
    return null;
  }
}

function checkShape(days: Int32Array | null, values: ArrayLike<number> | null, report: Report) {
  if (days === null || values === null) return;
  const problem = seriesShapeProblem(days, values);
  if (problem !== null) report(problem);
}

/** Validates the records of a backup whose shape the schema accepted; throws, naming them. */
export function validateTables(t: Tables): DecodedTables {
  const all = new BackupProblems();
  // Closures per record are cheap; the record is named only when a problem is listed.
  const problems = {
    of: (table: TableName, index: number, row: unknown): Report => {
      return (message) => all.addRecord(table, index, row, message);
    },
  };
  checkUniqueKeys(t, all);
  const accounts = new Set(t.accounts.map((a) => a.id));
  const models = new Set(t.models.map((m) => m.key));
  const imports = new Set(t.imports.map((r) => r.id));
  const account = (id: string, report: Report, field = '') => {
    if (!accounts.has(id)) report(`${field}account ${id} is not in the backup`);
  };
  const model = (key: string, report: Report) => {
    if (!models.has(key)) report(`model version ${key} is not in the backup`);
  };

  for (const table of [
    'outcomes',
    'pulses',
    'overrides',
    'notes',
    'crosswalk',
    'tasks',
    'playbookState',
    'renewalCalls',
  ] as const) {
    t[table].forEach((r, i) => account(r.accountId, problems.of(table, i, r)));
  }
  for (const table of ['currentScores', 'scoreDetails'] as const) {
    t[table].forEach((r, i) => {
      const report = problems.of(table, i, r);
      account(r.accountId, report);
      model(r.modelKey, report);
    });
  }

  t.models.forEach((m, i) => {
    const report = problems.of('models', i, m);
    if (m.key !== modelKeyOf(m.modelId, m.version)) {
      report(`key ${m.key} does not match id and version (${modelKeyOf(m.modelId, m.version)})`);
    }
    const parsed = parseModel(m.document);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        report(`${e.path === '(document)' ? 'document' : `document.${e.path}`}: ${e.message}`);
      }
    }
  });

  t.settings.forEach((s, i) => {
    if (s.key !== ACTIVE_MODEL_SETTING) return;
    const report = problems.of('settings', i, s);
    if (typeof s.value !== 'string') report('the active model must be a model version key');
    else model(s.value, report);
  });

  const series = t.series.map((s, i) => {
    const report = problems.of('series', i, s);
    account(s.accountId, report);
    const days = decode(s.days, Int32Array, 'days', report);
    const values = decode(s.values, Float64Array, 'values', report);
    checkShape(days, values, report);
    return { accountId: s.accountId, metric: s.metric, days: days!, values: values! };
  });

  const scoreHistory = t.scoreHistory.map((h, i) => {
    const report = problems.of('scoreHistory', i, h);
    account(h.accountId, report);
    model(h.modelKey, report);
    const days = decode(h.days, Int32Array, 'days', report);
    const scores = decode(h.scores, Float32Array, 'scores', report);
    const bands = decode(h.bands, Uint8Array, 'bands', report);
    const coverage = decode(h.coverage, Float32Array, 'coverage', report);
    for (const col of [scores, bands, coverage]) checkShape(days, col, report);
    if (bands?.some((b) => b > 2)) report('bands: unknown band code');
    return { accountId: h.accountId, modelKey: h.modelKey, days, scores, bands, coverage };
  }) as ScoreHistoryRecord[];

  const importUndo = t.importUndo.map((u, i) => {
    const report = problems.of('importUndo', i, u);
    if (!imports.has(u.importId)) report(`import ${u.importId} is not in the import log`);
    u.createdAccountIds.forEach((id, k) => account(id, report, `createdAccountIds[${k}]: `));
    u.previousAccounts.forEach((a, k) => account(a.id, report, `previousAccounts[${k}]: `));
    u.previousOutcomes.forEach((o, k) => account(o.accountId, report, `previousOutcomes[${k}]: `));
    u.referencedAccountIds.forEach((id, k) => account(id, report, `referencedAccountIds[${k}]: `));
    const deltas = u.series.map((d, k) => {
      const field = `series[${k}]`;
      const at: Report = (message) => report(`${field}: ${message}`);
      account(d.accountId, at);
      const days = decode(d.days, Int32Array, 'days', at);
      const previous = decode(d.previous, Float64Array, 'previous', at);
      const existed = decode(d.existed, Uint8Array, 'existed', at);
      checkShape(days, previous, at);
      checkShape(days, existed, at);
      if (existed?.some((b) => b > 1)) at('existed: must hold only 0 and 1');
      return { ...d, days: days!, previous: previous!, existed: existed! };
    });
    return { ...u, series: deltas };
  });

  // Nulls stand only where a problem was reported, so nothing with one is ever returned.
  all.throwIfAny();
  return { ...t, series, scoreHistory, importUndo };
}

// `--horizon 0` (same day) on the CLI: the IBM Telco file converted with `snapshot --horizon 0`
// (churn known by the snapshot date) can only be backtested and fitted on the same day.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAME_DAY_WARNING } from '../lib/engine/backtest';
import { parseModel } from '../lib/engine';
import { COMMANDS } from './main';
import { runCli } from './run';
import { TELCO_CSV } from '../../tests/datasets';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, COMMANDS, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

let work: string;
let telco: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'canary-same-day-'));
  telco = join(work, 'telco');
  const conv = await cli(
    'snapshot',
    TELCO_CSV,
    telco,
    '--id',
    'customerID',
    '--outcome',
    'Churn',
    '--date',
    '2024-06-30',
    '--horizon',
    '0',
  );
  expect(conv.code, conv.err).toBe(0);
  expect(conv.out).toContain(
    'outcomes dated 2024-06-30: 1869 churned, 5174 renewed. The outcomes are dated on the snapshot date: only a same-day backtest (horizon 0) is possible.',
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('backtest --horizon 0 on the Telco snapshot', () => {
  it('fits out of sample to AUC ≈ 0.84, labelled weaker evidence, with lead time not applicable', async () => {
    const r = await cli('backtest', telco, '--horizon', '0', '--fit', '--folds', '5', '--json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.horizon_days).toBe(0);
    expect(report.n_outcomes).toBe(7043);
    expect(report.n_churned).toBe(1869);
    console.info(`Telco backtest --horizon 0 --fit --folds 5: AUC ${report.auc.toFixed(4)}`);
    expect(report.auc).toBeGreaterThan(0.82);
    expect(report.auc).toBeLessThan(0.87);
    expect(report.warnings[0]).toBe(SAME_DAY_WARNING);
    expect(report.lead_time_days).toEqual({ median: null, p25: null, p75: null });
    expect(report.details.lead_time.applicable).toBe(false);

    const text = await cli('backtest', telco, '--horizon', '0', '--fit', '--folds', '5');
    expect(text.out).toMatch(
      /^Backtest of proposed, horizon 0 days \(same day, weaker evidence\): 7043 outcomes, 1869 churned\n/,
    );
    expect(text.out).toContain(
      'Lead time: not applicable at horizon 0 (same day: no prediction is made ahead)',
    );
    expect(text.out).toContain(`Warning: ${SAME_DAY_WARNING}`);
  });

  it('at a point-in-time horizon says how many outcomes were dropped and why', async () => {
    const r = await cli('backtest', telco, '--horizon', '60', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.n_outcomes).toBe(0);
    expect(report.details.excluded.unscored).toBe(7043);
    expect(report.warnings).toEqual([
      '7,043 of 7,043 outcomes were left out: the account had no data yet on the prediction day, 60 days before the outcome. No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test (horizon 0) is possible.',
    ]);
  });

  it('refuses a negative horizon with the usage text', async () => {
    for (const command of ['backtest', 'fit']) {
      const r = await cli(command, telco, '--horizon=-1');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: --horizon must be a whole number from 0 to 3650, got "-1"\n/);
    }
  });
});

describe('fit --horizon 0 on the Telco snapshot', () => {
  it('writes a valid model whose out-of-sample AUC is ≈ 0.84, with the same-day warning', async () => {
    const out = join(work, 'telco-model.json');
    const r = await cli('fit', telco, '--horizon', '0', '--out', out);
    expect(r.code, r.err).toBe(0);
    const auc = Number(/out-of-sample AUC (\d\.\d+)/.exec(r.err)?.[1]);
    console.info(`Telco fit --horizon 0: out-of-sample AUC ${auc}`);
    expect(auc).toBeGreaterThan(0.82);
    expect(auc).toBeLessThan(0.87);
    expect(r.err).toContain('Fitted on 7043 outcomes (1869 churned), horizon 0 days');
    expect(r.err).toContain(`Warning: ${SAME_DAY_WARNING}`);
    const parsed = parseModel(JSON.parse(readFileSync(out, 'utf8')));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.model.description).toMatch(/same day \(horizon 0/);

    // The fitted model, backtested on the same day, scores every customer.
    const again = await cli('backtest', telco, '--horizon', '0', '--model', out, '--json');
    const report = JSON.parse(again.out);
    expect(report.n_outcomes).toBe(7043);
    expect(report.auc).toBeGreaterThan(0.82);
  });

  it('at a point-in-time horizon fits only from undated attributes, and warns', async () => {
    const r = await cli('fit', telco, '--horizon', '30', '--out', join(work, 'm30.json'));
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'Warning: No outcome in this book has data dated before its own day (for example a snapshot dated on the day of its outcomes), so only a same-day test (horizon 0) is possible.',
    );
    expect(r.err).toMatch(/7,043 scored outcomes have no signal or pulse dated on or before/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, parseModel, prepareBook } from '../lib/engine/index';
import {
  proposeModel as proposeModelFor,
  rocAuc,
  runBacktest,
  summarizeLeadTimes,
  syntheticBacktestBook,
} from '../lib/engine/backtest/index';
import { textSummary } from './backtest';
import { writeCanonicalBook } from '../lib/import/canonical';
import { runCli } from './run';

const dir = mkdtempSync(join(tmpdir(), 'canary-backtest-'));
const book = syntheticBacktestBook(300, 2);
const unavoidable = book.outcomes.filter(
  (o) => o.outcome === 'churned' && o.avoidable === false,
).length;
for (const f of writeCanonicalBook(book)) {
  writeFileSync(join(dir, f.name), f.text);
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const commands = {
  backtest: () => import('./commands/backtest'),
  fit: () => import('./commands/fit'),
};

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(argv, commands, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { status, out, err };
}

describe('backtest command', () => {
  it('--json prints the PRODUCT.md fields', async () => {
    const r = await cli('backtest', dir, '--json', '--horizon', '30');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out);
    for (const k of [
      'n_outcomes',
      'n_churned',
      'horizon_days',
      'auc',
      'pr_auc',
      'brier',
      'log_loss',
      'green_churn_share',
      'bands',
      'lead_time_days',
      'warnings',
    ]) {
      expect(json).toHaveProperty(k);
    }
    expect(json.horizon_days).toBe(30);
    expect(json.n_outcomes).toBe(300);
    expect(json.bands[0]).toEqual(expect.objectContaining({ band: 'red', n: expect.any(Number) }));
    expect(Object.keys(json.lead_time_days)).toEqual(['median', 'p25', 'p75']);
  });

  it('prints a readable summary without --json', async () => {
    const r = await cli('backtest', dir);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Backtest of canary-default, horizon 60 days: 300 outcomes/);
    expect(r.out).toMatch(/red {3}n=\d+ {2}churn/);
  });

  it('--fit --folds 5 --predictions writes account_id,date,y,p and out-of-sample metrics', async () => {
    const file = join(dir, 'predictions.out');
    const r = await cli('backtest', dir, '--fit', '--folds', '5', '--predictions', file, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out).details.probability).toBe('fitted');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('account_id,date,y,p');
    expect(lines).toHaveLength(301);
    expect(lines[1]).toMatch(/^acct-\d{5},\d{4}-\d{2}-\d{2},[01],0\.\d+/);
    // The written p (recalibrated inside the folds) give exactly the reported AUC.
    const rows = lines.slice(1).map((l) => l.split(','));
    const auc = rocAuc(
      rows.map((c) => Number(c[2])),
      rows.map((c) => Number(c[3])),
    );
    expect(auc).toBe(JSON.parse(r.out).auc);
  });

  it('--C fixes the L2 strength of the fit instead of choosing it on inner folds', async () => {
    const auc = async (...extra: string[]) => {
      const r = await cli('backtest', dir, '--fit', '--folds', '5', '--json', ...extra);
      expect(r.status).toBe(0);
      return JSON.parse(r.out).auc as number;
    };
    const strong = await auc('--C', '0.001');
    const weak = await auc('--C', '1');
    // The engine with the same C gives the same AUC; a very strong penalty fits another card.
    const engine = runBacktest(prepareBook(book), proposeModelFor(book), {
      horizons: [60],
      fit: { folds: 5, C: 1 },
    }).reports[0].auc;
    expect(weak).toBe(engine);
    expect(strong).not.toBe(weak);
    const fit = await cli('fit', dir, '--C', '0.3');
    expect(fit.status).toBe(0);
    expect(parseModel(JSON.parse(fit.out)).ok).toBe(true);
    for (const [args, message] of [
      [['backtest', dir, '--C', '1'], /--C only applies with --fit/],
      [
        ['backtest', dir, '--fit', '--C', '0'],
        /--C must be a number from 0.0001 to 10000, got "0"/,
      ],
      [['fit', dir, '--C', 'strong'], /--C must be a number from 0.0001 to 10000, got "strong"/],
    ] as const) {
      const r = await cli(...args);
      expect(r.status).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it('prints the calibration slope and lead time with its censoring, in words', async () => {
    const def = await cli('backtest', dir);
    expect(def.out).toMatch(
      /\nCalibration slope \d+\.\d\d reading the score as 1 − score\/100, \d+\.\d\d out of sample after the score → probability mapping \(1 = well calibrated, < 1 overconfident\)\n/,
    );
    const fit = await cli('backtest', dir, '--fit', '--folds', '5');
    expect(fit.out).toMatch(
      /\nCalibration slope \d+\.\d\d out of sample \(1 = well calibrated, < 1 overconfident\)\n/,
    );
    expect(fit.out).toMatch(
      /\nLead time \(from the start of the last unbroken red stretch, onboarding skipped\): \d+ of \d+ churned were red before churning; median (≥ )?\d+ days \(p25 (≥ )?\d+, p75 (≥ )?\d+\)/,
    );
    const json = JSON.parse((await cli('backtest', dir, '--fit', '--folds', '5', '--json')).out);
    expect(json.details.calibration_slope.slope).toBeGreaterThan(0);
    const lead = json.details.lead_time;
    expect(lead.nCensored).toBe(
      json.details.lead_times.filter((l: { censored: boolean }) => l.censored).length,
    );
    expect(json.details.lead_times).toHaveLength(json.n_churned);
  });

  it('says in words which lead times are lower bounds (censored)', () => {
    const report = runBacktest(prepareBook(book), DEFAULT_MODEL, { horizons: [60] }).reports[0];
    // Four churns flagged: two red for the whole year, one since onboarding ended, one 21 days.
    const lead = summarizeLeadTimes([364, 364, 200, 21, NaN], 30, [1, 1, 2, 0, 0], 364);
    const text = textSummary(
      {
        ...report,
        lead_time_days: { median: lead.median, p25: lead.p25, p75: lead.p75 },
        details: { ...report.details, lead_time: lead },
      },
      'm',
    );
    expect(text).toContain(
      'Lead time (from the start of the last unbroken red stretch, onboarding skipped): 4 of 5 churned were red before churning; median ≥ 282 days (p25 ≥ 155, p75 ≥ 364); 3 censored (red as far back as can be seen, so at least that long and counted at that bound: 2 red for the whole year: ≥ 364 days; 1 red since onboarding ended)',
    );
  });

  it('bad input exits 2 with one clear message', async () => {
    expect((await cli('backtest', dir, '--horizon', 'soon')).status).toBe(2);
    expect((await cli('backtest', dir, '--folds', '3')).err).toMatch(
      /--folds only applies with --fit/,
    );
    const missing = await cli('backtest', join(dir, 'nope'));
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/no such folder/);
    const badModel = join(dir, 'bad-model.json');
    writeFileSync(badModel, JSON.stringify({ format: 'canary-model/1' }));
    const bad = await cli('backtest', dir, '--model', badModel);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/bad-model\.json/);
  });
});

describe('--exclude-unavoidable', () => {
  it('backtest leaves out churn marked avoidable=false, and says so', async () => {
    expect(unavoidable).toBeGreaterThan(5);
    const all = JSON.parse((await cli('backtest', dir, '--json')).out);
    const r = await cli('backtest', dir, '--json', '--exclude-unavoidable');
    expect(r.status).toBe(0);
    const avoidable = JSON.parse(r.out);
    expect(all.details.excluded.unavoidable).toBe(0);
    expect(avoidable.details.excluded.unavoidable).toBe(unavoidable);
    // Only churns leave: every outcome removed was a churned one.
    expect(all.n_outcomes - avoidable.n_outcomes).toBe(all.n_churned - avoidable.n_churned);
    expect(all.n_churned - avoidable.n_churned).toBe(unavoidable);
    const text = await cli('backtest', dir, '--exclude-unavoidable');
    expect(text.out).toContain(`Excluded ${unavoidable} churns marked unavoidable\n`);
    expect((await cli('backtest', dir)).out).not.toContain('unavoidable');
  });

  it('fit fits and checks on the avoidable churn only', async () => {
    const all = await cli('fit', dir);
    const r = await cli('fit', dir, '--exclude-unavoidable');
    expect(r.status).toBe(0);
    const churned = (err: string) =>
      Number(/Fitted on \d+ outcomes \((\d+) churned\)/.exec(err)![1]);
    expect(churned(all.err) - churned(r.err)).toBe(unavoidable);
    expect(parseModel(JSON.parse(r.out)).ok).toBe(true);
  });
});

describe('fit command', () => {
  it('writes a valid model file that backtest --model reads', async () => {
    const out = join(dir, 'fitted.json');
    const r = await cli('fit', dir, '--horizon', '60', '--out', out);
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/out-of-sample AUC 0\.\d{3}/);
    expect(r.err).toMatch(/Suggested bands: red ≤ \d+, amber ≤ \d+/);
    const parsed = parseModel(JSON.parse(readFileSync(out, 'utf8')));
    expect(parsed.ok).toBe(true);
    const b = await cli('backtest', dir, '--model', out, '--json');
    expect(b.status).toBe(0);
    expect(JSON.parse(b.out).model).toBe('proposed-fitted');
  });

  it('states both AUCs and keeps the default model when the fit loses to it out of sample', async () => {
    const r = await cli('fit', dir, '--horizon', '60', '--out', join(dir, 'loses.json'));
    expect(r.status).toBe(0);
    const both =
      /fitted model AUC (0\.\d{3}) out of sample, current model \(canary-default\) AUC (0\.\d{3})/.exec(
        r.err,
      );
    expect(both).not.toBeNull();
    expect(Number(both![1])).toBeLessThan(Number(both![2]));
    expect(r.err).toMatch(
      /Keep the current model: the fitted model does not beat it out of sample/,
    );
    expect(r.err).not.toMatch(/strong enough to offer/);
  });

  it('--model FILE is the model the fit must beat', async () => {
    const blind = join(dir, 'blind-model.json');
    writeFileSync(
      blind,
      JSON.stringify({
        format: 'canary-model/1',
        id: 'blind',
        name: 'Logins only',
        version: 1,
        groups: [
          {
            id: 'usage',
            name: 'Usage',
            weight: 1,
            measures: [
              {
                id: 'logins',
                name: 'Logins',
                weight: 1,
                source: { kind: 'aggregate', metric: 'logins', agg: 'mean', windowDays: 30 },
                scoring: { type: 'percentile', higherIsBetter: true },
                horizon: 'leading',
                nature: 'activity',
              },
            ],
          },
        ],
      }),
    );
    const r = await cli('fit', dir, '--model', blind, '--out', join(dir, 'wins.json'));
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/Current model \(blind\): no data for any of these outcomes/);
    expect(r.err).toMatch(/The fitted model beats the current model out of sample/);
    const bad = await cli('fit', dir, '--model', join(dir, 'missing-model.json'));
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/missing-model\.json/);
  });
});

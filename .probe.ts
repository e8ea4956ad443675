import { isoToDay } from './src/lib/engine/dates';
import { DEFAULT_MODEL, prepareBook } from './src/lib/engine/index';
import { runBacktest, syntheticBacktestBook, proposeModel } from './src/lib/engine/backtest/index';
import { generateDemoBook } from './src/lib/engine/demo/index';
for (const [name, book] of [['synthetic600', syntheticBacktestBook(600, 11)], ['demo600', generateDemoBook({ endDay: isoToDay('2026-11-23')!, accounts: 600 })]] as const) {
  const prep = prepareBook(book as any);
  for (const fit of [false, true]) {
    const model = fit ? proposeModel(book as any) : DEFAULT_MODEL;
    const t = performance.now();
    const r = runBacktest(prep, model, { horizons: [60], fit: fit ? { folds: 5 } : undefined }).reports[0];
    const l = r.details.lead_time;
    console.log(name, fit ? 'fit' : 'default', 'auc', r.auc?.toFixed(4), 'lead', JSON.stringify(r.lead_time_days), 'flagged', l.nFlagged, '/', l.nChurned, 'censored', JSON.stringify(l.censoredBy), JSON.stringify(l.lowerBound), 'slope', r.details.calibration_slope?.slope.toFixed(3), 'platt', r.details.calibrated?.slope?.toFixed(3), 'ms', (performance.now()-t).toFixed(0));
  }
}

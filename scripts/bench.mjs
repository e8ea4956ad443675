// npm run bench: runs the benchmarks in Node (engine) and in headless Chromium (the built app,
// real worker, real IndexedDB), prints one table and writes bench-results/latest.json.
// Every figure is also given as a ratio to a floor measured in the same run, since these
// machines are noisy: compare ratios across runs, not raw milliseconds.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ensureDependencies, requireChromium, run } from './lib.mjs';

ensureDependencies();
const only = process.argv.includes('--node-only')
  ? 'node'
  : process.argv.includes('--browser-only')
    ? 'browser'
    : process.argv.includes('--warehouse-only')
      ? 'warehouse'
      : process.argv.includes('--sklearn-only')
        ? 'sklearn'
        : 'all';
// The warehouse scale benchmark writes ~44 M rows and takes minutes: only when asked for.
const warehouse = only === 'warehouse' || process.argv.includes('--warehouse');
const results = [];

if (warehouse) {
  console.log('Running the warehouse benchmark (DuckDB beside the engine, ~44 M rows)…');
  const r = spawnSync('npx', ['tsx', 'scripts/bench/warehouse.ts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  results.push(...JSON.parse(r.stdout.trim().split('\n').pop()));
}

if (only === 'all' || only === 'node') {
  console.log('Running engine benchmarks in Node…');
  const r = spawnSync('npx', ['tsx', 'scripts/bench/node.ts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  results.push(...JSON.parse(r.stdout.trim().split('\n').pop()));
}

// The CLI's fitted backtest against pandas + scikit-learn on the same folders (rows say
// "skipped" when no python with both is installed; see the README's Benchmarks section).
if (only === 'all' || only === 'node' || only === 'sklearn') {
  console.log('Timing backtest --fit against pandas + scikit-learn on the same folders…');
  const r = spawnSync('npx', ['tsx', 'scripts/bench/sklearn.ts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  results.push(...JSON.parse(r.stdout.trim().split('\n').pop()));
}

if (only === 'all' || only === 'browser') {
  const chromium = await requireChromium();
  console.log('Building the app…');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const port = 4183;
  const server = spawn('node', ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 800));
    const { runBrowserBenchmarks } = await import('./bench/browser.mjs');
    results.push(
      ...(await runBrowserBenchmarks({ chromium, baseUrl: `http://localhost:${port}` })),
    );
  } finally {
    server.kill();
  }
}

const rows = results.map((r) => ({
  where: r.where,
  benchmark: r.name,
  'time (ms)': r.ms == null ? '—' : r.ms.toFixed(1),
  'floor (ms)': r.floorMs == null ? '—' : r.floorMs.toFixed(1),
  ratio: r.floorMs && r.ms != null ? (r.ms / r.floorMs).toFixed(2) + '×' : '—',
  target: r.target ?? '—',
  met: r.met == null ? '—' : r.met ? 'yes' : 'NO',
  notes: r.notes ?? '',
}));
console.table(rows);
mkdirSync('bench-results', { recursive: true });
const out = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  results,
};
writeFileSync('bench-results/latest.json', JSON.stringify(out, null, 2));
console.log('Figures written to bench-results/latest.json');

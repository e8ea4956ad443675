// npm start: install what is missing, build the static app, serve it.
import { ensureDependencies, run } from './lib.mjs';

ensureDependencies();
console.log('Building Canary…');
run('npx', ['vite', 'build', '--logLevel', 'error']);
run('node', ['scripts/serve.mjs', ...process.argv.slice(2)]);

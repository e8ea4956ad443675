// The entry point `npm run cli` runs (scripts/cli.mjs bundles this file and what it imports):
// the command line on this process's arguments.
import { runMain } from './main';

process.exitCode = await runMain(process.argv.slice(2));

// A throwaway PostgreSQL server for the warehouse tests: `initdb` into a temporary folder, a
// server on 127.0.0.1 and a Unix socket in that folder, trust authentication, no fsync.
//
//   node scripts/postgres.mjs start   prints `export CANARY_PG_URL=… CANARY_PG_DIR=…` lines
//   node scripts/postgres.mjs stop    stops the server in $CANARY_PG_DIR and removes the folder
//
// .ci/run evals the start output and stops it on exit; the tests import startPostgres() when no
// CANARY_PG_URL is set. initdb refuses to run as root, so as root the cluster belongs to the
// `postgres` user that Debian's package creates.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folder holding initdb, pg_ctl and postgres: the newest Debian version, else PATH. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found.replace(/\/initdb$/, '') : null;
}

function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no "postgres" user to own the cluster');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} bin
 * @param {string[]} args
 * @param {{ uid: number, gid: number } | null} user
 */
function run(bin, args, user) {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed: ${(r.stderr || r.stdout || '').trim()}`);
  }
}

/** Starts a throwaway server; resolves to its URL and folder. Throws when it cannot. */
export async function startPostgres() {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found)');
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'canary-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'canary', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
      user,
    );
    const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run(
      join(bin, 'pg_ctl'),
      ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'],
      user,
    );
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { url: `postgres://canary@127.0.0.1:${port}/postgres`, dir };
}

/**
 * Stops the server started in `dir` and removes the folder.
 * @param {string} dir
 */
export function stopPostgres(dir) {
  const bin = postgresBinDir();
  const data = join(dir, 'data');
  const user = postgresUser();
  if (bin && existsSync(data)) {
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], {
      stdio: 'ignore',
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
  }
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const verb = process.argv[2];
  if (verb === 'start') {
    const { url, dir } = await startPostgres();
    console.log(`export CANARY_PG_URL='${url}'`);
    console.log(`export CANARY_PG_DIR='${dir}'`);
  } else if (verb === 'stop') {
    const dir = process.argv[3] ?? process.env.CANARY_PG_DIR;
    if (!dir) {
      console.error('stop: pass the folder or set CANARY_PG_DIR');
      process.exit(2);
    }
    stopPostgres(dir);
  } else {
    console.error('Usage: node scripts/postgres.mjs start|stop [DIR]');
    process.exit(2);
  }
}

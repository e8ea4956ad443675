// A tiny static server for the built app (build/): correct MIME types, SPA fallback to
// 200.html, no caching of the service worker, and the build's precompressed brotli or gzip copy
// of a file when the browser accepts it. Used by `npm start`, Playwright and the bench.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? 4173));
const root = resolve(process.env.CANARY_BUILD_DIR ?? 'build');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

if (!existsSync(join(root, '200.html'))) {
  console.error(`No built app in ${root}. Run "npm run build" first.`);
  process.exit(1);
}

/** Maps a URL path to a file inside root, or null. Prerendered pages live at /x.html or /x/index.html. */
function resolveFile(pathname) {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidates = [clean, `${clean}.html`, join(clean, 'index.html')];
  for (const c of candidates) {
    const full = join(root, c);
    if (!full.startsWith(root)) return null;
    if (existsSync(full) && statSync(full).isFile()) return full;
  }
  return null;
}

/** The build's brotli or gzip copy of `file` (adapter-static `precompress`), if accepted. */
function precompressed(file, acceptEncoding) {
  const accepted = new Set(acceptEncoding.split(',').map((e) => e.split(';')[0].trim()));
  for (const [name, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ]) {
    if (accepted.has(name) && existsSync(file + suffix)) return { name, file: file + suffix };
  }
  return null;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let file = resolveFile(url.pathname);
  let status = 200;
  if (!file) {
    // Asset-looking paths 404; everything else is an app route served by the SPA shell.
    if (extname(url.pathname)) status = 404;
    else file = join(root, '200.html');
  }
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const encoding = precompressed(file, req.headers['accept-encoding'] ?? '');
  const immutable = file.includes(`${join(root, '_app', 'immutable')}`);
  const noCache = file.endsWith('sw.js') || file.endsWith('.html') || file.endsWith('version.json');
  res.writeHead(status, {
    'content-type': type,
    'cache-control': immutable
      ? 'public, max-age=31536000, immutable'
      : noCache
        ? 'no-cache'
        : 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding.name } : {}),
  });
  createReadStream(encoding ? encoding.file : file).pipe(res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Canary is running at http://localhost:${port}/  (Ctrl+C to stop)`);
});

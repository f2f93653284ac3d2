// Builds the web client into dist/web when its inputs changed since the last
// build (`npm run build` and so `npm start` call this), then writes a gzip and
// a brotli copy of each text file for the server to send as they are.
// Prints nothing when the client is up to date: `npm run --silent manage` output stays clean.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'dist', 'web');
const STAMP = join(ROOT, 'dist', '.web-build-hash');
const COMPRESSIBLE = /\.(html|js|css|svg|json|txt)$/;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** Everything the bundle depends on: the client's sources and config, and the locked dependency versions. */
function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [...files(join(ROOT, 'web')), join(ROOT, 'package-lock.json')].sort();
  for (const file of inputs) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function precompress() {
  for (const file of files(OUT)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const content = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    );
  }
}

const hash = inputsHash();
const upToDate = existsSync(join(OUT, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
if (!upToDate) {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts') });
  precompress();
  writeFileSync(STAMP, hash);
  // What a page loads, as it travels (gzip), against the budget in WEB.md.
  const gzipKb = (extension) =>
    (
      files(OUT)
        .filter((file) => file.endsWith(`${extension}.gz`))
        .reduce((sum, file) => sum + statSync(file).size, 0) / 1000
    ).toFixed(1);
  process.stderr.write(
    `web client built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `JS ${gzipKb('.js')} kB, CSS ${gzipKb('.css')} kB gzip (budget 120 kB and 40 kB)\n`,
  );
}

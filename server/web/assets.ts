import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import Router, { type RouterContext } from '@koa/router';
import { build } from 'esbuild';
import { docsPolicy, newNonce, pagePolicy, withNonce } from '../http/security.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(body: Buffer | Uint8Array, path: string): Asset {
  const buffer = Buffer.from(body);
  return { body: buffer, type: types[extname(path)] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"` };
}

/**
 * The widgets and the demo portal bundled by esbuild in memory, once, on first request: one entry per page, shared
 * chunks, and one lazily loaded chunk per locale.
 */
function bundler(minify: boolean) {
  let bundle: Promise<Map<string, Asset>> | undefined;
  return () =>
    (bundle ??= build({
      absWorkingDir: root,
      entryPoints: { 'imi-widgets': 'components/index.ts', 'demo-portal': 'demo/portal.ts', console: 'console/app.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      minify,
      sourcemap: 'linked',
      write: false,
      outdir: 'assets',
      chunkNames: 'chunks/[name]-[hash]',
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: 'silent',
    }).then((result) => new Map(result.outputFiles.map((f) => [`/${f.path.slice(join(root, 'assets').length + 1)}`, asset(f.contents, f.path)])))
      .catch((error) => {
        bundle = undefined;
        throw error;
      }));
}

function send(ctx: RouterContext, found: Asset, cacheControl: string) {
  ctx.set('ETag', found.etag);
  ctx.set('Cache-Control', cacheControl);
  if (ctx.get('If-None-Match') === found.etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = found.type;
  ctx.body = found.body;
}

/**
 * One of our HTML pages under its strict policy, with a nonce of its own on its script and style elements. Never cached
 * and without an ETag: a page kept by a cache would carry a nonce that no longer matches the policy sent with it.
 */
function sendPage(ctx: RouterContext, page: Asset) {
  const nonce = newNonce();
  ctx.set('Content-Security-Policy', pagePolicy(nonce));
  ctx.set('Cache-Control', 'no-store');
  ctx.type = page.type;
  ctx.body = withNonce(page.body.toString('utf8'), nonce);
}

export function webRouter(options: { minify: boolean; openapi: () => Record<string, unknown> }): Router {
  const router = new Router();
  const bundle = bundler(options.minify);
  const swaggerDir = createRequire(import.meta.url)('swagger-ui-dist').getAbsoluteFSPath() as string;
  const fileCache = new Map<string, Promise<Asset>>();
  const file = (path: string) => {
    let cached = fileCache.get(path);
    if (!cached) {
      cached = readFile(path).then((body) => asset(body, path));
      cached.catch(() => fileCache.delete(path));
      fileCache.set(path, cached);
    }
    return cached;
  };

  router.get('/', async (ctx) => sendPage(ctx, await file(join(root, 'demo/index.html'))));
  // One route: the router is not strict about the trailing slash, so /console and /console/ both land here.
  router.get('/console', async (ctx) => {
    if (!ctx.path.endsWith('/')) return ctx.redirect('/console/');
    sendPage(ctx, await file(join(root, 'console/index.html')));
  });
  router.get('/assets/*path', async (ctx) => {
    const found = (await bundle()).get(`/${[ctx.params.path].flat().join('/')}`);
    if (found) send(ctx, found, 'no-cache');
  });
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = options.openapi();
  });
  router.get('/api/docs', async (ctx) => {
    ctx.set('Content-Security-Policy', docsPolicy);
    send(ctx, await file(join(root, 'server/web/api-docs.html')), 'no-cache');
  });
  router.get('/api/docs/init.js', async (ctx) => send(ctx, await file(join(root, 'server/web/api-docs-init.js')), 'no-cache'));
  router.get('/api/docs/:file', async (ctx) => {
    const name = normalize(ctx.params.file);
    if (!/^[\w.-]+\.(js|css|png)$/.test(name)) return;
    const found = await file(join(swaggerDir, name)).catch(() => null);
    if (found) send(ctx, found, 'public, max-age=86400');
  });
  return router;
}

// The browser app (apps/web, built by Vite) served by the API server itself, so one address
// serves both and the session cookie stays same-origin. Hashed assets are cached for good;
// index.html never, so a new build is picked up at the next load. Any other GET that is not
// the API's and not a file gets index.html: the app reads the path itself.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface WebAppOptions {
  /** The folder of the built app (index.html and assets/). */
  root: string;
}

const NOT_THE_APP = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** True when the request should get the app's index.html rather than a 404. */
export function wantsAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0] ?? '';
  // A missing file (/assets/old-hash.js, /favicon.ico) is a real 404, not a page; a page's path
  // may hold dots deeper down (/wallboard/queue/orbitel.fr names a queue).
  const file =
    pathname.startsWith('/assets/') ||
    (path.posix.dirname(pathname) === '/' && path.posix.extname(pathname) !== '');
  return !NOT_THE_APP.test(pathname) && !file;
}

export async function serveWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  if (!existsSync(path.join(options.root, 'index.html'))) {
    throw new Error(`no built web app in ${options.root} (index.html missing): npm run build:web`);
  }
  await app.register(fastifyStatic, {
    root: options.root,
    prefix: '/',
    index: 'index.html',
    setHeaders(reply, file) {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      void reply.header(
        'cache-control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}

/** Sends index.html (for the paths wantsAppPage accepts). */
export function sendAppPage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

// Bundles e2e/softphone-page.tsx (the softphone panel over JsSIP, React included) with Vite and
// serves it on 127.0.0.1, a secure context where the browser lets the page use the microphone.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { scratchFolder } from './relais-server.ts';

const ENTRY = fileURLToPath(new URL('./softphone-page.tsx', import.meta.url));

export interface SoftphonePage {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveSoftphonePage(): Promise<SoftphonePage> {
  const scratch = scratchFolder('softphone-page');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      plugins: [react()],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: scratch.dir,
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: ENTRY,
          formats: ['iife'],
          name: 'RelaisSoftphonePage',
          fileName: () => 'softphone.js',
        },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const script = readFileSync(path.join(scratch.dir, 'softphone.js'));
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>Softphone</title></head><body><div id="root"></div><script src="/softphone.js"></script></body></html>';
  const server: Server = createServer((request, response) => {
    if (request.url === '/softphone.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      scratch.remove();
    },
  };
}

// Vite builds the app into dist/, which `relais serve` serves. `npm run dev -w @relais/web`
// serves it with hot reload and passes /api (HTTP and the stream's WebSocket) to a running
// server: RELAIS_API, default http://127.0.0.1:8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.RELAIS_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': {
        target: api,
        changeOrigin: true,
        ws: true,
        // The server refuses cookie-authenticated sockets from another origin; through this
        // proxy the page is ours, so the socket says it comes from the server's own origin.
        configure: (proxy) => proxy.on('proxyReqWs', (request) => request.setHeader('origin', api)),
      },
    },
  },
  build: { outDir: 'dist', target: 'es2022', emptyOutDir: true },
});

import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compileHints } from './plugins/compile-hints.ts';
import { HOSTING_HEADERS } from './plugins/headers.ts';
import { offline } from './plugins/offline.ts';
import { prerender } from './plugins/prerender.ts';

export default defineConfig({
  // Relative asset URLs: dist/ works when served from any path.
  base: './',
  plugins: [
    svelte(process.env.VITEST ? { dynamicCompileOptions: () => ({ generate: 'client' }) } : {}),
    prerender(),
    compileHints(),
    offline(),
  ],
  // Unit tests run the state modules' effects, which Svelte's server build leaves out.
  ...(process.env.VITEST
    ? { resolve: { conditions: ['browser'] }, ssr: { resolve: { conditions: ['browser'] } } }
    : {}),
  // `vite preview` serves the build as a host should (README, Hosting): the e2e tests see the headers.
  preview: { headers: { ...HOSTING_HEADERS } },
  build: {
    target: 'es2022',
    // Source maps stay out of the shipped build; the code is open anyway.
    sourcemap: false,
    cssCodeSplit: false,
    modulePreload: false,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] } },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // Unit tests assert behaviour, never speed: on a machine shared with another
    // test run, key generation and the crypto vectors take several times longer.
    testTimeout: 30_000,
    // allowOnly is left at vitest's default, !CI: with CI set an it.only fails the run.
  },
});

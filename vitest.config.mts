import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{electron,renderer,shared,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['scripts/test/fast-check-seed.ts'],
    // Tests here do real disk I/O, start worker threads and parse documents: on a busy two-core machine one can take
    // several seconds without anything being wrong. A hung test still fails, after 20 s.
    testTimeout: 20_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Each integration file opens its own database; two at a time suits a 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
    // Tests run in a random order every time, so that none can lean on another having run first. The seed is printed
    // ("Running tests with seed …"); repeat a failing order with `--sequence.seed=<seed>`.
    sequence: { shuffle: true },
  },
});

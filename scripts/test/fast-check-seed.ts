import fc from 'fast-check';

/**
 * Property tests run from one fixed seed in `npm test`, so that a run passes or fails the same way on every machine and
 * every time: a random seed made CI fail on a case no earlier run had drawn (a real bug, found by chance, after the
 * commit had passed every fresh clone). Exploring new cases is a separate, deliberate act: `FC_SEED=random npm run
 * test:unit` draws a new seed (fast-check prints it with any counterexample), and `FC_SEED=<n>` replays one.
 */
const FIXED_SEED = 20_261_204;

const chosen = process.env['FC_SEED'];
if (chosen !== 'random') {
  const seed = chosen === undefined || chosen === '' ? FIXED_SEED : Number(chosen);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not "${chosen}".`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}

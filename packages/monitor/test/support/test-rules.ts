// Small rules for testing the monitor's shell without depending on the built-ins.
import { z } from 'zod';
import { createRegistry, defineRule } from '@anneal/monitor';

/** Drops by `factor` on every observation whose value exceeds `limit`. */
export const above = defineRule({
  kind: 'above',
  schema: z.object({ limit: z.number(), factor: z.number().positive().max(1).default(0.5) }),
  init: () => ({}),
  onObservation: ({ options, state, ctx }) =>
    ctx.value > options.limit
      ? { state, proposal: { type: 'drop' as const, factor: options.factor, reason: `value ${ctx.value} > ${options.limit}` } }
      : { state },
});

/**
 * A stateful plateau-like rule: drops after `patience` bad evaluations in a row, then
 * waits `cooldown` evaluations. It also keeps the last value it saw, which may be NaN or
 * ±Infinity, so snapshots must carry non-finite numbers.
 */
export const patience = defineRule({
  kind: 'patience',
  schema: z.object({ patience: z.number().int().nonnegative().default(2), factor: z.number().default(0.5), cooldown: z.number().int().nonnegative().default(0) }),
  init: () => ({ bad: 0, cooldown: 0, last: null as number | null }),
  stateSchema: z.object({
    bad: z.number().int().nonnegative(),
    cooldown: z.number().int().nonnegative(),
    last: z.custom<number>((v) => typeof v === 'number').nullable(),
  }),
  onObservation: ({ options, state, ctx }) => {
    const cooling = state.cooldown > 0;
    const bad = ctx.improved ? 0 : cooling ? 0 : state.bad + 1;
    const next = { bad, cooldown: cooling ? state.cooldown - 1 : 0, last: ctx.value };
    if (bad > options.patience) {
      return {
        state: { ...next, bad: 0, cooldown: options.cooldown },
        proposal: { type: 'drop' as const, factor: options.factor, reason: `${bad} bad evaluations in a row` },
      };
    }
    return { state: next };
  },
});

/** Restarts (scale mMul^k, stretch tMul^k) after every `after` drops; stops after `maxRestarts`. */
export const restartAfter = defineRule({
  kind: 'restartAfter',
  schema: z.object({ after: z.number().int().positive().default(2), mMul: z.number().default(0.5), tMul: z.number().default(2), maxRestarts: z.number().int().default(3) }),
  init: () => ({ drops: 0 }),
  onObservation: ({ options, state, ctx }) => {
    if (ctx.restarts >= options.maxRestarts && state.drops >= options.after) {
      return { state, proposal: { type: 'stop' as const, reason: `restarts exhausted (${ctx.restarts})` } };
    }
    if (state.drops < options.after) return { state };
    const k = ctx.restarts + 1;
    return {
      state,
      proposal: { type: 'restart' as const, scale: options.mMul ** k, stretch: options.tMul ** k, reason: `${state.drops} drops` },
    };
  },
  onApplied: ({ state, applied }) =>
    applied?.type === 'drop' ? { drops: state.drops + 1 } : applied?.type === 'restart' ? { drops: 0 } : state,
});

/** Withholds every non-finite observation from the rules. */
export const skipNonFinite = defineRule({
  kind: 'skipNonFinite',
  schema: z.object({}),
  init: () => ({ skipped: 0 }),
  onObservation: ({ state }) => ({ state }),
  screen: ({ state, ctx }) => (ctx.finite ? { state } : { state: { skipped: state.skipped + 1 }, skip: `value ${ctx.value} is not finite` }),
});

export const testRegistry = () => createRegistry([above, patience, restartAfter, skipNonFinite]);

// @anneal/monitor/slope: the `slope` rule, in its own entry point so that the t
// distribution it needs (@stdlib/stats-base-dists-t-cdf, ~25 KB gzip) is bundled only
// by those who import it. Register it like a user's rule:
//   const registry = createDefaultRegistry(); registry.register(slope);
export { slope, slopeOptionsSchema, slopeStateSchema, slopeTest } from './rules/slope.js';
export type { SlopeOptions, SlopeState, SlopeTest } from './rules/slope.js';

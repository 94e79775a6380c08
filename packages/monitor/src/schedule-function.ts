import { AnnealError, type Schedule } from '@anneal/core';

/**
 * A schedule written in code, as Keras's `LearningRateScheduler(fn)`: the step in, the
 * rate out. JSON configs name a `{ kind }`; a function is for configs built in code.
 */
export type ScheduleFunction = (step: number) => number;

/** True when a config's `schedule` is a function rather than a `{ kind }` object. */
export function hasScheduleFunction(input: unknown): input is { schedule: ScheduleFunction } {
  return input !== null && typeof input === 'object' && typeof (input as { schedule?: unknown }).schedule === 'function';
}

/**
 * Wraps a user's schedule function so that every value it returns is checked: a rate
 * that is not a finite number >= 0 would corrupt the optimizer, so it is an AnnealError
 * naming the step, never a NaN handed on.
 *
 * @example checkedSchedule((t) => 0.1 / (1 + t))(9) // 0.01
 */
export function checkedSchedule(fn: ScheduleFunction): Schedule {
  return (step) => {
    const value = fn(step);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      const rule = `must return a finite number >= 0 (at step ${step})`;
      throw new AnnealError('INVALID_CONFIG', { subject: 'schedule function', issues: [{ path: 'schedule', value, rule }] });
    }
    return value;
  };
}

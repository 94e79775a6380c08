import { basename, extname } from 'node:path';
import { AnnealError, buildSchedule, errorFromZod, type Schedule, scheduleSchema } from '@anneal/core';
import { readJsonFile } from '../input.js';
import type { Io } from '../io.js';

/** A schedule with the name its line gets in a chart's legend. */
export interface NamedSchedule {
  readonly name: string;
  readonly schedule: Schedule;
}

/**
 * Reads the schedules of one config file. The file holds either one schedule (an
 * object with a string `kind`), named after the file (`cosine.json` → `cosine`), or
 * a map of names to schedules, `{ "warm": {...}, "cold": {...} }`, named by its keys.
 * A bad schedule is an `INVALID_CONFIG` error naming the file and the field path
 * (`warm.decaySteps` in a map).
 *
 * @example await readNamedSchedules('examples/gallery/cosine-decay.json', processIo)
 */
export async function readNamedSchedules(path: string, io: Io): Promise<NamedSchedule[]> {
  const json = await readJsonFile(path, io);
  const file = path === '-' ? 'standard input' : `"${path}"`;
  if (isObject(json) && typeof json.kind === 'string') {
    return [{ name: path === '-' ? 'stdin' : basename(path, extname(path)), schedule: build(json, [], file) }];
  }
  if (!isObject(json) || Object.keys(json).length === 0) {
    const rule = 'must be a schedule config (an object with a string "kind") or a non-empty map of names to configs';
    throw new AnnealError('INVALID_CONFIG', `Invalid config in ${file}: ${rule}`, [{ path: '', value: json, rule }]);
  }
  return Object.entries(json).map(([name, config]) => ({ name, schedule: build(config, [name], file) }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates and builds one schedule; errors name the file and the path inside it. */
function build(config: unknown, prefix: readonly string[], file: string): Schedule {
  const subject = `schedule config in ${file}`;
  const parsed = scheduleSchema.safeParse(config);
  if (!parsed.success) throw errorFromZod('INVALID_CONFIG', subject, parsed.error, config, prefix);
  try {
    // Building checks the rules a factory enforces beyond its schema.
    return buildSchedule(parsed.data);
  } catch (error) {
    if (!(error instanceof AnnealError)) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: [...prefix, issue.path].filter(Boolean).join('.') }));
    throw new AnnealError('INVALID_CONFIG', `Invalid ${subject}${prefix.length ? ` ("${prefix[0]}")` : ''}: ${error.message}`, issues);
  }
}

import { basename, extname } from 'node:path';
import { AnnealError, buildSchedule, errorFromZod, parseScheduleConfig, type Schedule, scheduleSchema } from '@anneal/core';
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
  const subject = `schedule config in ${file}`;
  if (isObject(json) && typeof json.kind === 'string') {
    // One config: read exactly as `anneal eval` reads it (a root "$schema" is allowed).
    const name = path === '-' ? 'stdin' : basename(path, extname(path));
    return [{ name, schedule: buildSchedule(parseScheduleConfig(json, subject)) }];
  }
  if (!isObject(json) || Object.keys(json).length === 0) {
    const rule = 'must be a schedule config (an object with a string "kind") or a non-empty map of names to configs';
    throw new AnnealError('INVALID_CONFIG', { subject: `config in ${file}`, issues: [{ path: '', value: json, rule }] });
  }
  return Object.entries(json).map(([name, config]) => {
    // Errors name the path inside the map: `warm.decaySteps`.
    const parsed = scheduleSchema.safeParse(config);
    if (!parsed.success) throw errorFromZod('INVALID_CONFIG', subject, parsed.error, config, [name]);
    return { name, schedule: buildSchedule(parsed.data) };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { AnnealError } from '@anneal/core';
import { Redis } from 'ioredis';

/**
 * A connection to `url` (redis:// or rediss://). RESP2 replies are asked for: stream
 * replies then have the shape the Redis docs print, the same in every client language.
 */
export function connect(url: string, name: string, log: (line: string) => void = () => {}): Redis {
  if (typeof url !== 'string' || !/^rediss?:\/\/.+/.test(url)) {
    throw new AnnealError('INVALID_OPTIONS', { subject: `${name} options`, issues: [{ path: 'url', value: url, rule: 'must be a redis:// or rediss:// URL' }] });
  }
  const redis = new Redis(url, { protocol: 2 });
  // ioredis reconnects by itself; a lost connection is reported, not thrown at the process.
  redis.on('error', (error: Error) => log(`redis: ${error.message}`));
  return redis;
}

/** Flat `[field, value, ...]` stream-entry fields as a record. */
export function fieldsOf(flat: readonly string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (flat === null) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}

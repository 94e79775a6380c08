import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// Usage only: these need no Redis. The worker itself is proven by `pnpm test:redis`
// (packages/redis/test/*.redis.test.ts).
describe('anneal serve usage', () => {
  it('is listed by anneal --help', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}serve +apply the monitors of many runs from Redis Streams/m);
  });

  it('needs --redis (exit 2)', async () => {
    const result = await runCli(['serve']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing option --redis <url>/);
  });

  it('refuses a --claim-idle-ms that is not a whole number of milliseconds > 0 (exit 2)', async () => {
    for (const value of ['0', '-5', '1.5', 'soon']) {
      const result = await runCli(['serve', '--redis', 'redis://127.0.0.1:1', `--claim-idle-ms=${value}`]);
      expect(result.code, value).toBe(2);
      expect(result.stderr).toContain(`--claim-idle-ms must be a whole number of milliseconds > 0 (got "${value}")`);
    }
  });

  it('refuses a URL that is not redis:// or rediss:// (exit 1, naming the field)', async () => {
    const result = await runCli(['serve', '--redis', 'http://localhost:6379']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/url: must be a redis:\/\/ or rediss:\/\/ URL \(got "http:\/\/localhost:6379"\)/);
  });
});

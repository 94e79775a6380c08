import { createWorker } from '@anneal/redis';
import { defineCommand, usageError } from '../command.js';
import { registryWithRuleModules } from '../rule-modules.js';

/** `anneal serve`: a Redis Streams worker applying every registered run's monitor. */
export const serveCommand = defineCommand({
  summary: 'apply the monitors of many runs from Redis Streams, as one worker of a group',
  help: `Usage: anneal serve --redis <url> [--consumer <name>] [--claim-idle-ms <ms>] [--prefix <prefix>] [--rules rules.js ...]

Joins the consumer group of the observation stream on the Redis server at <url> and
applies each registered run's monitor to its observations, in order. Each result (the
run's new snapshot, its decisions, the acknowledgement) is committed atomically by one
Lua script, so any number of workers on any number of machines share the runs and a
worker killed at any instant loses nothing and commits nothing twice. Trainers publish
with createRunClient (@anneal/redis) or speak the protocol directly (docs/redis.md).

Options:
  --redis <url>           redis:// or rediss:// URL
  --consumer <name>       this worker's name in the group (default <host>-<pid>); a
                          restarted worker with the same name takes over its pending entries
  --claim-idle-ms <ms>    claim other workers' entries pending this long (a dead worker's),
                          default 30000
  --prefix <prefix>       key prefix, one shard (default {anneal}:)
  --rules <module>        an ES module exporting rule plugins that configs may use; may be repeated
  -h, --help              show this help

SIGTERM or SIGINT finishes the observation in hand, then exits 0. Malformed entries (bad
JSON, unknown run, an observation the monitor refuses) go to the dead-letter stream with
the reason, and are reported on standard error.`,
  options: {
    redis: { type: 'string' },
    consumer: { type: 'string' },
    'claim-idle-ms': { type: 'string', default: '30000' },
    prefix: { type: 'string' },
    rules: { type: 'string', multiple: true },
  },
  arguments: [],
  async run({ values }, io) {
    if (values.redis === undefined) throw usageError('missing option --redis <url>', '--redis');
    const claimIdleMs = Number(values['claim-idle-ms']);
    if (!(Number.isSafeInteger(claimIdleMs) && claimIdleMs > 0)) {
      throw usageError(`--claim-idle-ms must be a whole number of milliseconds > 0 (got "${values['claim-idle-ms']}")`, '--claim-idle-ms');
    }
    if (values.consumer === '') throw usageError('--consumer must not be empty', '--consumer', '');
    const registry = await registryWithRuleModules(values.rules ?? []);
    const worker = createWorker({
      url: values.redis,
      consumer: values.consumer,
      claimIdleMs,
      prefix: values.prefix,
      registry,
      log: (line) => io.stderr.write(`anneal serve: ${line}\n`),
    });
    const stop = () => void worker.stop();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    io.stderr.write(`anneal serve: consumer ${worker.consumer} ready\n`);
    try {
      await worker.done;
    } finally {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
    }
    return 0;
  },
});

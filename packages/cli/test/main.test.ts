import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import { commands, defineCommand, usageError } from '@anneal/cli';
import { runCli } from './run-cli.js';

describe('anneal (main)', () => {
  it('lists every command with its summary on --help and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: anneal <command>/);
    for (const name of ['eval', 'schema', 'validate']) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('prints the usage on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^Usage: anneal <command>/);
  });

  it('exits 2 on an unknown command and names the known ones', async () => {
    const { code, stderr } = await runCli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain(`unknown command "frobnicate". Commands: ${Object.keys(commands).join(', ')}.`);
    expect(Object.keys(commands)).toEqual(expect.arrayContaining(['eval', 'schema', 'validate']));
  });

  it('does not treat inherited object keys as commands', async () => {
    expect((await runCli(['toString'])).code).toBe(2);
  });

  it('prints each command\'s own usage with <cmd> --help (and -h)', async () => {
    for (const name of Object.keys(commands)) {
      const { code, stdout } = await runCli([name, '-h']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: anneal ${name}`));
    }
  });

  describe('a command added to the map', () => {
    const greet = defineCommand({
      summary: 'say hello',
      help: 'Usage: anneal greet <name> [nickname] [--loud]',
      options: { loud: { type: 'boolean' } },
      arguments: ['name', 'nickname?'],
      run({ values, positionals }, io) {
        if (positionals[0] === 'nobody') throw usageError('nobody is not a name', 'name');
        if (positionals[0] === 'bad') throw new AnnealError('INVALID_CONFIG', 'bad is invalid');
        const text = `hello ${positionals.join(' aka ')}`;
        io.stdout.write(`${values.loud ? text.toUpperCase() : text}\n`);
        return 0;
      },
    });
    const withGreet = { ...commands, greet };

    it('is dispatched, parsed and listed by main', async () => {
      expect((await runCli(['greet', 'ada', '--loud'], { commands: withGreet })).stdout).toBe('HELLO ADA\n');
      expect((await runCli(['greet', 'ada', 'countess'], { commands: withGreet })).stdout).toBe('hello ada aka countess\n');
      expect((await runCli(['--help'], { commands: withGreet })).stdout).toMatch(/^ {2}greet +say hello$/m);
    });

    it('maps a USAGE error to exit 2 and any other AnnealError to exit 1', async () => {
      const usage = await runCli(['greet', 'nobody'], { commands: withGreet });
      expect(usage).toMatchObject({ code: 2, stderr: expect.stringMatching(/^anneal greet: nobody is not a name\n/) });
      const invalid = await runCli(['greet', 'bad'], { commands: withGreet });
      expect(invalid).toEqual({ code: 1, stdout: '', stderr: 'anneal greet: bad is invalid\n' });
    });

    it('rethrows an error that is not an AnnealError (a bug, not bad input)', async () => {
      const boom = defineCommand({
        summary: 'fail',
        help: 'Usage: anneal boom',
        options: {},
        arguments: [],
        run: () => {
          throw new RangeError('bug');
        },
      });
      await expect(runCli(['boom'], { commands: { boom } })).rejects.toThrow(RangeError);
    });
  });
});

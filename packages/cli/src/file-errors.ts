import { AnnealError } from '@anneal/core';

/** How messages name a file argument (`-` is standard input). */
export function fileName(path: string): string {
  return path === '-' ? 'standard input' : `"${path}"`;
}

/** The words for the file system's usual refusals; another code is given as it is. */
function reasonOf(error: unknown): { code: string; words: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message ?? String(error);
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return { code, words: words[code] ?? code };
}

/**
 * The one error of every file `anneal` cannot read (configs, metrics logs): code `IO`,
 * the file system's error kept as `cause`, worded by the core's formatter.
 *
 * @example unreadableFile('metrics log', 'run.jsonl', enoent).message
 * // 'Invalid metrics log "run.jsonl": file: cannot be read, no such file or folder (got "ENOENT")'
 */
export function unreadableFile(what: string, path: string, error: unknown): AnnealError {
  const { code, words } = reasonOf(error);
  return new AnnealError('IO', {
    subject: `${what} ${fileName(path)}`,
    issues: [{ path: 'file', value: code, rule: `cannot be read, ${words}` }],
    cause: error,
  });
}

/**
 * The error of a file `anneal` cannot write (`--output`, `--plot`): code `IO`, worded
 * like `unreadableFile`, naming the option.
 *
 * @example unwritableFile('--plot', 'out/run.svg', enoent).message
 * // 'Invalid --plot "out/run.svg": file: cannot be written, no such file or folder (got "ENOENT")'
 */
export function unwritableFile(option: string, path: string, error: unknown): AnnealError {
  const { code, words } = reasonOf(error);
  return new AnnealError('IO', {
    subject: `${option} ${fileName(path)}`,
    issues: [{ path: 'file', value: code, rule: `cannot be written, ${words}` }],
    cause: error,
  });
}

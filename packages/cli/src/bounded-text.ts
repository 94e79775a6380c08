/** The longest run of non-blank characters a message repeats from its input. */
export const maxEchoed = 120;

/**
 * A message with every run of non-blank characters longer than `maxEchoed` cut in its
 * middle (`…` marks the cut; both ends stay, so a long path keeps its file name), so an
 * error that quotes a 1 MB argument, file name or key stays one short line. The words,
 * numbers and paths of any real message are shorter.
 *
 * @example boundEchoes(`unknown command "${'z'.repeat(1e6)}"`) // 'unknown command "zzz…zzz"' (121 characters quoted)
 */
export function boundEchoes(message: string): string {
  const half = Math.floor(maxEchoed / 2);
  return message.replace(new RegExp(`\\S{${maxEchoed + 1},}`, 'g'), (run) => `${run.slice(0, half)}…${run.slice(-half)}`);
}

/**
 * `true` when A and B have the same keys, else `false`: a strict schema beside a
 * hand-written interface must know every option the interface declares (or it would
 * refuse one at run time), and declare no option the interface does not type.
 *
 * @example true satisfies SameKeys<z.output<typeof optionsSchema>, Options>; // a compile error when they drift apart
 */
export type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

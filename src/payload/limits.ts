// Bounds on what one version may make us read. Packages are hostile input.
export interface PayloadLimits {
  /** Largest single file analysed; larger ones are listed with their hash and skipped. */
  maxFileBytes: number;
  /** Total unpacked bytes of one package before it is refused. */
  maxTotalBytes: number;
  /** Entries in one package before it is refused. */
  maxEntries: number;
  /**
   * Largest native executable held in memory to find the code inside it (a Bun-compiled
   * claude-code is 236 MB); larger ones are listed with their hash.
   */
  maxExecutableBytes: number;
  /** JavaScript files analysed per version (beautified, split, diffed); the rest are listed. */
  maxCodeFiles: number;
  /** Characters of JavaScript analysed per version; beautified and derived text is a few times more. */
  maxCodeBytes: number;
}

export const DEFAULT_LIMITS: PayloadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntries: 100_000,
  maxExecutableBytes: 512 * 1024 * 1024,
  maxCodeFiles: 20_000,
  maxCodeBytes: 256 * 1024 * 1024,
};

// The inputs of the code classifier: each version's JavaScript files with their units.
import type { CoverageNote, Finding } from '../../types.js';
import type { FileUnits } from '../../units/types.js';

export interface CodeFile {
  path: string;
  /** The file as published; the units' start/end index into it. */
  source: string;
  /** The beautified file, for line numbers. */
  beautified?: string;
  units: FileUnits;
}

export interface CodeSide {
  version: string;
  files: CodeFile[];
}

export interface CodeClassification {
  introduced: Finding[];
  /** Fingerprints of findings the later version no longer has. */
  removed: string[];
  /** Units that were not analysed or only in part, and rules that threw. */
  notes?: CoverageNote[];
}

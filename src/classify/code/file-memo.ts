// A fact of a whole file, computed once per file: rules ask it for every unit of a 13 MB bundle,
// and both sides of a pair in turn.
const MAX_FILES = 8;

/** `fact(fileSource)`, memoized for the last few files (keyed by the text: a file's units share one string). */
export function perFile<T>(fact: (fileSource: string) => T): (fileSource: string) => T {
  const memo = new Map<string, T>();
  return (fileSource) => {
    if (memo.has(fileSource)) return memo.get(fileSource)!;
    if (memo.size >= MAX_FILES) memo.clear();
    const value = fact(fileSource);
    memo.set(fileSource, value);
    return value;
  };
}

// A word-level diff of two texts (issue 18, item 6: the history shows text changes as a readable
// diff). Written here rather than taken from a package: the `diff` package in node_modules is only
// a build tool's dependency, not the app's. Myers' algorithm (O((N+M)·D) time, O(D²) memory) after
// trimming the common start and end, with a bound on D: two texts that differ too much are shown
// as "all of this removed, all of that added", never computed at any cost.

export interface DiffPart {
  op: "same" | "del" | "ins";
  text: string;
}

/** Beyond this many differing words, the changed middle is shown whole (removed, then added). */
export const MAX_EDIT_DISTANCE = 1000;
/** Texts are cut here first (the moderation forms hold at most 20,000 characters). */
export const MAX_DIFF_CHARS = 50_000;

/** Words and the spaces between them, so that joining the tokens gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * The parts of `after` and `before`: "same" text in both, "del" only in `before`, "ins" only in
 * `after`; adjacent parts of the same kind are merged. `coarse` says the bound was hit.
 */
export function wordDiff(before: string, after: string, maxEdits = MAX_EDIT_DISTANCE): { parts: DiffPart[]; coarse: boolean } {
  const a = tokenize(before.slice(0, MAX_DIFF_CHARS));
  const b = tokenize(after.slice(0, MAX_DIFF_CHARS));
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const ops = myers(middleA, middleB, maxEdits);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));
  if (ops) for (const [op, token] of ops) push(op, token);
  else {
    push("del", middleA.join(""));
    push("ins", middleB.join(""));
  }
  push("same", a.slice(endA).join(""));
  return { parts, coarse: ops === null };
}

type Op = [DiffPart["op"], string];

/** The shortest edit script from a to b, or null when it needs more than `maxD` edits. */
function myers(a: string[], b: string[], maxD: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 && m === 0) return [];
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v for k in [-d, d] as it stood before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const k = x - y;
    let prevX = 0;
    let prevY = 0;
    if (d > 0) {
      const at = (kk: number) => trace[d]![kk + d]!;
      const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      prevX = at(prevK);
      prevY = prevX - prevK;
    }
    while (x > prevX && y > prevY) {
      ops.push(["same", a[x - 1]!]);
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push(["ins", b[prevY]!]);
      else ops.push(["del", a[prevX]!]);
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/**
 * Mutation fuzzing of every parser and rule path: truncations, deleted or doubled brackets and quotes, random
 * bytes, 10,000-character lines, deep nesting, huge files. Deterministic for a seed.
 *
 * A case fails when linting rejects, when a rule throws (the engine turns that into a `rule-error`
 * diagnostic: still a bug), or when a fix makes the file parse worse or is not idempotent.
 */
import { createWorkspace } from '../../src/core';
import { syntaxErrorCount } from '../../src/core/parse/verify';
import { languageOfPath } from '../../src/core/engine/languages';
import { rng as mulberry32 } from '../../bench/gen';
import type { Seed } from './seeds';

// mulberry32: the bench generator's seedable PRNG.
export { mulberry32 };

const SYNTAX_CHARS = '()[]{}"\'`:;,=\n';

export type Mutation = (text: string, rnd: () => number) => { text: string; what: string };

const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => {
    const at = int(r, t.length + 1);
    return { text: t.slice(0, at), what: `truncate@${at}` };
  },
  deleteSyntax: (t, r) => {
    const idx = [...t].flatMap((c, i) => (SYNTAX_CHARS.includes(c) ? [i] : []));
    if (idx.length === 0) return { text: t, what: 'deleteSyntax(none)' };
    const at = idx[int(r, idx.length)]!;
    return { text: t.slice(0, at) + t.slice(at + 1), what: `deleteSyntax@${at}` };
  },
  doubleSyntax: (t, r) => {
    const idx = [...t].flatMap((c, i) => (SYNTAX_CHARS.includes(c) ? [i] : []));
    if (idx.length === 0) return { text: t, what: 'doubleSyntax(none)' };
    const at = idx[int(r, idx.length)]!;
    return { text: t.slice(0, at + 1) + t.slice(at), what: `doubleSyntax@${at}` };
  },
  randomBytes: (t, r) => {
    const at = int(r, t.length + 1);
    let junk = '';
    const n = 1 + int(r, 16);
    for (let i = 0; i < n; i++) {
      const kind = int(r, 4);
      junk +=
        kind === 0
          ? String.fromCharCode(1 + int(r, 126))
          : kind === 1
            ? String.fromCharCode(0xd800 + int(r, 0x800)) // lone surrogates
            : kind === 2
              ? String.fromCodePoint(0x80 + int(r, 0x10000))
              : SYNTAX_CHARS[int(r, SYNTAX_CHARS.length)]!;
    }
    return { text: t.slice(0, at) + junk + t.slice(at), what: `randomBytes@${at}` };
  },
  longLine: (t, r) => {
    const lines = t.split('\n');
    const at = int(r, lines.length);
    lines[at] = (lines[at] ?? '') + ' x'.repeat(5000);
    return { text: lines.join('\n'), what: `longLine@${at}` };
  },
  deepNesting: (t, r) => {
    const depth = 200 + int(r, 800);
    const open = ['(', '[', '{'][int(r, 3)]!;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    const at = int(r, t.length + 1);
    const balanced = r() < 0.5;
    return {
      text: t.slice(0, at) + open.repeat(depth) + '1' + (balanced ? close.repeat(depth) : '') + t.slice(at),
      what: `deepNesting${balanced ? '' : '(open)'}@${at}x${depth}`,
    };
  },
  duplicateBlock: (t, r) => {
    const a = int(r, t.length + 1);
    const b = Math.min(t.length, a + int(r, 400));
    return { text: t.slice(0, b) + t.slice(a, b) + t.slice(b), what: `duplicate@${a}-${b}` };
  },
  crlf: (t) => ({ text: t.replace(/\n/g, '\r\n'), what: 'crlf' }),
  bom: (t) => ({ text: '\ufeff' + t, what: 'bom' }),
  tabsForSpaces: (t) => ({ text: t.replace(/ {4}/g, '\t'), what: 'tabs' }),
};

export interface FuzzFailure {
  seed: string;
  mutation: string;
  problem: string;
  input: string;
}

export interface FuzzStats {
  cases: number;
  failures: FuzzFailure[];
  maxMs: number;
  maxCase: string;
  slow: { case: string; ms: number }[];
  fixesChecked: number;
  rssGrowthMb: number;
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Check fixes (apply, reparse, second pass) on every n-th case. */
  fixEvery?: number;
  /** Include one 5 MB file per seed language. */
  huge?: boolean;
  slowMs?: number;
}

export async function fuzz(seeds: Seed[], opts: FuzzOptions): Promise<FuzzStats> {
  const rnd = mulberry32(opts.seed);
  const names = Object.keys(MUTATIONS);
  const stats: FuzzStats = {
    cases: 0,
    failures: [],
    maxMs: 0,
    maxCase: '',
    slow: [],
    fixesChecked: 0,
    rssGrowthMb: 0,
  };
  const ws = createWorkspace('/fuzz');
  // Warm up grammars so the first parse's load time is not counted as a slow case.
  for (const s of seeds) await ws.lint(s.path, s.text, { ignoreExcludes: true });
  const rss0 = process.memoryUsage().rss;
  const run = async (seed: Seed, text: string, what: string, checkFix: boolean) => {
    stats.cases++;
    const t0 = performance.now();
    try {
      const res = await ws.lint(seed.path, text, { ignoreExcludes: true });
      for (const d of res.diagnostics) {
        if (d.kind === 'rule-error')
          stats.failures.push({ seed: seed.path, mutation: what, problem: d.message, input: text });
      }
      if (checkFix && res.findings.some((f) => f.fix)) {
        stats.fixesChecked++;
        const lang = languageOfPath(seed.path)!;
        const before = syntaxErrorCount(lang, text) ?? 0;
        const fixed = await ws.fix(seed.path, text, { ignoreExcludes: true });
        const after = syntaxErrorCount(lang, fixed.text) ?? 0;
        if (after > before)
          stats.failures.push({
            seed: seed.path,
            mutation: what,
            problem: `fix raised syntax errors ${before} -> ${after}`,
            input: text,
          });
        const again = await ws.fix(seed.path, fixed.text, { ignoreExcludes: true });
        if (again.text !== fixed.text)
          stats.failures.push({
            seed: seed.path,
            mutation: what,
            problem: 'second --fix pass changed the file',
            input: text,
          });
      }
    } catch (e) {
      stats.failures.push({
        seed: seed.path,
        mutation: what,
        problem: `threw: ${e instanceof Error ? e.stack : String(e)}`,
        input: text,
      });
    }
    const ms = performance.now() - t0;
    if (ms > stats.maxMs) {
      stats.maxMs = ms;
      stats.maxCase = `${seed.path} ${what}`;
    }
    if (ms > (opts.slowMs ?? 1000)) stats.slow.push({ case: `${seed.path} ${what}`, ms });
  };
  if (opts.huge) {
    for (const s of seeds.slice(0, 7)) {
      const big = s.text.repeat(Math.ceil((5 * 1024 * 1024) / Math.max(1, s.text.length)));
      await run(s, big, 'huge(5MB)', false);
    }
  }
  for (let i = 0; i < opts.cases; i++) {
    const seed = seeds[int(rnd, seeds.length)]!;
    // One to three stacked mutations.
    let text = seed.text;
    const whats: string[] = [];
    const n = 1 + int(rnd, 3);
    for (let k = 0; k < n; k++) {
      const m = MUTATIONS[names[int(rnd, names.length)]!]!;
      const r = m(text, rnd);
      text = r.text;
      whats.push(r.what);
    }
    await run(seed, text, whats.join('+'), opts.fixEvery !== undefined && i % opts.fixEvery === 0);
  }
  stats.rssGrowthMb = (process.memoryUsage().rss - rss0) / 1024 / 1024;
  return stats;
}

/** Every truncation of a file (each position up to `maxPositions`, evenly spread). */
export async function truncations(seed: Seed, maxPositions: number): Promise<FuzzFailure[]> {
  const ws = createWorkspace('/fuzz');
  const failures: FuzzFailure[] = [];
  const step = Math.max(1, Math.floor(seed.text.length / maxPositions));
  for (let at = 0; at <= seed.text.length; at += step) {
    const text = seed.text.slice(0, at);
    try {
      const res = await ws.lint(seed.path, text, { ignoreExcludes: true });
      for (const d of res.diagnostics)
        if (d.kind === 'rule-error')
          failures.push({ seed: seed.path, mutation: `truncate@${at}`, problem: d.message, input: text });
    } catch (e) {
      failures.push({ seed: seed.path, mutation: `truncate@${at}`, problem: String(e), input: text });
    }
  }
  return failures;
}

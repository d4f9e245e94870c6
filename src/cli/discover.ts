/**
 * Which files `perfguard lint` looks at: everything under the given paths that the engine has a language for,
 * minus `.gitignore`d paths (every `.gitignore` from the repository root down, plus `.git/info/exclude`),
 * the engine's default excludes and `.perfguard.json` `exclude`.
 *
 * Paths inside the workspace root (the current folder) are matched relative to it; paths outside it relative
 * to the argument that named them. A file named explicitly is always linted. Symbolic links are followed once:
 * a directory reached twice (a link loop, or a link to a folder already walked) is walked only the first time.
 * Nothing here throws on a bad file system entry: problems become skip notes.
 */
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { ioError } from './read';

export interface DiscoveredFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to the workspace root with forward slashes (`../` when outside it): the engine's path. */
  rel: string;
  /** Named on the command line (rather than found in a folder). */
  explicit: boolean;
}

export interface SkipNote {
  /** Display path (relative to the workspace root). */
  path: string;
  reason: string;
}

export interface DiscoveryOptions {
  /** Workspace root: the current folder. */
  root: string;
  /** The engine's exclude test (default excludes + config `exclude`), for a root-relative path (`dir/` for folders). */
  isExcluded(relPath: string): boolean;
  /** Whether the engine handles a file with this name. */
  handles(relPath: string): boolean;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Entries that match a handled file type but cannot be linted (broken link, not a regular file, …). */
  skipped: SkipNote[];
  /** Arguments that do not exist. */
  missing: string[];
  /** Arguments that are themselves excluded or git-ignored (nothing under them is linted). */
  excludedArgs: SkipNote[];
  /** Files and folders left out by excludes or .gitignore (counted, not listed). */
  excludedCount: number;
}

/** Forward slashes, as the engine and SARIF want them. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Relative path from `from` to `to` with forward slashes. */
export function relPosix(from: string, to: string): string {
  return toPosix(path.relative(from, to));
}

function isInside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

/** The .gitignore files that apply to a folder, loaded once each. */
class GitignoreSet {
  private readonly cache = new Map<string, Ignore | null>();

  constructor(private readonly skipped: SkipNote[]) {}

  /** Rules of `dir/.gitignore` (and `.git/info/exclude` when `dir` is a repository root), or null. */
  levelOf(dir: string, root: string): IgnoreLevel | null {
    let ig = this.cache.get(dir);
    if (ig === undefined) {
      ig = null;
      const sources = [path.join(dir, '.gitignore')];
      if (fs.existsSync(path.join(dir, '.git'))) sources.unshift(path.join(dir, '.git', 'info', 'exclude'));
      for (const f of sources) {
        let text: string;
        try {
          text = fs.readFileSync(f, 'utf8');
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code !== 'ENOENT' && code !== 'ENOTDIR')
            this.skipped.push({ path: relPosix(root, f), reason: `cannot read (${ioError(e)})` });
          continue;
        }
        ig ??= ignore();
        ig.add(text.replace(/^\uFEFF/, ''));
      }
      this.cache.set(dir, ig);
    }
    return ig ? { dir, ig } : null;
  }
}

/** Whether the levels (shallowest first) ignore `abs`; deeper files override, `!pattern` re-includes. */
function gitIgnored(levels: readonly IgnoreLevel[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { dir, ig } of levels) {
    const r = relPosix(dir, abs);
    if (r === '' || r.startsWith('..')) continue;
    const res = ig.test(isDir ? `${r}/` : r);
    if (res.ignored) ignored = true;
    else if (res.unignored) ignored = false;
  }
  return ignored;
}

/** The folder that holds `.git` above (or at) `dir`, if any. */
function gitRootOf(dir: string): string | undefined {
  let d = dir;
  for (;;) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export function discoverFiles(args: readonly string[], opts: DiscoveryOptions): Discovery {
  const root = path.resolve(opts.root);
  const useGitignore = opts.gitignore !== false;
  const out: Discovery = { files: [], skipped: [], missing: [], excludedArgs: [], excludedCount: 0 };
  const gi = new GitignoreSet(out.skipped);
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  /** `rel`: `abs` relative to the root when the caller knows it. */
  const addFile = (abs: string, explicit: boolean, rel?: string) => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    out.files.push({ abs, rel: rel ?? relPosix(root, abs), explicit });
  };

  /** The .gitignore levels from the top folder down to `dir`. */
  const levelsFor = (top: string, dir: string): IgnoreLevel[] => {
    const dirs: string[] = [];
    let d = dir;
    for (;;) {
      dirs.unshift(d);
      if (d === top) break;
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    const levels: IgnoreLevel[] = [];
    for (const x of dirs) {
      const l = gi.levelOf(x, root);
      if (l) levels.push(l);
    }
    return levels;
  };

  /** `relDir`: `dir` relative to `base` (POSIX separators; '' for `base` itself). */
  const walk = (dir: string, base: string, levels: IgnoreLevel[], relDir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      out.skipped.push({ path: relPosix(root, dir) || '.', reason: `cannot resolve folder (${ioError(e)})` });
      return;
    }
    if (seenDirs.has(real)) return; // a link loop, or a folder already walked through another link
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.skipped.push({ path: relPosix(root, dir) || '.', reason: `cannot read folder (${ioError(e)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const here = useGitignore ? gi.levelOf(dir, root) : null;
    const myLevels = here && levels[levels.length - 1]?.dir !== dir ? [...levels, here] : levels;
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        let st: fs.Stats;
        try {
          st = fs.statSync(abs);
        } catch (e) {
          if (opts.handles(abs))
            out.skipped.push({ path: relPosix(root, abs), reason: `broken symbolic link (${ioError(e)})` });
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (ent.name === '.git' && isDir) continue;
      // (relPosix(base, abs), built from the folder's: an entry name has no separator)
      const key = relDir === '' ? ent.name : `${relDir}/${ent.name}`;
      if (isDir) {
        if (opts.isExcluded(`${key}/`) || (useGitignore && gitIgnored(myLevels, abs, true))) {
          out.excludedCount++;
          continue;
        }
        walk(abs, base, myLevels, key);
      } else if (opts.handles(ent.name)) {
        if (opts.isExcluded(key) || (useGitignore && gitIgnored(myLevels, abs, false))) {
          out.excludedCount++;
          continue;
        }
        if (!isFile) {
          out.skipped.push({ path: relPosix(root, abs), reason: 'not a regular file' });
          continue;
        }
        addFile(abs, false, base === root ? key : undefined);
      }
    }
  };

  for (const arg of args.length > 0 ? args : ['.']) {
    const abs = path.resolve(root, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') out.missing.push(arg);
      else out.skipped.push({ path: arg, reason: `cannot read (${ioError(e)})` });
      continue;
    }
    const inRoot = isInside(root, abs);
    if (st.isFile()) {
      if (!opts.handles(abs)) {
        out.skipped.push({ path: relPosix(root, abs), reason: 'not a file type perfguard lints' });
        continue;
      }
      addFile(abs, true);
      continue;
    }
    if (!st.isDirectory()) {
      out.skipped.push({ path: relPosix(root, abs), reason: 'not a regular file or folder' });
      continue;
    }
    // Exclusion keys: root-relative inside the workspace, argument-relative outside it.
    const base = inRoot ? root : abs;
    const top = (useGitignore && gitRootOf(abs)) || base;
    let levels = useGitignore && abs !== top ? levelsFor(top, path.dirname(abs)) : [];
    // Working inside a folder the repository ignores (a scratch or corpus folder) is deliberate: the .gitignore
    // files above the workspace then do not apply.
    const above = levels.filter((l) => !isInside(base, l.dir));
    if (above.length > 0 && gitIgnored(above, base, true))
      levels = levels.filter((l) => isInside(base, l.dir));
    if (abs !== base) {
      const key = relPosix(base, abs);
      const byExclude = opts.isExcluded(`${key}/`);
      const byGit = !byExclude && useGitignore && gitIgnored(levels, abs, true);
      if (byExclude || byGit) {
        out.excludedArgs.push({
          path: relPosix(root, abs),
          reason: byExclude
            ? 'matches the default excludes or "exclude" in .perfguard.json'
            : 'is git-ignored',
        });
        continue;
      }
    }
    walk(abs, base, levels, relPosix(base, abs));
  }
  return out;
}

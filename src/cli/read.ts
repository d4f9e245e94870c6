/**
 * Reading a source file once, as the linter needs it: size and binary checks, the encoding (UTF-8 with or
 * without a byte-order mark, UTF-16 with a mark, anything else as Latin-1 so that every byte survives a `--fix`
 * round trip), and writing a fixed text back in the same encoding.
 */
import * as fs from 'fs';

/** Files larger than this are skipped (generated or minified code, data dumps). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type SourceEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

export interface SourceText {
  text: string;
  encoding: SourceEncoding;
  /** The file starts with a byte-order mark (not part of `text`; written back by `encodeSource`). */
  bom: boolean;
  bytes: number;
}

export interface Unreadable {
  /** One line for stderr, without the path, e.g. "binary file (NUL byte at offset 12)". */
  skip: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode file bytes; a NUL byte (outside a UTF-16 file) marks a binary file. */
export function decodeSource(buf: Buffer): SourceText | Unreadable {
  const bytes = buf.length;
  if (bytes >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: buf.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true, bytes };
  }
  if (bytes >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be', bom: true, bytes };
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) return { skip: `binary file (NUL byte at offset ${nul})` };
  const bom = bytes >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  try {
    return { text: utf8.decode(body), encoding: 'utf8', bom, bytes };
  } catch {
    // Not UTF-8 (Latin-1, Windows-1252, Shift-JIS, …): one character per byte keeps offsets stable and
    // writes every untouched byte back unchanged.
    return { text: body.toString('latin1'), encoding: 'latin1', bom, bytes };
  }
}

/** Encode a text for writing in the encoding (and with the byte-order mark) it was read with. */
export function encodeSource(text: string, encoding: SourceEncoding, bom: boolean): Buffer {
  switch (encoding) {
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const b = Buffer.from(text, 'utf16le');
      b.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
    }
    case 'utf8':
    case 'latin1': {
      const body = Buffer.from(text, encoding);
      return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
  }
}

/** Read a regular file with the size limit; never throws. */
export function readSource(absPath: string, size?: number): SourceText | Unreadable {
  try {
    const st = size === undefined ? fs.statSync(absPath) : undefined;
    const n = size ?? st!.size;
    if (st && !st.isFile()) return { skip: 'not a regular file' };
    if (n > MAX_FILE_BYTES) return { skip: `larger than 2 MB (${formatBytes(n)})` };
    const buf = fs.readFileSync(absPath);
    // The file may have grown since it was listed.
    if (buf.length > MAX_FILE_BYTES) return { skip: `larger than 2 MB (${formatBytes(buf.length)})` };
    return decodeSource(buf);
  } catch (e) {
    return { skip: `unreadable (${ioError(e)})` };
  }
}

export function isUnreadable(r: SourceText | Unreadable): r is Unreadable {
  return 'skip' in r;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `EACCES: permission denied` rather than the full Node message with the path repeated. */
export function ioError(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') {
    const known: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ENOENT: 'no such file',
      EISDIR: 'is a directory',
      ELOOP: 'too many levels of symbolic links',
      EIO: 'input/output error',
      EMFILE: 'too many open files',
    };
    return `${e.code}: ${known[e.code] ?? ('message' in e ? String(e.message) : 'error')}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * The private copy of a submission that its process runs from: regular files and folders
 * only, copied into a fresh temporary folder, TypeScript compiled to JavaScript by the
 * grader (the child needs no compiler and never reads the original folder). A symbolic
 * link, device, FIFO or socket anywhere in the submission refuses it with one named error:
 * a link could point at the answer key, another student's folder or the reports.
 *
 * The content hash is computed from exactly the bytes copied (same definition as
 * harness/discover/hash.ts), so the store's key describes what ran.
 */
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

/** More than this is not a submission of this assignment (and would fill the temporary folder). */
export const COPY_LIMITS = { files: 500, bytes: 20 * 1024 * 1024 };

export const NOT_A_REGULAR_FILE = (path: string, kind: string) =>
  `${path} requires regular files and folders only, got a ${kind}; remove it (a submission may not link to files outside itself) and hand in the file itself.`;
export const TOO_LARGE = (what: string, limit: string, got: string) =>
  `the submission requires at most ${limit} ${what}, got ${got}; remove data files, build output or node_modules from the folder.`;

export class SubmissionRefused extends Error {
  constructor(message: string) {
    super(message, { cause: 'load-failed' });
    this.name = 'SubmissionRefused';
  }
}

export interface PrivateCopy {
  /** the folder the child reads (mode 0700, owned by `owner` when given) */
  dir: string;
  /** the entry file to require: `index.js` (compiled from index.ts when that is what was handed in) */
  entry: string;
  /** sha256 of the copied files' relative paths and bytes */
  hash: string;
  files: string[];
  /** the temporary folder to remove afterwards (the copy's parent) */
  root: string;
  remove(): void;
}

interface Transpiler { transpile(file: string, source: string): { code?: string; error?: { line: number; column: number; message: string } } }
const transpiler = createRequire(__filename)('./transpile.cjs') as Transpiler;

const IGNORED = new Set(['node_modules']);

function kindOf(path: string): string {
  const s = lstatSync(path);
  if (s.isSymbolicLink()) return 'symbolic link';
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isBlockDevice() || s.isCharacterDevice()) return 'device';
  return 'special file';
}

/** Regular files under `dir` (relative, `/`-separated, sorted); throws {@link SubmissionRefused} on anything else. */
export function regularFiles(dir: string, name: string): string[] {
  const found: string[] = [];
  let bytes = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (IGNORED.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      const shown = `${name}/${relative(dir, path).split(sep).join('/')}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        found.push(relative(dir, path).split(sep).join('/'));
        bytes += lstatSync(path).size;
        if (found.length > COPY_LIMITS.files) throw new SubmissionRefused(TOO_LARGE('files', String(COPY_LIMITS.files), `more than ${COPY_LIMITS.files}`));
        if (bytes > COPY_LIMITS.bytes) throw new SubmissionRefused(TOO_LARGE('bytes', `${COPY_LIMITS.bytes / 1024 / 1024} MB of`, `more than that`));
      } else throw new SubmissionRefused(NOT_A_REGULAR_FILE(shown, kindOf(path)));
    }
  };
  walk(dir);
  return found.sort();
}

/** The JavaScript for a TypeScript file, or a SyntaxError `file:line:column: message` (the same text the loader gave before). */
function compile(file: string, source: string, shownAs: string): string {
  const out = transpiler.transpile(file, source);
  if (out.error) {
    const e = new SyntaxError(`syntax error at ${shownAs}:${out.error.line}:${out.error.column}: ${out.error.message}`);
    throw Object.assign(e, { cause: 'load-failed' });
  }
  return out.code!;
}

/**
 * Copy `dir` into a fresh private folder, compiling `.ts` files to `.js` beside their
 * names. `owner` (uid, gid) is the unprivileged user the child will run as: the copy is
 * made readable to that user only.
 */
export function makePrivateCopy(dir: string, name: string, owner?: { uid: number; gid: number }): PrivateCopy {
  const files = regularFiles(dir, name);
  const root = mkdtempSync(join(tmpdir(), 'netgrade-'));
  const target = join(root, 'submission');
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    mkdirSync(target, { mode: 0o700 });
    const hash = createHash('sha256');
    const written = new Set<string>();
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      hash.update(file).update('\0').update(bytes).update('\0');
      const out = join(target, file);
      mkdirSync(join(out, '..'), { recursive: true, mode: 0o700 });
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        const js = file.replace(/\.ts$/, '.js');
        writeFileSync(join(target, js), compile(join(target, file), bytes.toString('utf8'), file), { mode: 0o600 });
        written.add(js);
      } else if (!written.has(file)) {
        writeFileSync(out, bytes, { mode: 0o600 });
      }
    }
    if (owner) {
      chownSync(root, owner.uid, owner.gid);
      const own = (path: string): void => {
        chownSync(path, owner.uid, owner.gid);
        if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) own(join(path, entry));
      };
      own(target);
    }
    chmodSync(root, 0o700);
    const entry = files.includes('index.ts') || files.includes('index.js') ? join(target, 'index.js') : '';
    return { dir: target, entry, hash: hash.digest('hex'), files, root, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

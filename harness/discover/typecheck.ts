/**
 * The type-check pass: does the submission's default export satisfy `Submission` from
 * harness/contract.ts? Diagnostics in the submission's own files become warnings
 * `file:line: message`; they never stop grading — the code still runs if it can.
 *
 * A virtual file beside the entry (never written to disk) does the check:
 *   import submission from './index'; const _: Submission = submission;
 * Results are cached by content hash in `.netgrade-cache/typecheck/`, because building a
 * program with tfjs's types takes seconds.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { CACHE_DIR, PROJECT_ROOT } from '../sandbox/paths';
import type { DiscoveredSubmission } from './find';

const CHECK_FILE = '__netgrade_contract_check__.ts';
const shared = new Map<string, ts.SourceFile>();
const isShared = (file: string) => file.includes(`${sep}node_modules${sep}`) || file.startsWith(join(PROJECT_ROOT, 'harness') + sep);
const MAX_WARNINGS = 30;

function checkSource(entry: string): string {
  const contract = relative(dirname(entry), join(PROJECT_ROOT, 'harness', 'contract')).split(sep).join('/');
  return [
    `import submission from './${entry.endsWith('.ts') ? 'index' : 'index.js'}';`,
    `import type { Submission } from '${contract.startsWith('.') ? contract : './' + contract}';`,
    'export const satisfiesContract: Submission = submission;',
    '',
  ].join('\n');
}

/** `file:line: message` for one diagnostic, with the file relative to the submission. */
function format(d: ts.Diagnostic, dir: string): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ');
  if (!d.file || d.start === undefined) return text;
  const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
  const file = relative(dir, d.file.fileName).split(sep).join('/');
  if (file === CHECK_FILE) return `index.ts:default export: does not satisfy the Submission contract (harness/contract.ts): ${text}`;
  return `${file}:${line}: ${text}`;
}

/** Type-check a submission against the contract; returns warnings (empty when clean). */
export function typeCheck(entry: string): string[] {
  if (!entry.endsWith('.ts')) return [];
  const dir = dirname(entry);
  const checkPath = join(dir, CHECK_FILE);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    // a submission outside the project (a temp dir, /autograder/submission) still finds tfjs
    baseUrl: PROJECT_ROOT,
    paths: { '*': ['node_modules/*', 'node_modules/@types/*'] },
    typeRoots: [join(PROJECT_ROOT, 'node_modules', '@types')],
  };
  const host = ts.createCompilerHost(options, true);
  const source = checkSource(entry);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    if (file === checkPath) return ts.createSourceFile(file, source, language, true);
    if (!isShared(file)) return getSourceFile(file, language, onError, create);
    // libraries and the contract are parsed once per process, not once per submission
    let parsed = shared.get(file);
    if (!parsed) {
      parsed = getSourceFile(file, language, onError, create);
      if (parsed) shared.set(file, parsed);
    }
    return parsed;
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === checkPath || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === checkPath ? source : readFile(file));

  const program = ts.createProgram({ rootNames: [checkPath], options, host });
  const own = (d: ts.Diagnostic) => !d.file || (!relative(dir, d.file.fileName).startsWith('..') && !d.file.fileName.includes(`${sep}node_modules${sep}`));
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error && own(d));
  const warnings = [...new Set(diagnostics.map((d) => format(d, dir)))];
  return warnings.length > MAX_WARNINGS ? [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more type errors`] : warnings;
}

const cacheFileOf = (sub: DiscoveredSubmission) => join(CACHE_DIR, 'typecheck', `${sub.hash}.json`);

/** The stored warnings of an unchanged submission, if it was type-checked before. */
export function cachedTypeCheck(sub: DiscoveredSubmission): string[] | undefined {
  const file = cacheFileOf(sub);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as string[];
  } catch {
    return undefined; // a torn cache file is recomputed
  }
}

/** {@link typeCheck}, cached by the submission's content hash. */
export function typeCheckCached(sub: DiscoveredSubmission): string[] {
  const cached = cachedTypeCheck(sub);
  if (cached) return cached;
  const file = cacheFileOf(sub);
  let warnings: string[];
  try {
    warnings = typeCheck(sub.entry);
  } catch (e) {
    warnings = [`type check could not run: ${e instanceof Error ? e.message : String(e)}`];
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(warnings));
  } catch {
    // the cache is an optimisation only
  }
  return warnings;
}

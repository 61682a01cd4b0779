'use strict';
/**
 * TypeScript → CommonJS for the sandboxed process, shared by the child (boot.cjs) and the
 * orchestrator (which fills the compiled-code cache). Plain JavaScript so the child needs
 * nothing but Node to start.
 *
 * Only trusted code is cached — the harness and reference/ (`isCacheable`) — under
 * `<cache>/js/<sha256(typescript version, options, path, source)>.js`; the cache folder is
 * readable by the child, written only by the orchestrator. A submission's own files are
 * compiled in memory every time, so one submission can never read another's code.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE_JS = path.join(ROOT, '.netgrade-cache', 'js');
const TS_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
const OPTIONS = { module: 'CommonJS', target: 'ES2022', esModuleInterop: true, inlineSourceMap: true };

function isCacheable(filename) {
  return [path.join(ROOT, 'harness') + path.sep, path.join(ROOT, 'reference') + path.sep].some((p) => filename.startsWith(p));
}

function cacheFile(filename, source) {
  const key = createHash('sha256').update(`${TS_VERSION}\0${JSON.stringify(OPTIONS)}\0${filename}\0${source}`).digest('hex');
  return path.join(CACHE_JS, `${key}.js`);
}

let ts;
/** Compile; returns { code } or { error: { file, line, column, message } } for a syntax error. */
function transpile(filename, source) {
  ts = ts || require('typescript');
  const out = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
  });
  const d = (out.diagnostics || []).find((x) => x.category === ts.DiagnosticCategory.Error);
  if (!d) return { code: out.outputText };
  const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  return { error: { file: filename, line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') } };
}

/**
 * Install the `.ts` loader in this process: trusted files from the cache when present
 * (those compiled here are pushed to `compiled`), everything else compiled in memory. A
 * syntax error is a SyntaxError `file:line:column: message`, the file relative to `baseDir`.
 */
function installTypeScriptHook(baseDir, compiled) {
  const fs = require('node:fs');
  require.extensions['.ts'] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    if (isCacheable(filename)) {
      let code;
      try {
        code = fs.readFileSync(cacheFile(filename, source), 'utf8');
      } catch {
        // not cached yet: compile below
      }
      if (code !== undefined) return module._compile(code, filename);
      if (compiled) compiled.push(filename);
    }
    const out = transpile(filename, source);
    if (out.error) {
      const rel = path.relative(baseDir, filename);
      throw new SyntaxError(`${rel.startsWith('..') ? filename : rel}:${out.error.line}:${out.error.column}: ${out.error.message}`);
    }
    module._compile(out.code, filename);
  };
}

module.exports = { CACHE_JS, isCacheable, cacheFile, transpile, installTypeScriptHook };

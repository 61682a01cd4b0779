'use strict';
/**
 * TypeScript → CommonJS, in plain JavaScript so it needs nothing but Node and the
 * `typescript` package. The grader compiles a submission's private copy with it
 * (./private-copy.ts: the child never needs a compiler), and the type-check process
 * (harness/discover/typecheck-main.cjs) loads the harness's own `.ts` files through
 * {@link installTypeScriptHook}.
 */
const path = require('node:path');

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
 * Install the `.ts` loader in this process (trusted code only). A syntax error is a
 * SyntaxError `file:line:column: message`, the file relative to `baseDir`.
 */
function installTypeScriptHook(baseDir) {
  const fs = require('node:fs');
  require.extensions['.ts'] = function compileTypeScript(module, filename) {
    const out = transpile(filename, fs.readFileSync(filename, 'utf8'));
    if (out.error) {
      const rel = path.relative(baseDir, filename);
      throw new SyntaxError(`${rel.startsWith('..') ? filename : rel}:${out.error.line}:${out.error.column}: ${out.error.message}`);
    }
    module._compile(out.code, filename);
  };
}

module.exports = { transpile, installTypeScriptHook };

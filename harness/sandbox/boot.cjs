'use strict';
/**
 * Entry point of a submission's sandboxed process (plain JavaScript so that nothing but
 * Node is needed to start it). Installs an in-memory TypeScript → CommonJS compiler for
 * `.ts` files (harness worker code, ops and the submission alike), then runs the worker.
 *
 * argv: [entry file of the submission]. A syntax error is thrown as a SyntaxError whose
 * message is `file:line:column: message`, with the file relative to the current folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true,
  inlineSources: false,
};

function syntaxError(diagnostic, filename) {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
  const rel = path.relative(process.env.NETGRADE_SUBMISSION_DIR || process.cwd(), filename) || path.basename(filename);
  const e = new SyntaxError(`${rel.startsWith('..') ? filename : rel}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ${text}`);
  return e;
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, { fileName: filename, reportDiagnostics: true, compilerOptions });
  const error = (out.diagnostics || []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) throw syntaxError(error, filename);
  module._compile(out.outputText, filename);
};

require('./worker.ts');

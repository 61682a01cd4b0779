/**
 * JUnit XML (`<name>/junit.xml`) for CI systems that read it: one `<testsuite>` per
 * submission, one `<testcase>` per check. failed → `<failure>`, errored and timed-out →
 * `<error>`, skipped → `<skipped>` (its reason in the `message` attribute and in the element
 * text, where GitLab reads it). Built with fast-xml-parser's XMLBuilder, which escapes text
 * and attributes; control characters were stripped in the view model. Valid against Jenkins
 * xUnit's junit-10.xsd (test/schemas/), which allows `skipped` on `<testsuite>` only.
 *
 * Test views show names and messages on one line and often render them as Markdown, so
 * names and messages are single lines and trimmed (NAME_LIMIT, MESSAGE_LIMIT), and
 * messages, which carry a submission's text, are Markdown-escaped; the element text keeps the full plain-text output up to TEXT_LIMIT.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckView, ReportViewModel, SubmissionView } from '../view-model';
import { escapeMarkdown, truncate } from '../view-model';
import { checkOutput } from './json';
import type { Reporter } from './types';

type Node = Record<string, unknown>;

/** testcase names: long enough for a title and its id */
export const NAME_LIMIT = 200;
/** the one-line `message` attribute of a failure, error or skip */
export const MESSAGE_LIMIT = 500;
/** the element text (expected, actual, diagnosis, hint, stack) */
export const TEXT_LIMIT = 20_000;

const oneLine = (text: string, max: number) => truncate(text.replace(/\s*\n\s*/g, ' '), max);
/** a message a test view may render as Markdown: one line, escaped, trimmed */
const oneLineMarkdown = (text: string, max: number) => oneLine(escapeMarkdown(text), max);
const body = (text: string) => truncate(text.replace(/```/g, '`\u200b``'), TEXT_LIMIT);

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: true,
  processEntities: true,
});

export function junitXml(s: Readonly<SubmissionView>, vm: Readonly<ReportViewModel>): string {
  const cases = s.checks.map((c) => testcase(s, c));
  if (s.loadError) {
    cases.unshift({
      '@_name': 'submission loads',
      '@_classname': `netgrade.${s.slug}`,
      '@_time': '0',
      error: { '@_type': s.loadError.cause, '@_message': oneLineMarkdown(s.loadError.message, MESSAGE_LIMIT), '#text': body(s.loadError.message) },
    });
  }
  const failures = s.counts.failed;
  const errors = s.counts.errored + s.counts.timedOut + (s.loadError ? 1 : 0);
  const time = s.reproducibility.durationSeconds.toFixed(3);
  const r = s.reproducibility;
  const suite: Node = {
    '@_name': oneLine(s.name, NAME_LIMIT),
    '@_tests': String(cases.length),
    '@_failures': String(failures),
    '@_errors': String(errors),
    '@_skipped': String(s.counts.skipped),
    '@_time': time,
    '@_timestamp': r.startedAt,
    '@_hostname': r.platform,
    properties: {
      property: [
        ['score', `${s.score}/${s.maxScore}`],
        ['audience', vm.audience],
        ['profile', r.profile],
        ['seeds', r.seeds],
        ['submission.hash', r.submissionHash],
        ['harness.version', r.harnessVersion],
        ['harness.commit', r.commit],
        ['backend', `${r.backend} (${r.device})`],
        ['tfjs', r.tfjsVersion],
        ['node', r.nodeVersion],
        ['cpu', r.cpu],
        ['started', r.startedAt],
        ['ended', r.endedAt],
      ].map(([name, value]) => ({ '@_name': name, '@_value': value })),
    },
    testcase: cases,
  };
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': oneLine(`netgrade ${s.name}`, NAME_LIMIT),
      '@_tests': String(cases.length),
      '@_failures': String(failures),
      '@_errors': String(errors),
      '@_time': time,
      testsuite: suite,
    },
  };
  return builder.build(doc) as string;
}

function testcase(s: Readonly<SubmissionView>, c: CheckView): Node {
  const node: Node = {
    '@_name': `${oneLine(c.title, NAME_LIMIT - c.id.length - 3)} [${c.id}]`,
    '@_classname': `netgrade.${s.slug}.${c.part}.${c.subject}`,
    '@_time': (c.ms / 1000).toFixed(3),
  };
  const points = `${c.score}/${c.points} points`;
  // A redacted (hidden) check keeps its outcome and score, never its details.
  const text = body(c.redacted ? `${c.summary} ${points}` : `${checkOutput(c)}\n${points}`);
  const message = c.redacted ? `hidden check: ${points}` : oneLineMarkdown(c.summary, MESSAGE_LIMIT);
  switch (c.status) {
    case 'passed':
      if (c.details?.message) node['system-out'] = body(c.details.message);
      break;
    case 'failed':
      node.failure = { '@_type': c.details?.diagnosis?.id ?? 'wrong-answer', '@_message': message, '#text': text };
      break;
    case 'errored':
      node.error = { '@_type': c.details?.cause ?? 'errored', '@_message': message, '#text': text };
      break;
    case 'timed-out':
      node.error = { '@_type': 'timed-out', '@_message': message, '#text': text };
      break;
    case 'skipped':
      node.skipped = c.redacted
        ? { '@_message': 'hidden check', '#text': `hidden check: ${points}` }
        : { '@_message': message, '#text': body(c.details?.message ?? c.summary) };
      break;
  }
  return node;
}

export const junitReporter: Reporter = {
  name: 'junit',
  onSubmission: (s, vm) => [{ path: s.files.junit, contents: junitXml(s, vm) }],
};

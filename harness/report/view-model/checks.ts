/**
 * Checks as the reports show them: one line, expandable details, grouped by part and by
 * subject (model). Hidden checks are redacted here, once, for the student audience: the
 * view keeps the name and score and drops expected/actual/diagnosis/hint/messages; the
 * redacted SubmissionResult (the JSON's payload) follows the same rule.
 */
import type { CheckResult, CheckStatus, Part, SubmissionResult } from '../../results/types';
import { clean, firstLine, relativeError, round } from './format';
import type { Audience, CheckDetails, CheckView, PartView, PointsLostRow, SubjectView } from './types';

export const HIDDEN_CHECK_OUTPUT = 'Hidden check: only its name and score are shown to students.';

export const PART_TITLES: Record<Part, string> = {
  part1: 'Part 1 — recurrent sequence classifiers',
  part2: 'Part 2 — text generation',
  part3: 'Part 3 — graph layers',
};

const STATUS_LABELS: Record<CheckStatus, string> = {
  passed: 'passed', failed: 'failed', errored: 'error', 'timed-out': 'timed out', skipped: 'skipped',
};


/** Whether the audience may see a check's details. */
export function isRedacted(c: Pick<CheckResult, 'hidden'>, audience: Audience): boolean {
  return c.hidden && audience === 'student';
}

export function checkView(c: CheckResult, audience: Audience): CheckView {
  const redacted = isRedacted(c, audience);
  const details = redacted ? null : checkDetails(c);
  return {
    id: c.id,
    title: c.title,
    part: c.part,
    subject: c.subject,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    score: round(c.score, 2),
    points: round(c.points, 2),
    lost: round(Math.max(0, c.points - c.score), 2),
    ms: Math.round(c.ms),
    hidden: c.hidden,
    redacted,
    ok: c.status === 'passed',
    summary: redacted ? HIDDEN_CHECK_OUTPUT : checkSummary(c),
    details,
  };
}

function checkSummary(c: CheckResult): string {
  switch (c.status) {
    case 'passed': return c.note ? `Passed: ${clean(c.note)}` : 'Passed.';
    case 'failed': return `Failed: expected ${clean(c.expected)}, got ${clean(c.actual)}.`;
    case 'errored': return `Error (${c.cause}): ${firstLine(clean(c.message))}`;
    case 'timed-out': return `Timed out after ${c.limitMs} ms.`;
    case 'skipped': return `Skipped: ${clean(c.reason)}`;
  }
}

function checkDetails(c: CheckResult): CheckDetails | null {
  const none: CheckDetails = { expected: null, actual: null, diagnosis: null, hint: null, message: null, cause: null };
  switch (c.status) {
    case 'passed': return c.note ? { ...none, message: clean(c.note) } : null;
    case 'failed': return {
      ...none,
      expected: clean(c.expected),
      actual: clean(c.actual),
      hint: novelHint(clean(c.hint), [clean(c.actual), clean(c.expected), c.diagnosis ? clean(c.diagnosis.message) : '']),
      diagnosis: c.diagnosis
        ? { id: c.diagnosis.id, message: clean(c.diagnosis.message), error: relativeError(c.diagnosis.error) }
        : null,
    };
    case 'errored': return { ...none, cause: c.cause, message: clean(c.message), hint: novelHint(clean(c.hint), [clean(c.message)]) };
    case 'timed-out': return { ...none, message: `No answer within ${c.limitMs} ms.`, hint: novelHint(clean(c.hint), [`did not return within ${c.limitMs} ms`]) };
    case 'skipped': return { ...none, message: clean(c.reason) };
  }
}

/**
 * The part of a hint that adds something: clauses (split at `:`, `;` and sentence ends)
 * that repeat, word for word, what the report already says (the actual value, the expected
 * one, the diagnosis, the error message) are dropped; null when nothing is left.
 * "max |Δ| = 0.21: compare the forget gate" after "Actual: max |Δ| = 0.21" → "compare the forget gate".
 */
export function novelHint(hint: string, said: string[]): string | null {
  const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').replace(/^[\s:;,.]+|[\s:;,.]+$/g, '');
  const known = said.map(norm).filter((t) => t.length > 0);
  const clauses = hint.split(/(?<=[:;])\s+|(?<=\.)\s+(?=[A-Z])/);
  const kept = clauses.filter((clause) => {
    const n = norm(clause);
    return n.length > 0 && !known.some((k) => k.includes(n) || n === k);
  });
  if (!kept.length) return null;
  const text = kept.join(' ').replace(/^[\s:;,]+/, '').trim();
  return /\w/.test(text) ? text : null;
}

/** The result without hidden checks' details, for students; unchanged for instructors. */
export function redactResult(r: SubmissionResult, audience: Audience): SubmissionResult {
  if (audience === 'instructor') return structuredClone(r);
  const checks = r.checks.map((c): CheckResult => {
    if (!isRedacted(c, audience)) return c;
    const { id, title, part, subject, points, timeoutMs, hidden, score, ms } = c;
    const meta = { id, title, part, subject, points, timeoutMs, hidden, score, ms };
    // The status stays (the score already tells pass/fail); every detail goes.
    switch (c.status) {
      case 'passed': return { ...meta, status: 'passed' };
      case 'failed': return { ...meta, status: 'failed', expected: '', actual: '', hint: '' };
      case 'errored': return { ...meta, status: 'errored', cause: c.cause, message: '', hint: '' };
      case 'timed-out': return { ...meta, status: 'timed-out', limitMs: c.limitMs, hint: '' };
      case 'skipped': return { ...meta, status: 'skipped', reason: '' };
    }
  });
  return structuredClone({ ...r, checks });
}

export function partViews(r: SubmissionResult, checks: CheckView[]): PartView[] {
  const parts = r.parts.map((p) => p.part);
  for (const c of checks) if (!parts.includes(c.part)) parts.push(c.part);
  return parts.map((part) => {
    const given = r.parts.find((p) => p.part === part);
    const own = checks.filter((c) => c.part === part);
    const score = given ? given.score : own.reduce((s, c) => s + c.score, 0);
    const max = given ? given.max : own.reduce((s, c) => s + c.points, 0);
    return {
      part, title: PART_TITLES[part], score: round(score, 2), max: round(max, 2), percent: max > 0 ? round((100 * score) / max, 1) : 0,
      checks: own, subjects: subjectViews(part, own),
    };
  });
}

function subjectViews(part: Part, checks: CheckView[]): SubjectView[] {
  const subjects = [...new Set(checks.map((c) => c.subject))];
  return subjects.map((subject) => {
    const own = checks.filter((c) => c.subject === subject);
    const reasons = new Set(own.map((c) => (c.status === 'skipped' && c.details?.message) || null));
    const [reason] = [...reasons];
    return {
      part,
      subject,
      score: round(own.reduce((sum, c) => sum + c.score, 0), 2),
      max: round(own.reduce((sum, c) => sum + c.points, 0), 2),
      checks: own,
      skippedReason: reasons.size === 1 && reason ? reason : null,
    };
  });
}

/**
 * What a report lists right after its score: every check that cost points, most points
 * first, each with the anchor of its check; a model not handed in at all is one row
 * (`skipped`) with the anchor of its folded group.
 */
export function pointsLost(parts: PartView[]): PointsLostRow[] {
  const rows: PointsLostRow[] = [];
  for (const part of parts) {
    for (const subject of part.subjects) {
      const lost = subject.checks.filter((c) => c.lost > 0);
      if (!lost.length) continue;
      if (subject.skippedReason) {
        rows.push({
          href: `#subject-${part.part}-${subject.subject}`,
          title: `${subject.subject} (${lost.length} ${lost.length === 1 ? 'check' : 'checks'})`,
          lost: round(lost.reduce((n, c) => n + c.lost, 0), 2), points: subject.max, why: subject.skippedReason, skipped: true,
        });
      } else {
        for (const c of lost) {
          const skipped = c.status === 'skipped';
          const why = skipped ? (c.redacted ? 'skipped (hidden check)' : c.details?.message ?? 'skipped') : c.statusLabel;
          rows.push({ href: `#check-${c.id}`, title: c.title, lost: c.lost, points: c.points, why, skipped });
        }
      }
    }
  }
  return rows.sort((a, b) => b.lost - a.lost);
}

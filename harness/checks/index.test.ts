/** checksFor: every profile's checks are unique and every one has points in the rubric. */
import { hasRubricEntry, listProfiles, loadProfile } from '../profiles';
import { checksFor } from '.';

test.each(listProfiles())('profile %s: unique ids, each in the rubric, only graded models', (name) => {
  const profile = loadProfile(name);
  const checks = checksFor(profile);
  const ids = checks.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => !hasRubricEntry(profile, id))).toEqual([]);
  expect(new Set(checks.map((c) => c.subject))).toEqual(new Set(profile.models.filter((m) => checks.some((c) => c.subject === m))));
});

test('quick grades every recurrent model (12 public and 2 hidden checks each) and the time gate', () => {
  const checks = checksFor(loadProfile('quick'));
  for (const m of ['vanillaRNN', 'lstm', 'peepLSTM', 'gru', 'biLSTM', 'timeGatedLSTM']) {
    expect(checks.filter((c) => c.subject === m && !c.hidden)).toHaveLength(12);
    expect(checks.filter((c) => c.subject === m && c.hidden).map((c) => c.id)).toEqual([`${m}.hidden.forward`, `${m}.hidden.no-leaks`]);
  }
  expect(checks.map((c) => c.id)).toContain('timeGate.values');
});

test('2020 group D/E grades the LSTM, the peephole LSTM, text and both graph layers, not the GRU', () => {
  const subjects = new Set(checksFor(loadProfile('2020-DE')).map((c) => c.subject));
  for (const s of ['lstm', 'peepLSTM', 'textGenerator', 'gcn', 'gat']) expect([s, subjects.has(s)]).toEqual([s, true]);
  expect(subjects.has('gru')).toBe(false);
});

test('every profile listing a part gets at least one check for it', () => {
  for (const name of listProfiles()) {
    const profile = loadProfile(name);
    const subjects = new Set(checksFor(profile).map((c) => c.subject));
    expect([name, profile.models.filter((m) => !subjects.has(m))]).toEqual([name, []]);
  }
});

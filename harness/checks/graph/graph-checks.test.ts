/**
 * The graph checks against the tfjs reference (every check passes) and against planted
 * mistakes (each fails, with its diagnosis), through an in-process handle on the ops.
 */
import { selectBackend } from '../../backend';
import type { Submission } from '../../contract';
import { loadProfile } from '../../profiles';
import type { Profile } from '../../profiles';
import { graphOps } from '../../worker/ops/graph';
import { objectHandle } from '../testing/handle';
import type { CheckContext, CheckOutcome } from '../types';
import {
  adjacencyCheck, attentionMaskedCheck, attentionNormalisedCheck, contractCheck, forwardCheck, gradientsCheck, graphChecks, sparseCheck,
} from '.';
import { denseOnlyReference, plantedGat, plantedGcn, referenceSubmission } from './planted';
import type { GraphMistakes } from './planted';

const profile2020 = { ...loadProfile('quick'), conventions: { ...loadProfile('quick').conventions, graph: '2020' as const } };
const profile2019 = { ...profile2020, conventions: { ...profile2020.conventions, graph: '2019' as const } };

beforeAll(async () => { await selectBackend(); });

const ctx = (submission: Submission, profile: Profile = profile2020): CheckContext => ({ handle: objectHandle(submission, 'test', graphOps), profile, seed: 3 });
const gcnWith = (m: GraphMistakes): Submission => ({ models: { gcn: plantedGcn(m) } });
const gatWith = (m: GraphMistakes): Submission => ({ models: { gat: plantedGat(m) } });
const diagnosisOf = (o: CheckOutcome) => (o.status === 'failed' ? o.diagnosis?.id : `(${o.status})`);

describe('the tfjs reference passes every graph check', () => {
  it.each(graphChecks.map((c) => [c.id, c]))('%s', async (_, check) => {
    const outcome = await check.run(ctx(referenceSubmission));
    expect(outcome).toMatchObject({ status: 'passed' });
  });
  it('also on the 2019 graph', async () => {
    for (const model of ['gcn', 'gat'] as const) expect(await forwardCheck(model, 'assignment').run(ctx(referenceSubmission, profile2019))).toMatchObject({ status: 'passed' });
  });
  it('planted layers written correctly from the equations pass forward and gradients', async () => {
    expect(await forwardCheck('gcn', 'random').run(ctx(gcnWith({})))).toMatchObject({ status: 'passed' });
    expect(await gradientsCheck('gat').run(ctx(gatWith({})))).toMatchObject({ status: 'passed' });
  });
});

describe('planted GCN mistakes are named', () => {
  it.each([
    ['row', 'gcn.adjacency.row'], ['unnormalised', 'gcn.adjacency.unnormalised'], ['no-self-loops', 'gcn.adjacency.no-self-loops'], ['raw', 'gcn.adjacency.raw'],
  ] as const)('Â = %s → %s (adjacency check), and the forward check names it too', async (variant, id) => {
    const o = await adjacencyCheck.run(ctx(gcnWith({ adjacency: variant })));
    expect(o.status).toBe('failed');
    expect(diagnosisOf(o)).toBe(id);
    const f = await forwardCheck('gcn', 'assignment').run(ctx(gcnWith({ adjacency: variant })));
    expect(diagnosisOf(f)).toBe(variant === 'unnormalised' ? 'gcn.not-normalised' : variant === 'row' ? 'gcn.row-normalised' : variant === 'raw' ? 'gcn.raw-adjacency' : 'gcn.no-self-loops');
  });
  it('ignoring spec.activation is named by the forward check (its second probe asks for σ = identity)', async () => {
    expect(diagnosisOf(await forwardCheck('gcn', 'random').run(ctx(gcnWith({ alwaysRelu: true }))))).toBe('gcn.activation');
    expect(diagnosisOf(await forwardCheck('gat', 'random').run(ctx(gatWith({ alwaysRelu: true }))))).toBe('gat.activation');
    expect((await attentionMaskedCheck.run(ctx(gatWith({ alwaysRelu: true })))).status).toBe('failed');
  });
  it('W stored as [out, in] fails the contract with the layout in the hint', async () => {
    const o = await contractCheck('gcn').run(ctx(gcnWith({ transposedW: true })));
    expect(o).toMatchObject({ status: 'failed', expected: 'W [3, 4]', actual: 'W [4, 3]' });
    expect((o as { hint: string }).hint).toMatch(/graph weights are \[in, out\], applied as H·W/);
  });
  it('an unseeded init fails the contract', async () => {
    expect(await contractCheck('gcn').run(ctx(gcnWith({ unseeded: true })))).toMatchObject({ status: 'failed', expected: 'the same parameters for the same seed' });
  });
  it('a blocked gradient fails the gradient check (forward still right)', async () => {
    const o = await gradientsCheck('gcn').run(ctx(gcnWith({ stopGradientW: true })));
    expect(o).toMatchObject({ status: 'failed' });
    expect((o as { actual: string }).actual).toMatch(/∂L\/∂W/);
    expect((o as { actual: string }).actual).not.toMatch(/features/);
  });
});

describe('planted GAT mistakes are named', () => {
  it.each([
    [{ noSelfAttention: true }, 'gat.no-self-attention'],
    [{ noMask: true }, 'gat.no-mask'],
    [{ slope: 0.01 }, 'gat.slope-0.01'],
    [{ slope: 0 }, 'gat.relu-logits'],
    [{ swapA: true }, 'gat.swapped-a'],
  ] as Array<[GraphMistakes, string]>)('%o → forward diagnosis %s', async (m, id) => {
    const o = await forwardCheck('gat', 'random').run(ctx(gatWith(m)));
    expect(o.status).toBe('failed');
    expect(diagnosisOf(o)).toBe(id);
  });
  it.each([
    [{ noSelfAttention: true }, 'gat.no-self-attention'],
    [{ noMask: true }, 'gat.no-mask'],
    [{ notNormalised: true }, 'gat.sum-not-softmax'],
  ] as Array<[GraphMistakes, string]>)('%o → masking check names %s', async (m, id) => {
    const o = await attentionMaskedCheck.run(ctx(gatWith(m)));
    expect(diagnosisOf(o)).toBe(id);
  });
  it('unnormalised attention fails the normalisation check', async () => {
    const o = await attentionNormalisedCheck.run(ctx(gatWith({ notNormalised: true })));
    expect(diagnosisOf(o)).toBe('gat.attention.not-normalised');
    expect(await attentionNormalisedCheck.run(ctx(gatWith({ noMask: true })))).toMatchObject({ status: 'passed' });   // masking is the other check's job
  });
});

describe('the sparse check', () => {
  it('fails a dense-only layer with a hint that names the edge-list path', async () => {
    for (const model of ['gcn', 'gat'] as const) {
      const o = await sparseCheck(model).run(ctx(denseOnlyReference));
      expect(o.status).toBe('errored');
      expect((o as { hint: string }).hint).toMatch(/needs the edge-list \(sparse\) path: a dense Â would be 50,000² × 4 bytes = 10 GB/);
    }
  });
  it('the oracle\'s answer made once per process is the one for the seed asked: the reference passes at two seeds in turn, and a layer that ignores the graph fails after a pass', async () => {
    const at = (submission: Submission, seed: number) => ({ ...ctx(submission), seed });
    for (const seed of [4, 5]) expect(await sparseCheck('gcn').run(at(referenceSubmission, seed))).toMatchObject({ status: 'passed' });
    // the grader's cached answer is not the submission's: an identity layer (out = H·W, no messages) still fails
    const gcn = referenceSubmission.models!.gcn!;
    const noMessages: Submission = { models: { gcn: { ...gcn, forward: (p, H, _graph, spec) => gcn.forward(p, H, { numNodes: H.shape[0], edges: [] }, spec) } } };
    expect((await sparseCheck('gcn').run(at(noMessages, 5))).status).toBe('failed');
  });
  it('a missing layer is "not submitted", not a crash', async () => {
    const o = await sparseCheck('gat').run(ctx(gcnWith({})));
    expect(o).toMatchObject({ status: 'errored', cause: 'not-submitted' });
  });
});

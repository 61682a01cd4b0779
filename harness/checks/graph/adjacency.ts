/**
 * Â handling (GCN): with W = I, H = I and σ = identity the layer outputs its propagation
 * matrix itself, so the check reads the submission's Â off the output and names the
 * variant it is: forgotten self-loops, row instead of symmetric normalisation, none.
 * (Â is non-negative, so a ReLU that ignores spec.activation changes nothing here.)
 */
import type { Check, CheckContext, CheckOutcome } from '../types';
import { ADJACENCY_VARIANTS, normalisedAdjacency, toRows } from '../../../reference/graph';
import type { AdjacencyVariant, Matrix } from '../../../reference/graph';
import { tensor64 } from '../../../reference/oracle/graph';
import { FORWARD_TOLERANCE, assignmentGraph, fmtError, graphMeta, notSubmitted, probeGraph, runForward } from './support';
import { relativeError } from '../../../reference/oracle/compare';

const WHAT: Record<AdjacencyVariant, { message: string; fix: string }> = {
  symmetric: { message: 'Â = D̃^{-1/2}(A + I)D̃^{-1/2}', fix: '' },
  row: { message: 'the row-normalised D̃⁻¹Ã instead of the symmetric D̃^{-1/2} Ã D̃^{-1/2}', fix: 'scale entry (i, j) by 1/√(d̃_i d̃_j), not 1/d̃_i' },
  unnormalised: { message: 'Ã = A + I, not normalised', fix: 'normalise: Â = D̃^{-1/2} Ã D̃^{-1/2} with D̃_ii = Σ_j Ã_ij' },
  'no-self-loops': { message: 'D^{-1/2} A D^{-1/2}: the self-loops are forgotten', fix: 'add I before normalising (Ã = A + I) and count it in D̃' },
  raw: { message: 'the plain adjacency A: no self-loops, no normalisation', fix: 'use Â = D̃^{-1/2}(A + I)D̃^{-1/2}' },
};

const identity = (n: number) => tensor64([n, n], Array.from({ length: n * n }, (_, k) => +(k % (n + 1) === 0)));
const row = (m: Matrix | { data: Float64Array }, n: number, i: number) => `[${Array.from(m.data.subarray(i * n, (i + 1) * n)).map((v) => v.toFixed(3)).join(', ')}]`;

export const adjacencyCheck: Check = {
  ...graphMeta('gcn', 'adjacency', 'uses Â = D̃^{-1/2}(A + I)D̃^{-1/2}'),
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const missing = notSubmitted(ctx.handle, 'gcn');
    if (missing) return missing;
    for (const graph of [assignmentGraph(ctx), probeGraph(ctx)]) {
      const n = graph.numNodes;
      const spec = { inFeatures: n, outFeatures: n, activation: 'identity' as const };
      const got = await runForward(ctx, 'gcn', spec, { W: identity(n) }, identity(n), graph);
      if ('outcome' in got) return got.outcome;
      const expected = normalisedAdjacency(graph);
      const error = relativeError(got.value.data, expected.data, { floor: 1e-6 });
      if (error <= FORWARD_TOLERANCE) continue;
      const match = ADJACENCY_VARIANTS.filter((v) => v !== 'symmetric')
        .map((v) => ({ v, error: relativeError(got.value.data, normalisedAdjacency(graph, v).data, { floor: 1e-6 }) }))
        .sort((a, b) => a.error - b.error)[0];
      const diagnosed = match && match.error <= FORWARD_TOLERANCE;
      const i = toRows(expected).findIndex((r) => r.filter((x) => x !== 0).length > 2);
      return {
        status: 'failed',
        expected: `Â row ${i}: ${row(expected, n, i)}`,
        actual: `row ${i}: ${row(got.value, n, i)} (relative error ${fmtError(error)}; read off forward with W = I, H = I, identity σ)`,
        hint: diagnosed ? `your layer uses ${WHAT[match.v].message}: ${WHAT[match.v].fix}` : 'the propagation matrix matches none of Â, D̃⁻¹Ã, Ã, D^{-1/2}AD^{-1/2}, A; check the degrees (they include the self-loop) and the edge directions (undirected: both i→j and j→i)',
        ...(diagnosed ? { diagnosis: { id: `gcn.adjacency.${match.v}`, message: `uses ${WHAT[match.v].message}`, error: match.error } } : {}),
      };
    }
    return { status: 'passed' };
  },
};

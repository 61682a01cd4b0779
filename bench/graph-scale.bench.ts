/**
 * Part 3 at scale: a GCN and a GAT forward+backward pass (autodiff of Σ(out ⊙ R)) on a
 * random graph of 100,000 nodes and 1,000,000 edges with 16 features, on the default
 * backend, through the edge-list path. Reports seconds and peak RSS against what the
 * dense Â alone would need (N² × 4 bytes = 40 GB), shows that the dense path refuses
 * the graph, and gives each pass as a ratio to the layer's own projection H·W measured
 * in the same process. `--quick`: 10,000 nodes and 100,000 edges.
 */
import * as tf from '@tensorflow/tfjs';
import type { BenchOptions } from '../harness/cli/bench';
import type { GraphLayer, GraphLayerSpec } from '../harness/contract';
import { cachedMessageEdges, choosePath, messageIndex, randomGraph, randomValues } from '../reference/graph';
import { sumProductGradients } from '../reference/models/graph-compare';
import { gat } from '../reference/models/gat';
import { gcn } from '../reference/models/gcn';

const FEATURES = 16;
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;   // bytes; maxRSS is in kB

function timed<T>(f: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export default async function run({ quick }: BenchOptions): Promise<void> {
  const numNodes = quick ? 10_000 : 100_000;
  const numEdges = quick ? 100_000 : 1_000_000;
  const denseBytes = numNodes * numNodes * 4;
  const tensorsAtStart = tf.memory().numTensors;
  const made = timed(() => randomGraph(numNodes, numEdges, 1));
  const graph = made.value;
  console.log(`graph: ${numNodes.toLocaleString('en')} nodes, ${numEdges.toLocaleString('en')} edges, ${FEATURES} features (made in ${made.seconds.toFixed(2)} s)`);
  console.log(`dense Â would need ${numNodes}² × 4 bytes = ${gb(denseBytes)}`);

  const H = tf.tensor2d(Float32Array.from(randomValues(numNodes * FEATURES, 'bench:H')), [numNodes, FEATURES]);
  const spec: GraphLayerSpec & { execution: { path: 'auto' } } = { inFeatures: FEATURES, outFeatures: FEATURES, execution: { path: 'auto' } };

  // baseline: forward+backward of the projection H·W alone, same sizes
  const W0 = tf.tensor2d(Float32Array.from(randomValues(FEATURES * FEATURES, 'bench:W')), [FEATURES, FEATURES]);
  const projection = () => tf.tidy(() => tf.grads((h: tf.Tensor, w: tf.Tensor) => tf.sum(tf.matMul(h as tf.Tensor2D, w as tf.Tensor2D)))([H, W0])[0].dataSync());
  projection();   // warm-up
  const baseline = timed(() => projection());
  console.log(`baseline H·W forward+backward: ${baseline.seconds.toFixed(3)} s`);

  const R = tf.tensor2d(Float32Array.from(randomValues(numNodes * FEATURES, 'bench:R')), [numNodes, FEATURES]);
  // the edge-list form (validation, Â weights, sort orders) is built once per graph and reused
  const prep = timed(() => {
    for (const variant of ['symmetric', 'unnormalised'] as const) messageIndex(cachedMessageEdges(graph, variant, 'bench'));
  });
  console.log(`edge-list preprocessing (once per graph): ${prep.seconds.toFixed(2)} s; path chosen by 'auto': ${choosePath(graph, spec.execution)}`);

  const layers: Array<[string, GraphLayer]> = [['gcn', gcn], ['gat', gat]];
  for (const [name, layer] of layers) {
    const params = layer.init(spec, 0);
    const passes = [1, 2].map(() => timed(() => sumProductGradients(layer, params, H, graph, spec, R)));
    const finite = Object.values(passes[1].value.params).every((g) => g.values.every(Number.isFinite));
    console.log(
      `${name}: forward+backward ${passes[0].seconds.toFixed(2)} s first, ${passes[1].seconds.toFixed(2)} s second ` +
      `(${(passes[1].seconds / baseline.seconds).toFixed(1)}× the projection), ` +
      `peak RSS so far ${gb(peakRss())} = ${((100 * peakRss()) / denseBytes).toFixed(2)}% of the dense Â, gradients finite: ${finite}`,
    );
    tf.dispose(Object.values(params));
  }

  // the dense path on this graph: refused before anything is allocated
  const budget = quick ? 1e8 : undefined;   // quick: a 100 MB budget, so the smaller graph is refused too
  const denseSpec = { ...spec, execution: { path: 'dense' as const, ...(budget ? { denseMemoryBudgetBytes: budget } : {}) } };
  const params = gcn.init(spec, 0);
  try {
    gcn.forward(params, H, graph, denseSpec).dispose();
    console.log('dense path: ran (unexpected)');
  } catch (e) {
    console.log(`dense path refuses: ${(e as Error).message}`);
  }
  tf.dispose([...Object.values(params), H, R, W0]);
  console.log(`tensors alive at the end: ${tf.memory().numTensors - tensorsAtStart}`);
}

/**
 * Bidirectional LSTM (2020 PDF eqs. 14–28): a forward LSTM (`fwd.*`) over x(1) … x(T) and
 * a backward LSTM with its own parameters (`bwd.*`) over x(T) … x(1), both from zeros;
 *   H = [h_fwd(T) ; h_bwd(1)]   (h_bwd(1): the backward cell's state after reading x(1))
 *   p = W_ph H + b_p,   W_ph [K, 2H]
 */
import * as tf from '@tensorflow/tfjs';
import type { RecurrentSpec, SequenceClassifier } from '../../harness/contract';
import { DEFAULT_BACKWARD, checkInputs, checkSpec, initParams, inputAndHeadShapes, inputDim, outputLayer, type Shapes } from './common';
import { lstmCellShapes, lstmLastHidden } from './lstm';

export function biLSTMShapes(spec: RecurrentSpec): Shapes {
  const D = inputDim(spec), H = spec.hiddenDim;
  return { ...lstmCellShapes(D, H, 'fwd.'), ...lstmCellShapes(D, H, 'bwd.'), ...inputAndHeadShapes(spec, 2 * H) };
}

export const biLSTM: SequenceClassifier = {
  init(spec, seed) {
    checkSpec('biLSTM.init', spec);
    return initParams(biLSTMShapes(spec), seed);
  },
  forward(params, tokens, spec) {
    checkSpec('biLSTM.forward', spec);
    checkInputs('biLSTM.forward', params, tokens, biLSTMShapes(spec));
    return tf.tidy(() => {
      const hFwd = lstmLastHidden(params, tokens, spec, { prefix: 'fwd.', backward: DEFAULT_BACKWARD });                 // [B, H] after x(T)
      const hBwd = lstmLastHidden(params, tokens, spec, { prefix: 'bwd.', reverse: true, backward: DEFAULT_BACKWARD });  // [B, H] after x(1)
      return outputLayer(params, tf.concat([hFwd, hBwd], 1));                 // [B, 2H] → [B, K]
    });
  },
};

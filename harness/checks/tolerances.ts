/**
 * The tolerances every check family cites, in one place. Float32 tfjs is compared with the
 * float64 oracle by relative error (reference/oracle/compare.ts `relativeError`):
 * values agree to about 1e-4, gradients (a longer chain of float32 operations) to 1e-3.
 * Each call names its floor (the smallest scale): 1 for log-probabilities, losses and the
 * time gate (values of order 1, so the error is absolute), 1e-6 for graph outputs and
 * gradients, 1e-12 for the text generator (scale-free), and 1 % of the largest gradient of
 * any parameter for recurrent gradients (recurrent/gradients.ts `gradientError`).
 */

/** Forward outputs (log_softmax of logits, graph layer outputs, text logits). */
export const FORWARD_TOLERANCE = 1e-4;
/** Gradients of the loss with respect to every parameter. */
export const GRADIENT_TOLERANCE = 1e-3;
/** The time gate k(t): plain scalar arithmetic, float64 on both sides. */
export const TIME_GATE_TOLERANCE = 1e-6;

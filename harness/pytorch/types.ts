/**
 * What grading a PyTorch submission adds to its result and report: the template, the
 * runtime, and per model the mapping found (student parameter → canonical name), the input
 * layout, the output kind, the precision and whether exactly one candidate reproduced the
 * float64 oracle.
 */
/** Every field present (null when absent): reports render them with strict templates. */
export interface PyTorchPair { student: string; canonical: string; transposed: boolean }

export interface PyTorchModelMapping {
  model: string;
  /** accepted: exactly one candidate reproduces the oracle; ambiguous: several; none: no candidate does (graded as wrong); not-run: the model could not be run */
  status: 'accepted' | 'ambiguous' | 'none' | 'not-run';
  layout: string | null;
  /** what forward returned: `tensor`, or `tuple[i]` (the [B, C] element) */
  output: string | null;
  /** float64 when the model ran in float64 (default dtype set before construction), else float32 with float32 tolerances */
  dtype: 'float64' | 'float32' | null;
  /** log-softmax error against the oracle of the candidate used */
  error: number | null;
  /** candidate × layout × draw runs it took */
  tried: number | null;
  pairs: PyTorchPair[];
  /** why not accepted */
  problem: string | null;
  /** what the model was graded with beyond the profile, one line each: its own input encoding, no gate biases, a pinned mapping */
  notes: string[];
  /** the instructor's mapping file the candidate came from (./pin.ts), null when the mapping was found */
  pinned: string | null;
}

export interface PyTorchGrading {
  template: string;
  torch: string;
  device: string;
  python: string;
  deterministic: boolean;
  models: PyTorchModelMapping[];
}

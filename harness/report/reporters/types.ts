/**
 * Reporters are plug-ins: each gets the one read-only view model and returns files.
 * Both hooks are optional; a reporter that only writes the class overview implements
 * `onRun`, one that writes a file per submission implements `onSubmission`.
 */
import type { ReportViewModel, SubmissionView } from '../view-model';

export interface ReportFile {
  /** relative to the run dir, with `/` separators */
  path: string;
  contents: string;
}

export interface Reporter {
  /** shown in errors: "the html reporter failed on …" */
  readonly name: string;
  onRun?(vm: Readonly<ReportViewModel>): Promise<ReportFile[]> | ReportFile[];
  onSubmission?(submission: Readonly<SubmissionView>, vm: Readonly<ReportViewModel>): Promise<ReportFile[]> | ReportFile[];
}

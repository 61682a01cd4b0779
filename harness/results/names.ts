/** The name the reference has in every result, store record and report (it is graded as a submission of that name). */
export const REFERENCE_NAME = 'reference';

/**
 * The reference implementation, graded through the contract like any submission. It must
 * score full marks under every profile; if it does not, the harness (or the reference) is
 * wrong, not the student.
 */
export { default } from '../../reference';

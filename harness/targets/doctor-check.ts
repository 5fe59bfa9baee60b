/** One line of `doctor`: what a target needs, whether it is here, and how to get it. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** false: informative; a failure does not prevent a run. */
  required: boolean;
}

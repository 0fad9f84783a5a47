/** The only source of "now" for business rules. Production reads the system clock; tests advance a fake one. */
export interface Clock {
  now(): Date;
}

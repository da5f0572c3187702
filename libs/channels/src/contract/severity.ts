/**
 * A severity of Interfactura's support process, 0 most critical to 3: what a customer may choose
 * (the phone menu) and what a confirmation shows. The ticket domain defines what each one means.
 */
export type Severity = 0 | 1 | 2 | 3;

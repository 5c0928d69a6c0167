import type { ErrorCode } from './spelling.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

interface At {
  /** 0-based offsets into the formula as written. */
  start: number;
  end: number;
}

/** A parsed formula. Function names are canonical (English) whatever the spelling it was written in. */
export type Node = At &
  (
    | { kind: 'number'; value: number }
    | { kind: 'string'; value: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'error'; code: ErrorCode }
    /** `[name]` as written between the brackets, trimmed */
    | { kind: 'field'; name: string }
    | { kind: 'placeholder'; name: string }
    /** a cell reference or a named expression: only a spreadsheet can evaluate it */
    | { kind: 'reference'; text: string }
    | { kind: 'range'; from: Node; to: Node }
    | { kind: 'array'; rows: Node[][] }
    /** an omitted argument: `ЕСЛИ(a; ; b)` */
    | { kind: 'empty' }
    | { kind: 'unary'; operator: '-' | '+'; arg: Node }
    | { kind: 'percent'; arg: Node }
    | { kind: 'binary'; operator: BinaryOperator; left: Node; right: Node }
    | { kind: 'call'; name: string; written: string; args: Node[] }
  );

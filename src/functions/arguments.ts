/**
 * How custom functions read their arguments: single cells or ranges, broadcast element-wise.
 *
 * Every range argument must have the same shape, or be a single cell; the result has that shape. A
 * position where every range argument is blank gives a blank cell, so whole-column references
 * (`B2:B`) work. A zero denominator is an error in a single-cell call and a blank cell inside a range.
 */
import {
  type Cell,
  CellError,
  isBlank,
  plural,
  readNumber,
  type SheetContext,
  showCell,
  Where,
} from "../core/cells";
import { MetricError, ZeroDenominatorError } from "../core/metrics/errors";

/** What Sheets passes for one argument: a single value, or a 2-D array for a range. */
export type Arg = Cell | Cell[][];

/** What a custom function returns to Sheets. */
export type Result = number | string | (number | string)[][];

/** Reads one cell of an argument into a number, checking its domain. */
export type Reader = (value: Cell, ctx: SheetContext, where: Where) => number;

export interface Param {
  name: string;
  read: Reader;
  /** Used when the argument is omitted or blank; a parameter without one is required. */
  default?: number;
}

/** A number of any sign. */
export const anyNumber: Reader = readNumber;

/** A count of customers or orders: zero or more. */
export const count: Reader = (value, ctx, where) => {
  const n = readNumber(value, ctx, where);
  if (n < 0) throw where.error(`is ${showCell(value)} — a count cannot be negative`);
  return n;
};

/** An amount of money, a duration or another quantity that cannot be negative. */
export const nonNegative: Reader = (value, ctx, where) => {
  const n = readNumber(value, ctx, where);
  if (n < 0) throw where.error(`is ${showCell(value)} — expected zero or more`);
  return n;
};

/** A rate: a fraction from 0 to 1, typed as 0.05 or as 5%. */
export const rate: Reader = (value, ctx, where) => {
  const n = readNumber(value, ctx, where);
  if (n < 0 || n > 1) {
    const hint =
      n > 1 && n <= 100
        ? ` — write ${n}% as ${n / 100} or as ${n}%`
        : " — write a rate from 0 to 1, e.g. 0.05 or 5%";
    throw where.error(`is ${showCell(value)}, outside 0–100%${hint}`);
  }
  return n;
};

function isRange(arg: Arg): arg is Cell[][] {
  return Array.isArray(arg);
}

/** A 1×1 range behaves as a single cell. */
function single(arg: Arg): Cell {
  return isRange(arg) ? arg[0]?.[0] : arg;
}

function describeShape(range: Cell[][]): string {
  return `${plural(range.length, "row")} × ${plural(range[0]?.length ?? 0, "column")}`;
}

/**
 * Applies `compute` to every position of the broadcast arguments.
 * Errors name the function, the argument and the position; a {@link MetricError} from `compute` is
 * reported against the position of the argument it names.
 */
export function elementwise(
  fn: string,
  params: Param[],
  args: Arg[],
  ctx: SheetContext,
  compute: (...values: number[]) => number,
): Result {
  let shape: Cell[][] | undefined;
  let shapeOwner = "";
  const ranges = params.map((param, i) => {
    const arg = args[i];
    if (!isRange(arg) || (arg.length === 1 && arg[0]?.length === 1)) return undefined;
    if (!shape) {
      shape = arg;
      shapeOwner = param.name;
    } else if (arg.length !== shape.length || arg[0].length !== shape[0].length) {
      throw new CellError(
        fn,
        param.name,
        undefined,
        `is ${describeShape(arg)} but ${shapeOwner} is ${describeShape(shape)} — give ranges of the same size, or a single cell`,
      );
    }
    return arg;
  });

  const at = (row: number, column: number, position?: { row: number; column: number; wide: boolean }) =>
    params.map((param, i) => {
      const range = ranges[i];
      const value = range ? range[row][column] : single(args[i]);
      if (isBlank(value) && param.default !== undefined) return param.default;
      const where = new Where(fn, param.name, range ? position : undefined);
      return param.read(value, ctx, where);
    });

  const evaluate = (
    values: number[],
    position?: { row: number; column: number; wide: boolean },
  ): number | "" => {
    try {
      const result = compute(...values);
      if (!Number.isFinite(result)) throw new Error(`${fn}: internal error — the result is ${result}`);
      return result;
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      if (error instanceof ZeroDenominatorError && position) return "";
      const rangeOf = ranges[params.findIndex((p) => p.name === error.arg)];
      throw new CellError(fn, error.arg, rangeOf ? position : undefined, error.detail);
    }
  };

  const grid: Cell[][] | undefined = shape;
  if (!grid) return evaluate(at(0, 0));
  const wide = (grid[0]?.length ?? 0) > 1;
  return grid.map((cells, row) =>
    cells.map((_, column) => {
      if (ranges.every((range) => !range || isBlank(range[row][column]))) return "";
      const position = { row: row + 1, column: column + 1, wide };
      return evaluate(at(row, column, position), position);
    }),
  );
}

/** Flattens a range argument (or a single cell) into its cells with their positions, row by row. */
export function cellsOf(arg: Arg): { value: Cell; row: number; column: number; wide: boolean }[] {
  if (!isRange(arg)) return [{ value: arg, row: 1, column: 1, wide: false }];
  const wide = (arg[0]?.length ?? 0) > 1;
  return arg.flatMap((cells, r) => cells.map((value, c) => ({ value, row: r + 1, column: c + 1, wide })));
}

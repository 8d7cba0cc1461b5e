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
  readDay,
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

// A module constant: no lookup of the global Array per row (see core/fit/special.ts).
const { isArray } = Array;

/**
 * A range argument as its rows, a single cell as a 1 × 1 range. Sheets passes ranges as rectangular
 * arrays; an empty or ragged one (from a script, or an array formula gone wrong) is named, never
 * read as blanks.
 */
export function rangeArg(fn: string, name: string, arg: Arg): Cell[][] {
  if (!Array.isArray(arg)) return [[arg]];
  const width = Array.isArray(arg[0]) ? arg[0].length : 0;
  if (width === 0) throw new CellError(fn, name, undefined, "is an empty range — select at least one cell");
  const ragged = arg.findIndex((row) => !isArray(row) || row.length !== width);
  if (ragged >= 0)
    throw new CellError(
      fn,
      name,
      undefined,
      `is not rectangular: row ${ragged + 1} has ${plural(Array.isArray(arg[ragged]) ? arg[ragged].length : 0, "cell")} but row 1 has ${plural(width, "cell")} — give a rectangular range`,
    );
  return arg;
}

/** The one cell of an argument that must be a single cell (a 1 × 1 range is one). */
export function singleArg(fn: string, name: string, arg: Arg): Cell {
  const range = rangeArg(fn, name, arg);
  if (range.length === 1 && range[0].length === 1) return range[0][0];
  throw new CellError(fn, name, undefined, "is a range — expected a single cell");
}

function describeShape(range: Cell[][]): string {
  return `${plural(range.length, "row")} × ${plural(range[0].length, "column")}`;
}

/**
 * The cells of an argument that must be one column, top to bottom; a single row is read as a column
 * and a single cell as a column of one. A range of several rows and columns is refused by name: read
 * as a column, its other columns would be silently left out. Every formula taking a column reads it
 * here (or through core/cohorts/transactions, which says the same).
 */
export function columnArg(fn: string, name: string, arg: Arg): Cell[] {
  const range = rangeArg(fn, name, arg);
  if (range[0].length === 1) return range.map((row) => row[0]);
  if (range.length === 1) return range[0];
  throw new CellError(
    fn,
    name,
    undefined,
    `is ${describeShape(range)} — give a single column (or a single row)`,
  );
}

/** One column of a table given as separate arguments; an omitted optional one is left out. */
export interface ColumnParam {
  name: string;
  arg: Arg | undefined;
  read: Reader;
}

/**
 * A table given as separate single-column arguments of one length (frequency, recency, periods…),
 * read row by row. A row blank in every given column is skipped but keeps its place: `rows` is the
 * number of input rows and `kept` the input row (from 0) of each row read, so a per-row result goes
 * back in place with {@link inPlace} and whole-column references (`A2:A`) work. A row blank in only
 * some columns is an error naming the cell.
 */
export interface RowTable {
  rows: number;
  kept: number[];
  /** Per given column, in the order given: its values on the kept rows. */
  columns: number[][];
}

export function readRows(fn: string, params: ColumnParam[], ctx: SheetContext): RowTable {
  const given = params.filter((param): param is ColumnParam & { arg: Arg } => param.arg !== undefined);
  const cells = given.map((param) => columnArg(fn, param.name, param.arg));
  const rows = cells[0].length;
  cells.forEach((column, k) => {
    if (column.length !== rows)
      throw new CellError(
        fn,
        given[k].name,
        undefined,
        `has ${plural(column.length, "row")} but ${given[0].name} has ${plural(rows, "row")} — give ranges of the same length, e.g. A2:A100 and B2:B100`,
      );
  });
  const kept: number[] = [];
  const columns: number[][] = given.map(() => []);
  const where = given.map((param) => new Where(fn, param.name));
  for (let i = 0; i < rows; i++) {
    if (cells.every((column) => isBlank(column[i]))) continue;
    kept.push(i);
    given.forEach((param, k) => {
      columns[k].push(param.read(cells[k][i], ctx, where[k].at(i + 1)));
    });
  }
  return { rows, kept, columns };
}

/**
 * Per-row results put back in the rows they were read from: a blank row of the input gives a blank
 * row of the result, so row i of the result always answers row i of the input.
 */
export function inPlace(table: RowTable, results: readonly (readonly (number | string)[])[]): Result {
  const width = results[0]?.length ?? 1;
  const out: (number | string)[][] = Array.from({ length: table.rows }, () => new Array(width).fill(""));
  table.kept.forEach((row, k) => {
    out[row] = [...results[k]];
  });
  return out;
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
  const grids = params.map((param, i) => rangeArg(fn, param.name, args[i]));
  const ranges = grids.map((range, i) => {
    if (range.length === 1 && range[0].length === 1) return undefined;
    if (!shape) {
      shape = range;
      shapeOwner = params[i].name;
    } else if (range.length !== shape.length || range[0].length !== shape[0].length) {
      throw new CellError(
        fn,
        params[i].name,
        undefined,
        `is ${describeShape(range)} but ${shapeOwner} is ${describeShape(shape)} — give ranges of the same size, or a single cell`,
      );
    }
    return range;
  });

  const at = (row: number, column: number, position?: { row: number; column: number; wide: boolean }) =>
    params.map((param, i) => {
      const range = ranges[i];
      const value = range ? range[row][column] : grids[i][0][0];
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
      if (!Number.isFinite(result)) {
        const inputs = params.map((p, i) => `${p.name} = ${values[i]}`).join(", ");
        const row = position
          ? ` row ${position.row}${position.wide ? `, column ${position.column}` : ""}:`
          : "";
        throw new Error(
          `${fn}:${row} the result is too large to compute (${inputs}) — check for a mistyped value`,
        );
      }
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
  const wide = grid[0].length > 1;
  return grid.map((cells, row) =>
    cells.map((_, column) => {
      if (ranges.every((range) => !range || isBlank(range[row][column]))) return "";
      const position = { row: row + 1, column: column + 1, wide };
      return evaluate(at(row, column, position), position);
    }),
  );
}

/**
 * A spilled table, checked: every number in it finite. A sum or a model past the largest number
 * (about 1.8e308) is an error naming what to check, never an Infinity cell.
 */
export function finiteTable<T extends readonly (readonly unknown[])[]>(
  fn: string,
  check: string,
  rows: T,
): T {
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < rows[r].length; c++) {
      const value = rows[r][c];
      if (typeof value === "number" && !Number.isFinite(value))
        throw new Error(
          `${fn}: the result at row ${r + 1}, column ${c + 1} is too large to compute — check ${check} for a mistyped value`,
        );
    }
  return rows;
}

/** A date from a single cell; `undefined` when the argument is omitted or blank. */
export function readOptionalDay(fn: string, arg: string, value: Arg | undefined, ctx: SheetContext) {
  const cell = singleArg(fn, arg, value);
  return isBlank(cell) ? undefined : readDay(cell, ctx, new Where(fn, arg));
}

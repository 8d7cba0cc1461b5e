import { describe, expect, it } from "vitest";
import { CsvError, decode, parseCsv, parseCsvText, sniffDelimiter } from "../../src/cli/csv";

describe("parseCsvText", () => {
  it("reads a BOM, semicolons, quoted fields with delimiters and line breaks, and mixed line endings", () => {
    const table = parseCsvText(
      '\ufeffКлиент;Дата;Сумма\r\n"00004";14.03.2024;"1 234,50"\r\n\r\n"a;\nb";15.03.2024;3,5\n',
      "f.csv",
    );
    expect(table.delimiter).toBe(";");
    expect(table.rows).toEqual([
      ["Клиент", "Дата", "Сумма"],
      ["00004", "14.03.2024", "1 234,50"],
      ["a;\nb", "15.03.2024", "3,5"],
    ]);
    expect(table.lines).toEqual([1, 2, 4]);
  });

  it("reads tab-separated text", () => {
    expect(parseCsvText("id\tdate\tamount\n1\t2024-01-01\t5\n", "f.tsv").rows[1]).toEqual([
      "1",
      "2024-01-01",
      "5",
    ]);
    expect(sniffDelimiter('"a,b"\tc\td\n')).toBe("\t");
  });

  it("names the line where an unclosed quote opens", () => {
    expect(() => parseCsvText('id,date,amount\n1,"2024-01-01,5\n2,2024-01-02,6\n', "f.csv")).toThrow(
      new CsvError(
        'f.csv: line 2: a quoted field is never closed — a field that starts with " must end with "; check for a stray quote',
      ),
    );
  });

  it("says an empty file is empty", () => {
    expect(() => parseCsvText("\n\n", "f.csv")).toThrow("f.csv: the file is empty");
  });
});

describe("decode", () => {
  it("reads UTF-16 with a BOM, CP949 Korean and CP1251 Russian", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]);
    expect(decode(utf16)).toEqual({ text: "a,b", encoding: "utf-16le" });
    expect(decode(new Uint8Array([0xb0, 0xed, 0xb0, 0xb4]))).toEqual({ text: "고객", encoding: "euc-kr" });
    expect(decode(new Uint8Array([0xc4, 0xe0, 0xf2, 0xe0]))).toEqual({
      text: "Дата",
      encoding: "windows-1251",
    });
    expect(parseCsv(new TextEncoder().encode("a,b\n1,2\n"), "f.csv").encoding).toBe("utf-8");
  });
});

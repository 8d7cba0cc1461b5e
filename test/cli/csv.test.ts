import { readFileSync } from "node:fs";
import { join } from "node:path";
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

  it("guesses the delimiter from the table's rows, not from a title line above them", () => {
    // Google Ads' UTF-16 export: tab-separated under a title and a date range with a comma, its
    // numbers with thousands commas (test/fixtures/spend/google-ads-campaigns-utf16.csv).
    const bytes = readFileSync(
      join(import.meta.dirname, "..", "fixtures", "spend", "google-ads-campaigns-utf16.csv"),
    );
    const table = parseCsv(bytes, "campaigns.csv");
    expect(table).toMatchObject({ delimiter: "\t", encoding: "utf-16le" });
    expect(table.rows.slice(0, 4)).toEqual([
      ["Campaign report"],
      ["March 1, 2024 - May 31, 2024"],
      ["Month", "Campaign", "Campaign type", "Currency code", "Cost", "Impr.", "Clicks"],
      ["2024-03-01", "Brand - Search", "Search", "USD", "1,029.25", "41,170", "1,029"],
    ]);
    expect(sniffDelimiter("Report, all accounts\nDay\tCost\n2024-01-01\t1,5\n")).toBe("\t");
    // Commas only in some amounts of a semicolon file; a one-line file as before.
    expect(sniffDelimiter("Kunde;Datum;Betrag\na;01.02.2024;1,50\nb;02.02.2024;2\n")).toBe(";");
    expect(sniffDelimiter("a,b;c\n")).toBe(",");
    expect(sniffDelimiter("a\tb,c\n")).toBe("\t");
    expect(sniffDelimiter("just a title\n")).toBe(",");
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

describe("decode: Windows-1252 against Windows-1251, by the text (issue 19)", () => {
  const cp1252 = (text: string) =>
    Uint8Array.from(text, (c) => {
      // 0x80–0x9F of Windows-1252, the five unassigned bytes as "·".
      const high = "€·‚ƒ„…†‡ˆ‰Š‹Œ·Ž··‘’“”•–—˜™š›œ·žŸ".indexOf(c);
      return high >= 0 ? 0x80 + high : c.charCodeAt(0);
    });
  it.each([
    ["Kanal;Betrag\nEmpfehlung für Freunde;12,50\nSoziale Medien – Anzeigen;3,00\n"],
    ["Canal;Montant\nRéseaux sociaux – payant;12,50\nPrix à l’unité: 5 €;1\n"],
    ["Canal;Importe\nCampaña de año;12,50\nBúsqueda de pago;3,00\n"],
    ["Land,Amount\nÖsterreich,1.00\n"],
  ])("reads %j as Windows-1252 whatever its separator", (text) => {
    expect(decode(cp1252(text))).toEqual({ text, encoding: "windows-1252" });
  });

  it("reads Russian as Windows-1251, with ; or with ,", () => {
    const text = "Клиент;Сумма\nИванов;12,50\n";
    const bytes = Uint8Array.from(text, (c) => {
      const code = c.charCodeAt(0);
      return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code;
    });
    expect(decode(bytes)).toEqual({ text, encoding: "windows-1251" });
    const comma = Uint8Array.from(bytes, (b) => (b === 0x3b ? 0x2c : b));
    expect(decode(comma).encoding).toBe("windows-1251");
  });
});

describe("files that are not plain CSV", () => {
  const utf16 = (text: string, order: "le" | "be") => {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const [high, low] = [text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff];
      bytes.set(order === "le" ? [low, high] : [high, low], 2 * i);
    }
    return bytes;
  };

  it("reads UTF-16 saved without a BOM, Korean text too", () => {
    const text = "고객,날짜,금액\n김,2024-01-05,12000\n";
    expect(decode(utf16(text, "le"))).toEqual({ text, encoding: "utf-16le" });
    expect(decode(utf16(text, "be"))).toEqual({ text, encoding: "utf-16be" });
  });

  it.each([
    [new Uint8Array(30_000), "is not a text file (it holds binary data) — export the transactions as CSV"],
    [
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2]),
      "is a zip file — an Excel workbook (.xlsx)? Save it as CSV first",
    ],
    [
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]),
      "is an Excel 97–2003 workbook (.xls) — save it as CSV first",
    ],
    [
      Uint8Array.from({ length: 3000 }, (_, i) => (i * 37) % 256),
      "is not a text file (it holds binary data) — export the transactions as CSV",
    ],
  ])("refuses binary data in one short line (%#)", (bytes, message) => {
    expect(() => parseCsv(bytes, "f.csv")).toThrow(new CsvError(`f.csv ${message}`));
  });
});

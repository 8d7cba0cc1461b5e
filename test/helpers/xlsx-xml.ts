/**
 * Checks that an .xlsx file is well-formed: every XML part of the zip is valid UTF-8 and parses
 * strictly (saxes, a conforming XML 1.0 parser: a character XML does not allow is an error).
 */
import JSZip from "jszip";
import { SaxesParser } from "saxes";

/** The problems of the file's XML parts, `part: message`; empty when every part is well-formed. */
export async function xmlProblems(xlsx: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const problems: string[] = [];
  for (const part of Object.values(zip.files)) {
    if (part.dir || !/\.(xml|rels)$/.test(part.name)) continue;
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(await part.async("uint8array"));
      const parser = new SaxesParser();
      parser.on("error", (error) => {
        throw error;
      });
      parser.write(text).close();
    } catch (error) {
      problems.push(`${part.name}: ${(error as Error).message}`);
    }
  }
  return problems;
}

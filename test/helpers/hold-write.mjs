/**
 * Preloaded (`node --import`) by the interrupted-write tests: the workbook's write to its temporary
 * file (`*.tmp`) starts but never finishes, so a signal sent once that file exists always arrives
 * mid-write, however fast or loaded the machine. exceljs writes through `fs.createWriteStream`.
 */
import fs from "node:fs";
import { Writable } from "node:stream";

const createWriteStream = fs.createWriteStream;
fs.createWriteStream = function holdTemporaryWrites(path, options) {
  const file = createWriteStream.call(this, path, options);
  if (!String(path).endsWith(".tmp")) return file;
  // A pending write alone does not keep Node running: this timer does, until the signal ends it.
  setInterval(() => {}, 2 ** 30);
  return new Writable({
    write(chunk, encoding, done) {
      file.write(chunk, encoding, done);
    },
    final() {
      // Never calls back: the stream never finishes, so the report is never renamed into place.
    },
  });
};

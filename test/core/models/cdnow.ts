/** The CDNOW calibration summary (../shared/data/cdnow_sample_rfm.csv) as model inputs. */
import { readReferenceCsv } from "../../helpers/reference-data";

export interface CdnowRfm {
  x: number[];
  tx: number[];
  T: number[];
  zbar: number[];
}

export function readCdnowRfm(): CdnowRfm {
  const [header, ...rows] = readReferenceCsv("cdnow_sample_rfm.csv");
  const column = (name: string) => {
    const i = header.indexOf(name);
    return rows.map((row) => Number(row[i]));
  };
  return { x: column("x"), tx: column("t_x"), T: column("T"), zbar: column("zbar") };
}

/** The repeat customers' (x, zbar), on which the Gamma-Gamma model is fitted. */
export function repeatCustomers(data: CdnowRfm): { x: number[]; zbar: number[] } {
  const keep = data.x.map((x) => x > 0);
  return { x: data.x.filter((_, i) => keep[i]), zbar: data.zbar.filter((_, i) => keep[i]) };
}

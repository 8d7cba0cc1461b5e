/**
 * Every message the server sends to a user (sidebar results, menu alerts and toasts, data errors),
 * in English, Korean and Russian, from one typed table: each language must give every key with the
 * parameters it takes, so a missing or misspelled translation is a compile error. User text inside
 * a message (a header, a cell, a sheet name) goes through {@link quote}: shortened and
 * direction-isolated, so a long value or a right-to-left mark cannot take the message over.
 */
import { ROLE_NAMES, type TransactionRole } from "../core/cohorts/transactions";
import type { Language } from "../core/language";
import type { UnreadableRows } from "../core/sql/report";
import { MAX_TERM } from "../core/subscription/terms";

/** The columns and fields a message can name (a transaction's, the spend table's, the campaign map's); each language names them in its own words. */
export type Role = TransactionRole | "term" | "periodStart" | "spend" | "campaignPattern" | "campaignChannel";

/** What a cell was expected to hold. */
export type Expected =
  | "number"
  | "date"
  | "id"
  | "nonNegative"
  | "fullYear"
  | "value"
  | "campaignPattern"
  | "campaignChannel"
  | "months";

/** The tables a data message is about. */
export type Table = "transactions" | "spend" | "campaignMap";

/** Where a data problem is: the table, its column (header as the user wrote it) and sheet row. */
interface At {
  table: Table;
  role: Role;
  /** The header as the user wrote it, when there is one; already {@link quote}d. */
  header?: string;
  row?: number;
}

/** Each message key and the parameters it takes. */
export interface Params {
  busy: Record<string, never>;
  noLock: Record<string, never>;
  noSelection: Record<string, never>;
  selectSpend: Record<string, never>;
  ownSheet: Record<string, never>;
  noReports: Record<string, never>;
  accounts: Record<string, never>;
  internal: { detail: string };
  sourceMissing: { table: Table };
  refreshed: { count: number };
  refreshFailed: { sheets: string; message: string };
  skippedCopy: { sheet: string };
  skippedForeign: { sheet: string };
  skippedOld: { sheet: string };
  badCell: At & { value: string; expected: Expected };
  badYear: At & { value: string; first: number; last: number };
  blankCell: At & { expected: Expected };
  blankId: At;
  blankMargin: At;
  spendColumns: { count: number };
  /** A report error the core already said whole, in the report's language. */
  report: { text: string };
  missingColumn: { role: Role; headers: string };
  /** Two columns headed like the customer that group the rows differently; both quoted. */
  twoCustomers: { first: string; second: string };
  /** The customer column is new on every row while the order column repeats; both quoted. */
  customerIsOrder: { customer: string; order: string };
  /** A unit price with neither a quantity nor an amount column; quoted. */
  unitPrice: { price: string };
  noSheetNamed: { name: string };
  notARange: { text: string };
  spendIsSource: Record<string, never>;
  marginNotNumber: { text: string };
  marginOutOfRange: { text: string };
  endNotDate: { text: string };
  calibrationNotDate: { text: string };
  calibrationNotBefore: { text: string; end: string };
  dataOther: At & { value?: string };
  bqTableId: { text: string };
  bqProject: { text: string };
  bqColumns: { table: string };
  bqAccess: { table: string; project: string };
  bqNotFound: { table: string };
  bqBilling: { project: string };
  bqQuota: { project: string };
  bqBytes: { table: string; limit: string };
  bqTimeout: { minutes: number };
  bqRefused: { detail: string };
  /** The BigQuery scope is not granted; `url` is where the user grants it ("" when Apps Script gave none). */
  bqConsent: { url: string };
  bqUnreadable: { table: string; kind: keyof UnreadableRows; rows: number };
  /** Cells the spreadsheet would hold after the build, and how many more than now. */
  cellLimit: { total: number; added: number };
  /** The same with the copies of the sheets a run rewrites, kept for Undo until it ends (`backup` cells). */
  cellLimitBackup: { total: number; backup: number };
  cellsInTheWay: { sheet: string; range: string };
  noJob: Record<string, never>;
  partlyRefreshed: { done: number; total: number };
  bqNotApproved: { table: string; project: string };
  bqChanged: { table: string };
  /** Not a `project.dataset`, as typed (quoted). */
  ga4Dataset: { text: string };
  /** A dataset without GA4's daily event tables. */
  ga4NoEvents: { dataset: string };
  ga4FirstDay: { text: string };
  ga4NotApproved: { dataset: string; project: string };
  /** The session's default channel group asked for as the segment, from an export without its column. */
  ga4NoChannelGroup: { dataset: string };
  /** BigQuery's dry run gave no result schema, so the channel group's column cannot be looked for. */
  ga4NoSchema: { dataset: string };
}

export type MessageKey = keyof Params;

/**
 * Google Sheets holds at most 10 million cells a spreadsheet, all sheets together, counting every
 * cell of each sheet's grid, empty or not. Source: Google Workspace Updates, "Google Sheets doubles
 * cell limit" (March 14, 2022), as reported in https://gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e;
 * Google's help page "Files you can store in Google Drive" (support.google.com/drive/answer/37603).
 */
export const CELLS_PER_SPREADSHEET = 10_000_000;

const LOCALES: Record<Language, string> = { en: "en-US", ko: "ko-KR", ru: "ru-RU" };

/** A count as the language writes it: 10,000,000 or 10 000 000. */
function n(language: Language, count: number): string {
  return count.toLocaleString(LOCALES[language]);
}

/** A message to say later, in the language of whoever reads it. */
export type Message = { [K in MessageKey]: { key: K; params?: Params[K] } }[MessageKey];

type Words = { [K in MessageKey]: (p: Params[K]) => string };

type Names<T extends string> = Record<T, string>;

/** "Transactions, column “Order date”, row 7" and its translations. */
type Where = (at: At) => string;

function where(
  tables: Names<Table>,
  roles: Names<Role>,
  column: (name: string) => string,
  row: (n: number) => string,
): Where {
  return (at) =>
    [tables[at.table], column(at.header ?? roles[at.role]), at.row === undefined ? "" : row(at.row)]
      .filter(Boolean)
      .join(", ");
}

const EN_ROLES: Names<Role> = {
  ...ROLE_NAMES,
  term: "term",
  periodStart: "period start",
  spend: "spend",
  campaignPattern: "campaign pattern",
  campaignChannel: "channel",
};
const EN_EXPECTED: Names<Expected> = {
  number: "a number",
  date: "a date such as 2024-03-14",
  id: "a customer id",
  nonNegative: "a spend of 0 or more",
  fullYear: "a date with all four digits of its year (2024, not 24)",
  value: "a value",
  campaignPattern: "a campaign name or pattern such as brand*",
  campaignChannel: "the channel its campaigns count for",
  months: `a whole number of months from 1 to ${MAX_TERM} (12 for an annual plan)`,
};
const enAt = where(
  { transactions: "Transactions", spend: "Spend table", campaignMap: "Campaign map" },
  EN_ROLES,
  (name) => `column ${name}`,
  (n) => `row ${n}`,
);

const en: Words = {
  busy: () =>
    "Someone else is building a report in this spreadsheet right now. Wait a minute, then try again.",
  noLock: () =>
    "Sheets gave the add-on no lock on this spreadsheet, so nothing was written. Reload it and try again.",
  noSelection: () => "Select the table of transactions (or one cell inside it) first.",
  selectSpend: () => "Select the spend table (or one cell inside it) first.",
  ownSheet: () =>
    "That is a report sheet. Select your transactions (customer, date, amount) on their own sheet.",
  noReports: () => "There are no reports to refresh yet. Build one from the sidebar first.",
  accounts: () =>
    "You are signed in to several Google accounts; Apps Script add-ons then run as the browser's default account. Sign out of the others (or use a private window with one account) and open the add-on again.",
  internal: (p) => `Something unexpected went wrong (${p.detail}). Try again; if it happens again, tell us.`,
  sourceMissing: (p) =>
    `The sheet with the ${{ transactions: "transactions", spend: "spend table", campaignMap: "campaign map" }[p.table]} was deleted. Select it and build the report again.`,
  refreshed: (p) => `Reports refreshed: ${p.count}.`,
  refreshFailed: (p) => `Could not refresh ${p.sheets}: ${p.message}`,
  skippedCopy: (p) =>
    `Skipped ${p.sheet}: it is a copy of a report sheet, and the add-on writes only the sheets it created.`,
  skippedForeign: (p) => `Skipped ${p.sheet}: it carries report settings the add-on did not write.`,
  skippedOld: (p) => `Skipped ${p.sheet}: an older version of the add-on built it. Build the report again.`,
  badCell: (p) => `${enAt(p)}: ${p.value} is not ${EN_EXPECTED[p.expected]}.`,
  badYear: (p) => `${enAt(p)}: ${p.value} has a year outside ${p.first}–${p.last}.`,
  blankCell: (p) => `${enAt(p)} is blank: expected ${EN_EXPECTED[p.expected]}.`,
  blankId: (p) => `${enAt(p)} is blank, but the row has other values: expected a customer id.`,
  blankMargin: (p) => `${enAt(p)} is blank: give a value, or a gross margin % for rows without one.`,
  spendColumns: (p) =>
    `The spend table has ${p.count} column${p.count === 1 ? "" : "s"}: expected period start, spend and optionally segment.`,
  report: (p) => p.text,
  missingColumn: (p) =>
    `No ${EN_ROLES[p.role]} column was found${p.headers && ` among ${p.headers}`}. Choose it under Columns, or name the column (e.g. Customer ID, Date, Amount).`,
  twoCustomers: (p) =>
    `Two columns could be the customer id: ${p.first} and ${p.second}, and they group the rows into different customers. Choose the one that names the person under Columns.`,
  customerIsOrder: (p) =>
    `The customer column ${p.customer} has a different value on every row while the order column ${p.order} repeats: ${p.customer} looks like a line or order id. Choose the customer column under Columns.`,
  unitPrice: (p) =>
    `${p.price} is a unit price, and there is no quantity or amount column: a unit price alone is not revenue. Choose the amount column, or the quantity column, under Columns.`,
  noSheetNamed: (p) => `There is no sheet named ${p.name}.`,
  notARange: (p) => `${p.text} is not a range like Spend!A1:C13.`,
  spendIsSource: () => "The spend table is the transactions table: select the spend table.",
  marginNotNumber: (p) => `${p.text} is not a number: give the gross margin in percent, e.g. 40.`,
  marginOutOfRange: (p) => `${p.text} is not between 0 and 100 %.`,
  endNotDate: (p) =>
    `${p.text} is not a date: give a day such as 2024-12-31, or leave it blank for the last date in the data.`,
  calibrationNotDate: (p) =>
    `${p.text} is not a date: give the last day to fit the forecasts on, such as 2024-06-30, or leave it blank for halfway through the data.`,
  calibrationNotBefore: (p) =>
    `${p.text} is not before the observation end (${p.end}): the forecasts need purchases after it to be checked against.`,
  dataOther: (p) => `${enAt(p)}: ${p.value ?? "the cell"} cannot be read.`,
  bqTableId: (p) => `${p.text} is not a BigQuery table: give it as project.dataset.table.`,
  bqProject: (p) => `${p.text} is not a Google Cloud project id (such as my-project-123).`,
  bqColumns: (p) =>
    `Choose the customer, date and amount columns of ${p.table}; the date column must be a DATE, DATETIME, TIMESTAMP or text column.`,
  bqAccess: (p) =>
    `BigQuery refused access: you need to be able to read ${p.table} (BigQuery Data Viewer) and to run queries in project ${p.project} (BigQuery Job User). Ask the project's owner.`,
  bqNotFound: (p) => `BigQuery has no table or view ${p.table}. Check the project, dataset and table names.`,
  bqBilling: (p) =>
    `Project ${p.project} has no billing enabled, so BigQuery will not run queries there. Enable billing, or give a project that has it.`,
  bqQuota: (p) =>
    `Project ${p.project} has used up a BigQuery quota for now. Try again later, or use another project.`,
  bqBytes: (p) =>
    `The queries would scan more of ${p.table} than the ${p.limit} allowed (twice the estimate you approved). Check the estimate again and build the report to approve it.`,
  bqTimeout: (p) =>
    `BigQuery did not finish within ${p.minutes} minutes. Try again when the project is less busy, or build from a smaller view.`,
  bqConsent: (p) =>
    `To read BigQuery, Cohort LTV needs the permission "View your data across Google Cloud services", which has not been granted. ${p.url ? `Open ${p.url}, allow it, then try again.` : "Open the add-on again from the Extensions menu, allow it when asked, then try again."} Reports from data in a sheet do not need it.`,
  bqRefused: (p) => `BigQuery could not run the report's queries: ${p.detail}`,
  bqUnreadable: (p) =>
    `${p.table}: ${p.rows} ${p.rows === 1 ? "row has" : "rows have"} ${EN_UNREADABLE[p.kind]}. Leave them out with a view, then build from the view.`,
  cellLimit: (p) =>
    `Nothing was written: this report would take the spreadsheet to ${n("en", p.total)} cells (${n("en", p.added)} more than now), above Google Sheets' limit of ${n("en", CELLS_PER_SPREADSHEET)} cells a spreadsheet. Leave out some sheets (Customers is the largest), choose a longer period, or build in a new spreadsheet.`,
  cellLimitBackup: (p) =>
    `Nothing was written: rewriting this report keeps a copy of each of its sheets until the run ends, so Undo can put the earlier report back, and those copies (${n("en", p.backup)} cells) would take the spreadsheet to ${n("en", p.total)} cells, above Google Sheets' limit of ${n("en", CELLS_PER_SPREADSHEET)}. Delete sheets you no longer need, leave some sheets out of the report, or build it in a new spreadsheet.`,
  cellsInTheWay: (p) =>
    `The report on ${p.sheet} has grown into cells someone filled beside it (${p.range}); nothing of this report was written. Move or clear those cells, then refresh again.`,
  noJob: () =>
    "This build is not waiting to continue any more: it finished, was undone, or was started in another spreadsheet.",
  partlyRefreshed: (p) =>
    `Refreshed ${p.done} of ${p.total} sheets; the rest would run past Google's 6-minute limit for one run. Choose Refresh reports again to finish them.`,
  bqNotApproved: (p) =>
    `This report runs queries on ${p.table}, billed to project ${p.project}, as whoever refreshes it, and you have not approved it. To approve it, build it once yourself from the sidebar (source BigQuery, the same table and project).`,
  bqChanged: (p) =>
    `The view ${p.table} was changed since the report was approved, and a view runs with the rights of whoever queries it. Check the view, then build the report again from the sidebar to approve it.`,
  ga4Dataset: (p) =>
    `${p.text} is not a BigQuery dataset: give the GA4 export's dataset as project.analytics_123456.`,
  ga4NoEvents: (p) =>
    `The dataset ${p.dataset} has no GA4 event tables (events_YYYYMMDD). Check the name: it is the dataset the GA4 BigQuery link exports to, analytics_ followed by the property id.`,
  ga4FirstDay: (p) =>
    `${p.text} is not a day: give the first day to read as 2024-01-31, or leave it blank for the export's first day.`,
  ga4NotApproved: (p) =>
    `This report runs queries on the GA4 export ${p.dataset}, billed to project ${p.project}, as whoever refreshes it, and you have not approved it. To approve it, build it once yourself from the sidebar (source GA4 export, the same dataset and project).`,
  ga4NoChannelGroup: (p) =>
    `The GA4 export ${p.dataset} has no session default channel group (session_traffic_source_last_click.cross_channel_campaign.default_channel_group): GA4 exports it from 2024-10-10 on. Set Segment to "Automatic" or "First-user source / medium".`,
  ga4NoSchema: (p) =>
    `BigQuery did not say which columns the GA4 export ${p.dataset} has, so whether it has the session default channel group is not known. Set Segment to "First-user source / medium".`,
};

const EN_UNREADABLE: Names<keyof UnreadableRows> = {
  no_date: "a date that is not a date (text must be YYYY-MM-DD)",
  no_amount: "an amount that is not a number",
  no_margin: "a blank margin or cost (give a gross margin % for such rows)",
  no_term: "a term that is not a whole number of months from 1 to 1200",
};

const KO_ROLES: Names<Role> = {
  customerId: "고객 ID",
  date: "날짜",
  amount: "금액",
  segment: "세그먼트",
  margin: "마진",
  cost: "원가",
  order: "주문",
  quantity: "수량",
  price: "단가",
  term: "결제 기간",
  periodStart: "기간 시작일",
  spend: "지출",
  campaignPattern: "캠페인 패턴",
  campaignChannel: "채널",
};
/** With their subject particle: "숫자가 아닙니다", "숫자가 필요합니다". */
const KO_EXPECTED: Names<Expected> = {
  number: "숫자가",
  date: "날짜(예: 2024-03-14)가",
  id: "고객 ID가",
  nonNegative: "0 이상의 지출이",
  fullYear: "네 자리 연도로 쓴 날짜(24가 아니라 2024)가",
  value: "값이",
  campaignPattern: "캠페인 이름이나 패턴(예: brand*)이",
  campaignChannel: "해당 캠페인을 집계할 채널이",
  months: `1~${MAX_TERM} 사이의 정수 개월 수(연간 요금제는 12)가`,
};
const koAt = where(
  { transactions: "거래 데이터", spend: "지출 표", campaignMap: "캠페인 매핑" },
  KO_ROLES,
  (name) => `${name} 열`,
  (n) => `${n}행`,
);

const ko: Words = {
  busy: () => "지금 다른 사용자가 이 스프레드시트에서 보고서를 만들고 있습니다. 잠시 후 다시 시도하세요.",
  noLock: () => "스프레드시트 잠금을 얻지 못해 아무것도 쓰지 않았습니다. 새로고침한 뒤 다시 시도하세요.",
  noSelection: () => "먼저 거래 데이터 표(또는 표 안의 셀 하나)를 선택하세요.",
  selectSpend: () => "먼저 지출 표(또는 표 안의 셀 하나)를 선택하세요.",
  ownSheet: () => "보고서 시트입니다. 거래 데이터(고객, 날짜, 금액)가 있는 시트에서 선택하세요.",
  noReports: () => "새로고침할 보고서가 아직 없습니다. 먼저 사이드바에서 보고서를 만드세요.",
  accounts: () =>
    "여러 Google 계정에 로그인되어 있어 부가기능이 브라우저의 기본 계정으로 실행됩니다. 다른 계정에서 로그아웃하거나 한 계정만 로그인한 시크릿 창을 사용한 뒤 부가기능을 다시 여세요.",
  internal: (p) => `예기치 않은 오류가 발생했습니다(${p.detail}). 다시 시도하고, 또 발생하면 알려 주세요.`,
  sourceMissing: (p) =>
    `${{ transactions: "거래 데이터", spend: "지출 표", campaignMap: "캠페인 매핑" }[p.table]}가 있던 시트가 삭제되었습니다. 다시 선택해 보고서를 만드세요.`,
  refreshed: (p) => `새로고침한 보고서: ${p.count}개.`,
  refreshFailed: (p) => `${p.sheets}을(를) 새로고침하지 못했습니다: ${p.message}`,
  skippedCopy: (p) =>
    `${p.sheet}은(는) 건너뛰었습니다: 보고서 시트의 사본이며, 부가기능은 직접 만든 시트에만 씁니다.`,
  skippedForeign: (p) => `${p.sheet}은(는) 건너뛰었습니다: 부가기능이 쓰지 않은 보고서 설정이 있습니다.`,
  skippedOld: (p) =>
    `${p.sheet}은(는) 건너뛰었습니다: 이전 버전으로 만든 시트입니다. 보고서를 다시 만드세요.`,
  // A place ends in 열 or 행: its particle is 이.
  badCell: (p) => `${koAt(p)}: ${p.value}은(는) ${KO_EXPECTED[p.expected]} 아닙니다.`,
  badYear: (p) => `${koAt(p)}: ${p.value}의 연도가 ${p.first}–${p.last} 범위를 벗어났습니다.`,
  blankCell: (p) => `${koAt(p)}이 비어 있습니다: ${KO_EXPECTED[p.expected]} 필요합니다.`,
  blankId: (p) => `${koAt(p)}이 비어 있지만 행에 다른 값이 있습니다: 고객 ID가 필요합니다.`,
  blankMargin: (p) =>
    `${koAt(p)}이 비어 있습니다: 값을 넣거나, 값이 없는 행에 쓸 매출총이익률(%)을 입력하세요.`,
  spendColumns: (p) =>
    `지출 표의 열이 ${p.count}개입니다: 기간 시작일, 지출, (선택) 세그먼트 열이 필요합니다.`,
  report: (p) => p.text,
  missingColumn: (p) =>
    `${p.headers && `${p.headers} 중에서 `}${KO_ROLES[p.role]} 열을 찾지 못했습니다. 열 항목에서 선택하거나 열 이름을 붙이세요(예: 고객번호, 주문일, 금액).`,
  twoCustomers: (p) =>
    `고객 ID일 수 있는 열이 두 개입니다: ${p.first}, ${p.second}. 두 열이 행을 서로 다른 고객으로 묶습니다. 열 항목에서 사람을 나타내는 열을 선택하세요.`,
  customerIsOrder: (p) =>
    `고객 열 ${p.customer}의 값이 행마다 다르고 주문 열 ${p.order}은(는) 반복됩니다: ${p.customer}은(는) 품목이나 주문 번호로 보입니다. 열 항목에서 고객 열을 선택하세요.`,
  unitPrice: (p) =>
    `${p.price}은(는) 단가이고 수량 열도 금액 열도 없습니다: 단가만으로는 매출이 아닙니다. 열 항목에서 금액 열이나 수량 열을 선택하세요.`,
  noSheetNamed: (p) => `${p.name}(이)라는 시트가 없습니다.`,
  notARange: (p) => `${p.text}은(는) 지출!A1:C13 같은 범위가 아닙니다.`,
  spendIsSource: () => "지출 표가 거래 데이터 표와 같습니다: 지출 표를 선택하세요.",
  marginNotNumber: (p) => `${p.text}은(는) 숫자가 아닙니다: 매출총이익률을 퍼센트로 입력하세요(예: 40).`,
  marginOutOfRange: (p) => `${p.text}은(는) 0~100% 범위가 아닙니다.`,
  endNotDate: (p) =>
    `${p.text}은(는) 날짜가 아닙니다: 2024-12-31 같은 날짜를 입력하거나, 데이터의 마지막 날짜를 쓰려면 비워 두세요.`,
  calibrationNotDate: (p) =>
    `${p.text}은(는) 날짜가 아닙니다: 예측 모델을 적합할 마지막 날(예: 2024-06-30)을 입력하거나, 데이터 기간의 중간을 쓰려면 비워 두세요.`,
  calibrationNotBefore: (p) =>
    `${p.text}은(는) 관측 종료일(${p.end})보다 앞서지 않습니다: 예측을 점검하려면 그 뒤의 구매가 있어야 합니다.`,
  dataOther: (p) => `${koAt(p)}: ${p.value ?? "값"}을(를) 읽을 수 없습니다.`,
  bqTableId: (p) => `${p.text}은(는) BigQuery 테이블이 아닙니다: project.dataset.table 형식으로 입력하세요.`,
  bqProject: (p) => `${p.text}은(는) Google Cloud 프로젝트 ID(예: my-project-123)가 아닙니다.`,
  bqColumns: (p) =>
    `${p.table}의 고객, 날짜, 금액 열을 선택하세요. 날짜 열은 DATE, DATETIME, TIMESTAMP 또는 텍스트 열이어야 합니다.`,
  bqAccess: (p) =>
    `BigQuery가 접근을 거부했습니다: ${p.table}을(를) 읽을 권한(BigQuery 데이터 뷰어)과 ${p.project} 프로젝트에서 쿼리를 실행할 권한(BigQuery 작업 사용자)이 필요합니다. 프로젝트 소유자에게 요청하세요.`,
  bqNotFound: (p) =>
    `BigQuery에 ${p.table} 테이블이나 뷰가 없습니다. 프로젝트, 데이터 세트, 테이블 이름을 확인하세요.`,
  bqBilling: (p) =>
    `${p.project} 프로젝트에 결제가 사용 설정되어 있지 않아 BigQuery가 쿼리를 실행하지 않습니다. 결제를 사용 설정하거나 결제가 설정된 프로젝트를 입력하세요.`,
  bqQuota: (p) =>
    `${p.project} 프로젝트가 BigQuery 할당량을 다 썼습니다. 나중에 다시 시도하거나 다른 프로젝트를 사용하세요.`,
  bqBytes: (p) =>
    `쿼리가 ${p.table}에서 허용된 ${p.limit}(승인한 예상치의 두 배)보다 많이 스캔합니다. 예상치를 다시 확인하고 보고서를 만들어 승인하세요.`,
  bqTimeout: (p) =>
    `BigQuery가 ${p.minutes}분 안에 끝나지 않았습니다. 프로젝트가 덜 바쁠 때 다시 시도하거나 더 작은 뷰로 만드세요.`,
  bqConsent: (p) =>
    `BigQuery를 읽으려면 Cohort LTV에 "Google Cloud 서비스 전반의 데이터 보기" 권한이 필요한데, 아직 허용되지 않았습니다. ${p.url ? `${p.url} 을(를) 열어 허용한 뒤 다시 시도하세요.` : "확장 프로그램 메뉴에서 부가기능을 다시 열고, 권한을 묻는 창에서 허용한 뒤 다시 시도하세요."} 시트에 있는 데이터로 만드는 보고서에는 이 권한이 필요 없습니다.`,
  bqRefused: (p) => `BigQuery가 보고서 쿼리를 실행하지 못했습니다: ${p.detail}`,
  bqUnreadable: (p) =>
    `${p.table}: ${KO_UNREADABLE[p.kind]} 행이 ${p.rows}개 있습니다. 뷰로 이 행을 제외한 뒤 그 뷰로 만드세요.`,
  cellLimit: (p) =>
    `아무것도 쓰지 않았습니다: 이 보고서를 만들면 스프레드시트가 ${n("ko", p.total)}개 셀(지금보다 ${n("ko", p.added)}개 더)이 되어 Google Sheets의 스프레드시트당 한도 ${n("ko", CELLS_PER_SPREADSHEET)}개 셀을 넘습니다. 일부 시트(가장 큰 것은 고객)를 빼거나, 더 긴 기간을 고르거나, 새 스프레드시트에서 만드세요.`,
  cellLimitBackup: (p) =>
    `아무것도 쓰지 않았습니다: 이 보고서를 다시 쓰는 동안 되돌리기로 이전 보고서를 복원할 수 있도록 각 시트의 사본을 실행이 끝날 때까지 보관하는데, 그 사본(${n("ko", p.backup)}개 셀)까지 더하면 스프레드시트가 ${n("ko", p.total)}개 셀이 되어 Google Sheets의 한도 ${n("ko", CELLS_PER_SPREADSHEET)}개 셀을 넘습니다. 필요 없는 시트를 삭제하거나, 보고서에서 일부 시트를 빼거나, 새 스프레드시트에서 만드세요.`,
  cellsInTheWay: (p) =>
    `${p.sheet}의 보고서가 누군가 옆에 입력한 셀(${p.range})까지 커졌습니다. 이 보고서는 아무것도 쓰지 않았습니다. 그 셀을 옮기거나 지운 뒤 다시 새로고침하세요.`,
  noJob: () =>
    "이 보고서 만들기는 더 이상 이어서 할 수 없습니다: 이미 끝났거나, 취소되었거나, 다른 스프레드시트에서 시작되었습니다.",
  partlyRefreshed: (p) =>
    `시트 ${p.total}개 중 ${p.done}개를 새로고침했습니다. 나머지는 한 번 실행의 Google 제한 시간(6분)을 넘게 됩니다. 보고서 새로고침을 다시 선택해 마저 끝내세요.`,
  bqNotApproved: (p) =>
    `이 보고서는 새로고침하는 사람의 권한으로 ${p.table}에 쿼리를 실행하고 프로젝트 ${p.project}에 비용을 청구하는데, 아직 승인하지 않았습니다. 승인하려면 사이드바에서 직접 한 번 만드세요(소스 BigQuery, 같은 테이블과 프로젝트).`,
  bqChanged: (p) =>
    `보고서를 승인한 뒤 뷰 ${p.table}이(가) 바뀌었고, 뷰는 쿼리하는 사람의 권한으로 실행됩니다. 뷰를 확인한 뒤 사이드바에서 보고서를 다시 만들어 승인하세요.`,
  ga4Dataset: (p) =>
    `${p.text}은(는) BigQuery 데이터 세트가 아닙니다: GA4 내보내기 데이터 세트를 project.analytics_123456 형식으로 입력하세요.`,
  ga4NoEvents: (p) =>
    `데이터 세트 ${p.dataset}에 GA4 이벤트 테이블(events_YYYYMMDD)이 없습니다. 이름을 확인하세요: GA4 BigQuery 링크가 내보내는 데이터 세트로, analytics_ 뒤에 속성 ID가 붙습니다.`,
  ga4FirstDay: (p) =>
    `${p.text}은(는) 날짜가 아닙니다: 읽을 첫날을 2024-01-31 형식으로 입력하거나, 내보내기의 첫날부터 읽으려면 비워 두세요.`,
  ga4NotApproved: (p) =>
    `이 보고서는 새로고침하는 사람의 권한으로 GA4 내보내기 ${p.dataset}에 쿼리를 실행하고 프로젝트 ${p.project}에 비용을 청구하는데, 아직 승인하지 않았습니다. 승인하려면 사이드바에서 직접 한 번 만드세요(소스 GA4 내보내기, 같은 데이터 세트와 프로젝트).`,
  ga4NoChannelGroup: (p) =>
    `GA4 내보내기 ${p.dataset}에 세션 기본 채널 그룹(session_traffic_source_last_click.cross_channel_campaign.default_channel_group)이 없습니다: GA4는 2024-10-10부터 내보냅니다. 세그먼트를 "자동" 또는 "첫 사용자 소스/매체"로 설정하세요.`,
  ga4NoSchema: (p) =>
    `BigQuery가 GA4 내보내기 ${p.dataset}의 열을 알려 주지 않아 세션 기본 채널 그룹이 있는지 알 수 없습니다. 세그먼트를 "첫 사용자 소스/매체"로 설정하세요.`,
};

const KO_UNREADABLE: Names<keyof UnreadableRows> = {
  no_date: "날짜를 읽을 수 없는(텍스트는 YYYY-MM-DD여야 함)",
  no_amount: "금액이 숫자가 아닌",
  no_margin: "마진이나 원가가 비어 있는(그런 행에 쓸 매출총이익률 %를 입력하세요)",
  no_term: "기간이 1–1200개월의 정수가 아닌",
};

const RU_ROLES: Names<Role> = {
  customerId: "ID клиента",
  date: "дата",
  amount: "сумма",
  segment: "сегмент",
  margin: "маржа",
  cost: "себестоимость",
  order: "заказ",
  quantity: "количество",
  price: "цена за единицу",
  term: "срок оплаты",
  periodStart: "начало периода",
  spend: "расходы",
  campaignPattern: "шаблон кампании",
  campaignChannel: "канал",
};
const RU_EXPECTED: Names<Expected> = {
  number: "число",
  date: "дата (например, 2024-03-14)",
  id: "ID клиента",
  nonNegative: "допустимый расход (нужно 0 или больше)",
  fullYear: "дата с четырёхзначным годом (2024, а не 24)",
  value: "значение",
  campaignPattern: "название кампании или шаблон, например brand*",
  campaignChannel: "канал для кампаний по этому шаблону",
  months: `целое число месяцев от 1 до ${MAX_TERM} (12 для годового тарифа)`,
};
const ruAt = where(
  { transactions: "Транзакции", spend: "Таблица расходов", campaignMap: "Карта кампаний" },
  RU_ROLES,
  (name) => `столбец ${name}`,
  (n) => `строка ${n}`,
);

const ru: Words = {
  busy: () => "Сейчас в этой таблице отчёт строит кто-то другой. Подождите минуту и попробуйте снова.",
  noLock: () =>
    "Таблица не дала дополнению блокировку, поэтому ничего не записано. Обновите страницу и попробуйте снова.",
  noSelection: () => "Сначала выделите таблицу транзакций (или одну ячейку в ней).",
  selectSpend: () => "Сначала выделите таблицу расходов (или одну ячейку в ней).",
  ownSheet: () => "Это лист отчёта. Выделите транзакции (клиент, дата, сумма) на их собственном листе.",
  noReports: () => "Пока нет отчётов для обновления. Сначала постройте отчёт в боковой панели.",
  accounts: () =>
    "Вы вошли в несколько аккаунтов Google, и дополнение запускается от основного аккаунта браузера. Выйдите из остальных (или откройте приватное окно с одним аккаунтом) и снова откройте дополнение.",
  internal: (p) =>
    `Произошла непредвиденная ошибка (${p.detail}). Попробуйте ещё раз; если повторится, сообщите нам.`,
  sourceMissing: (p) =>
    `Лист с ${{ transactions: "транзакциями", spend: "таблицей расходов", campaignMap: "картой кампаний" }[p.table]} удалён. Выделите данные и постройте отчёт заново.`,
  refreshed: (p) => `Обновлено отчётов: ${p.count}.`,
  refreshFailed: (p) => `Не удалось обновить ${p.sheets}: ${p.message}`,
  skippedCopy: (p) =>
    `Лист ${p.sheet} пропущен: это копия листа отчёта, а дополнение пишет только в созданные им листы.`,
  skippedForeign: (p) => `Лист ${p.sheet} пропущен: на нём настройки отчёта, записанные не дополнением.`,
  skippedOld: (p) =>
    `Лист ${p.sheet} пропущен: его построила старая версия дополнения. Постройте отчёт заново.`,
  badCell: (p) => `${ruAt(p)}: ${p.value} — не ${RU_EXPECTED[p.expected]}.`,
  badYear: (p) => `${ruAt(p)}: у ${p.value} год вне ${p.first}–${p.last}.`,
  blankCell: (p) => `${ruAt(p)}: пусто; ожидается ${RU_EXPECTED[p.expected]}.`,
  blankId: (p) => `${ruAt(p)}: пусто, хотя в строке есть другие значения; нужен ID клиента.`,
  blankMargin: (p) => `${ruAt(p)}: пусто. Заполните ячейку или укажите валовую маржу в % для строк без неё.`,
  spendColumns: (p) =>
    `В таблице расходов столбцов: ${p.count}; нужны начало периода, расходы и (необязательно) сегмент.`,
  report: (p) => p.text,
  missingColumn: (p) =>
    `Не найден столбец «${RU_ROLES[p.role]}»${p.headers && ` среди ${p.headers}`}. Выберите его в разделе «Столбцы» или назовите столбец (например, ID клиента, Дата, Сумма).`,
  twoCustomers: (p) =>
    `ID клиента может быть в двух столбцах: ${p.first} и ${p.second}, и они делят строки на разных клиентов. Выберите в разделе «Столбцы» тот, что обозначает человека.`,
  customerIsOrder: (p) =>
    `В столбце клиента ${p.customer} в каждой строке новое значение, а столбец заказа ${p.order} повторяется: ${p.customer} похож на номер позиции или заказа. Выберите столбец клиента в разделе «Столбцы».`,
  unitPrice: (p) =>
    `${p.price} — цена за единицу, а столбцов количества и суммы нет: цена за единицу сама по себе не выручка. Выберите в разделе «Столбцы» столбец суммы или количества.`,
  noSheetNamed: (p) => `Нет листа с названием ${p.name}.`,
  notARange: (p) => `${p.text} — не диапазон вида Расходы!A1:C13.`,
  spendIsSource: () => "Таблица расходов совпадает с таблицей транзакций: выделите таблицу расходов.",
  marginNotNumber: (p) => `${p.text} — не число: укажите валовую маржу в процентах, например 40.`,
  marginOutOfRange: (p) => `${p.text} — не в пределах от 0 до 100 %.`,
  endNotDate: (p) =>
    `${p.text} — не дата: укажите день, например 2024-12-31, или оставьте поле пустым для последней даты в данных.`,
  calibrationNotDate: (p) =>
    `${p.text} — не дата: укажите последний день, по который подбирать прогнозы, например 2024-06-30, или оставьте поле пустым — середина периода данных.`,
  calibrationNotBefore: (p) =>
    `${p.text} — не раньше конца наблюдения (${p.end}): чтобы проверить прогноз, нужны покупки после этой даты.`,
  dataOther: (p) => `${ruAt(p)}: не удаётся прочитать ${p.value ?? "ячейку"}.`,
  bqTableId: (p) => `${p.text} — не таблица BigQuery: укажите её как project.dataset.table.`,
  bqProject: (p) => `${p.text} — не ID проекта Google Cloud (например, my-project-123).`,
  bqColumns: (p) =>
    `Выберите столбцы клиента, даты и суммы таблицы ${p.table}; столбец даты должен быть типа DATE, DATETIME, TIMESTAMP или текстом.`,
  bqAccess: (p) =>
    `BigQuery отказал в доступе: нужно право читать ${p.table} (BigQuery Data Viewer) и запускать запросы в проекте ${p.project} (BigQuery Job User). Обратитесь к владельцу проекта.`,
  bqNotFound: (p) =>
    `В BigQuery нет таблицы или представления ${p.table}. Проверьте названия проекта, набора данных и таблицы.`,
  bqBilling: (p) =>
    `В проекте ${p.project} не включена оплата, поэтому BigQuery не выполняет в нём запросы. Включите оплату или укажите проект, где она есть.`,
  bqQuota: (p) => `Проект ${p.project} исчерпал квоту BigQuery. Попробуйте позже или укажите другой проект.`,
  bqBytes: (p) =>
    `Запросы прочитали бы из ${p.table} больше разрешённых ${p.limit} (вдвое больше одобренной оценки). Проверьте оценку снова и постройте отчёт, чтобы её одобрить.`,
  bqTimeout: (p) =>
    `BigQuery не успел за ${p.minutes} мин. Попробуйте, когда проект менее загружен, или постройте отчёт по меньшему представлению.`,
  bqConsent: (p) =>
    `Чтобы читать BigQuery, Cohort LTV нужно разрешение «Просмотр ваших данных в сервисах Google Cloud», а оно не выдано. ${p.url ? `Откройте ${p.url}, разрешите доступ и повторите.` : "Откройте дополнение заново из меню «Расширения», разрешите доступ, когда его попросят, и повторите."} Отчётам по данным из таблицы это разрешение не нужно.`,
  bqRefused: (p) => `BigQuery не смог выполнить запросы отчёта: ${p.detail}`,
  bqUnreadable: (p) =>
    `${p.table}: строк, где ${RU_UNREADABLE[p.kind]}: ${p.rows}. Исключите их представлением и постройте отчёт по нему.`,
  cellLimit: (p) =>
    `Ничего не записано: с этим отчётом в таблице стало бы ${n("ru", p.total)} ячеек (на ${n("ru", p.added)} больше, чем сейчас), а Google Таблицы допускают не больше ${n("ru", CELLS_PER_SPREADSHEET)} ячеек в одной таблице. Уберите часть листов (самый большой — «Клиенты»), выберите более длинный период или постройте отчёт в новой таблице.`,
  cellLimitBackup: (p) =>
    `Ничего не записано: пока отчёт переписывается, копия каждого его листа хранится до конца запуска, чтобы «Отменить» могло вернуть прежний отчёт, и с этими копиями (${n("ru", p.backup)} ячеек) в таблице стало бы ${n("ru", p.total)} ячеек, а Google Таблицы допускают не больше ${n("ru", CELLS_PER_SPREADSHEET)}. Удалите ненужные листы, уберите часть листов из отчёта или постройте его в новой таблице.`,
  cellsInTheWay: (p) =>
    `Отчёт на листе ${p.sheet} разросся до ячеек, которые кто-то заполнил рядом с ним (${p.range}); в этот отчёт ничего не записано. Перенесите или очистите эти ячейки и обновите снова.`,
  noJob: () =>
    "Это построение больше не ждёт продолжения: оно завершено, отменено или начато в другой таблице.",
  partlyRefreshed: (p) =>
    `Обновлено листов: ${p.done} из ${p.total}; остальные не уложились бы в 6-минутный лимит Google на один запуск. Выберите «Обновить отчёты» ещё раз, чтобы закончить.`,
  bqNotApproved: (p) =>
    `Этот отчёт выполняет запросы к ${p.table} от имени того, кто его обновляет, за счёт проекта ${p.project}, а вы его не одобряли. Чтобы одобрить, постройте его один раз сами на боковой панели (источник BigQuery, та же таблица и проект).`,
  bqChanged: (p) =>
    `Представление ${p.table} изменилось после того, как отчёт одобрили, а представление выполняется с правами того, кто его запрашивает. Проверьте представление и постройте отчёт заново на боковой панели, чтобы одобрить его.`,
  ga4Dataset: (p) =>
    `${p.text} — не набор данных BigQuery: укажите набор данных экспорта GA4 как project.analytics_123456.`,
  ga4NoEvents: (p) =>
    `В наборе данных ${p.dataset} нет таблиц событий GA4 (events_YYYYMMDD). Проверьте имя: это набор данных, куда экспортирует связь GA4 с BigQuery, analytics_ и ID ресурса.`,
  ga4FirstDay: (p) =>
    `${p.text} — не дата: укажите первый день, например 2024-01-31, или оставьте поле пустым, чтобы читать с первого дня экспорта.`,
  ga4NotApproved: (p) =>
    `Этот отчёт выполняет запросы к экспорту GA4 ${p.dataset} от имени того, кто его обновляет, за счёт проекта ${p.project}, а вы его не одобряли. Чтобы одобрить, постройте его один раз сами на боковой панели (источник — экспорт GA4, тот же набор данных и проект).`,
  ga4NoChannelGroup: (p) =>
    `В экспорте GA4 ${p.dataset} нет группы каналов по умолчанию для сеанса (session_traffic_source_last_click.cross_channel_campaign.default_channel_group): GA4 экспортирует её с 2024-10-10. Выберите в поле «Сегмент» «Автоматически» или «Источник/канал первого пользователя».`,
  ga4NoSchema: (p) =>
    `BigQuery не сообщил, какие столбцы есть в экспорте GA4 ${p.dataset}, поэтому неизвестно, есть ли в нём группа каналов по умолчанию для сеанса. Выберите в поле «Сегмент» «Источник/канал первого пользователя».`,
};

const RU_UNREADABLE: Names<keyof UnreadableRows> = {
  no_date: "дата не читается (текст должен быть YYYY-MM-DD)",
  no_amount: "сумма не число",
  no_margin: "пустая маржа или себестоимость (укажите валовую маржу в % для таких строк)",
  no_term: "срок не целое число месяцев от 1 до 1200",
};

const WORDS: Record<Language, Words> = { en, ko, ru };

/** Longest piece of user text a message shows. */
const QUOTE_LIMIT = 80;

/** User text cut to 80 characters (then "…"), whole characters only. */
export function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join("")}…` : text;
}

/**
 * User text as a message shows it: at most 80 characters (then "…"), in quotes, and wrapped in
 * U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, so right-to-left or override
 * characters inside it cannot reorder the rest of the message.
 */
export function quote(text: string): string {
  return `“\u2068${shorten(text.replace(/[\u2066-\u2069]/g, ""))}\u2069”`;
}

/** A message in `language`. */
export function say<K extends MessageKey>(language: Language, key: K, params?: Params[K]): string {
  return (WORDS[language][key] as (p: Params[K]) => string)((params ?? {}) as Params[K]);
}

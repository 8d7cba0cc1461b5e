/**
 * The words of the spend table's reading and matching (which columns were used, spend that matched no
 * cohort row, the left-censored first cohort), in English, Korean and Russian. Kept apart from
 * words.ts so the spend and cohort-start texts live beside the code that says them.
 */
import type { PeriodUnit } from "../cohorts";
import type { Language } from "../language";

/** A role of a spend table's column. */
export type SpendRole = "period" | "end" | "spend" | "channel" | "campaign" | "currency";

const en = {
  /** The spend table, as its whole messages name it (the cell errors' "Spend table" is matched, not shown). */
  table: "Spend table",
  roles: {
    period: "period (Month, Date, Day…)",
    end: "reporting end",
    spend: "spend (Spend, Cost, Amount spent…)",
    channel: "channel (Channel, Source…)",
    campaign: "campaign",
    currency: "currency",
  } as Record<SpendRole, string>,
  /** A header names a period or a spend, but not both. */
  noColumn: (label: string, role: string, headers: string) =>
    `${label}: no ${role} column — the headers are ${headers}. Name it in the header row (e.g. Month, Channel, Spend).`,
  twoColumns: (label: string, role: string, a: string, b: string) =>
    `${label}: two columns could be the ${role}: "${a}" and "${b}" — keep one, or rename the other.`,
  /** No header the table's roles are named by, and the values do not read as period, spend[, channel]. */
  notPositional: (label: string, row: number, what: string) =>
    `${label}: no header row names its columns (e.g. Month, Channel, Spend), and read by position ` +
    `(period start, spend, channel) row ${row} ${what} — add a header row.`,
  notDate: (column: number, shown: string) => `has ${shown} in column ${column}, not a date`,
  notNumber: (column: number, shown: string) => `has ${shown} in column ${column}, not a spend`,
  numberChannel: (column: number, shown: string) =>
    `has the number ${shown} in column ${column}, not a channel`,
  mixedCurrencies: (label: string, a: string, b: string, row: number) =>
    `${label}: row ${row} is in ${b}, earlier rows in ${a} — spend in two currencies cannot be added; export one currency per table.`,
  spans: (label: string, row: number, from: string, to: string, unit: string) =>
    `${label}: row ${row} covers ${from} … ${to}, more than one ${unit} — export the spend by day ` +
    "(Ads Manager: Breakdown → By time → Day).",
  /** How the columns were read, for the CLI and Summary: each role's short name = its header. */
  usedColumns: (parts: string[]) => parts.join(", "),
  roleNames: {
    period: "period",
    end: "end",
    spend: "spend",
    channel: "channel",
    campaign: "campaign",
    currency: "currency",
  } as Record<SpendRole, string>,
  byHeader: (role: string, header: string) => `${role} = ${header}`,
  byPosition: "period start, spend[, channel] by position (no header names them)",
  mapped: (rules: number, campaigns: number, unmapped: number) =>
    `campaigns → channels by the campaign map (${rules} rules): ${campaigns} campaigns` +
    (unmapped ? `, ${unmapped} matched no rule and keep their names` : ""),
  campaignsAsChannels: "campaign names used as channels (no campaign map given)",
  currencyIs: (code: string) => `in ${code}`,
  totalsSkipped: (rows: number) => `${rows} total ${rows === 1 ? "row" : "rows"} skipped`,
  /** The unmatched-spend block and lines. */
  unmatchedTitle: "Spend not matched to a cohort channel",
  unmatchedNote:
    "Counted in the blended CAC of All cohorts (how a channel is spelled never changes it), not in any channel's CAC. " +
    "Rename the channel in the spend table to match the data's channel to give it to that channel.",
  unmatchedHeader: ["Channel in the spend table", "Spend", "Why"],
  noSuchChannel: "no channel of the data has this name",
  noCustomersThen: "no new customers of this channel in the spend's periods",
  noChannelCell: "no channel in the spend table",
  noSpendChannels: (names: string) => `Channels of the data without spend: ${names}.`,
  unmatchedLine: (channel: string, amount: string, why: string) => `${channel}: ${amount} (${why})`,
  unmatchedSetting: "Spend matched to no channel",
  noSpendSetting: "Channels without spend",
  outside: (amount: string) => `${amount} dated outside the report's periods was left out`,
  /** The left-censored first cohort. */
  censoredSetting: "First cohort",
  censored: (period: string, share: number, base: number, days: number) =>
    `${period} looks left-censored: ${share}% of the customers first seen in the data's first 7 days bought again within ${days} days, ` +
    `against ${base}% of customers first seen later — many of them are existing customers who bought before the data starts, ` +
    "so the first cohort's size, CAC and retention are not a new cohort's. Leave it out with --skip-first-period (sidebar: Leave out the first period).",
  skipped: (period: string, customers: number) =>
    `${period} left out of the cohort figures (${customers} customers first seen then); totals above still count them`,
  notCensored: "no sign of customers from before the data starts",
};

export type SpendWords = typeof en;

const ko: SpendWords = {
  table: "지출 표",
  roles: {
    period: "기간 (월, 날짜, 일…)",
    end: "보고 종료",
    spend: "지출 (지출, 비용, 지출 금액…)",
    channel: "채널 (채널, 소스…)",
    campaign: "캠페인",
    currency: "통화",
  },
  noColumn: (label, role, headers) =>
    `${label}: ${role} 열이 없습니다 — 머리글: ${headers}. 머리글 행에 이름을 적으세요 (예: 월, 채널, 지출).`,
  twoColumns: (label, role, a, b) =>
    `${label}: 두 열이 ${role}일 수 있습니다: "${a}", "${b}" — 하나만 남기거나 다른 하나의 이름을 바꾸세요.`,
  notPositional: (label, row, what) =>
    `${label}: 열 이름을 알려 주는 머리글 행이 없고 (예: 월, 채널, 지출), 위치로 읽으면 (기간 시작, 지출, 채널) ${row}행이 ${what} — 머리글 행을 추가하세요.`,
  notDate: (column, shown) => `${column}열에 날짜가 아닌 ${shown} 값을 가짐`,
  notNumber: (column, shown) => `${column}열에 지출이 아닌 ${shown} 값을 가짐`,
  numberChannel: (column, shown) => `${column}열에 채널이 아닌 숫자 ${shown} 값을 가짐`,
  mixedCurrencies: (label, a, b, row) =>
    `${label}: ${row}행은 ${b}, 앞의 행은 ${a} — 두 통화의 지출은 더할 수 없습니다. 표마다 한 통화로 내보내세요.`,
  spans: (label, row, from, to, unit) =>
    `${label}: ${row}행이 ${from} … ${to}로 한 ${unit}보다 깁니다 — 일별로 내보내세요 (광고 관리자: 분석 데이터 → 시간별 → 일).`,
  usedColumns: (parts) => parts.join(", "),
  roleNames: {
    period: "기간",
    end: "보고 종료",
    spend: "지출",
    channel: "채널",
    campaign: "캠페인",
    currency: "통화",
  },
  byHeader: (role, header) => `${role} = ${header}`,
  byPosition: "머리글이 없어 위치로 읽음: 기간 시작, 지출[, 채널]",
  mapped: (rules, campaigns, unmapped) =>
    `캠페인 → 채널: 캠페인 매핑 (${rules}개 규칙), 캠페인 ${campaigns}개` +
    (unmapped ? `, 규칙에 맞지 않는 ${unmapped}개는 이름 그대로` : ""),
  campaignsAsChannels: "캠페인 이름을 채널로 사용 (캠페인 매핑 없음)",
  currencyIs: (code) => `통화 ${code}`,
  totalsSkipped: (rows) => `합계 행 ${rows}개 건너뜀`,
  unmatchedTitle: "코호트 채널과 맞지 않는 지출",
  unmatchedNote:
    "모든 코호트의 통합 CAC에는 포함되고 (채널 철자와 무관), 어느 채널의 CAC에도 들어가지 않습니다. " +
    "지출 표의 채널 이름을 데이터의 채널과 같게 바꾸면 그 채널에 들어갑니다.",
  unmatchedHeader: ["지출 표의 채널", "지출", "이유"],
  noSuchChannel: "데이터에 이 이름의 채널이 없음",
  noCustomersThen: "지출 기간에 이 채널의 신규 고객이 없음",
  noChannelCell: "지출 표에 채널이 없음",
  noSpendChannels: (names) => `지출이 없는 데이터의 채널: ${names}.`,
  unmatchedLine: (channel, amount, why) => `${channel}: ${amount} (${why})`,
  unmatchedSetting: "채널과 맞지 않는 지출",
  noSpendSetting: "지출이 없는 채널",
  outside: (amount) => `보고 기간 밖의 ${amount} 제외`,
  censoredSetting: "첫 코호트",
  censored: (period, share, base, days) =>
    `${period}는 왼쪽 절단으로 보입니다: 데이터의 첫 7일에 처음 보인 고객의 ${share}%가 ${days}일 안에 다시 구매했고, 이후 처음 보인 고객은 ${base}% — ` +
    "상당수는 데이터 시작 전부터 구매한 기존 고객이므로 첫 코호트의 크기, CAC, 리텐션은 신규 코호트의 값이 아닙니다. --skip-first-period (사이드바: 첫 기간 제외)로 뺄 수 있습니다.",
  skipped: (period, customers) =>
    `${period}는 코호트 수치에서 제외 (그때 처음 보인 고객 ${customers}명); 위의 합계에는 포함`,
  notCensored: "데이터 시작 전 고객의 흔적 없음",
};

const ru: SpendWords = {
  table: "Таблица расходов",
  roles: {
    period: "периода (Месяц, Дата, День…)",
    end: "конца отчёта",
    spend: "расходов (Расходы, Стоимость, Потрачено…)",
    channel: "канала (Канал, Источник…)",
    campaign: "кампании",
    currency: "валюты",
  },
  noColumn: (label, role, headers) =>
    `${label}: нет столбца ${role} — заголовки: ${headers}. Назовите его в строке заголовков (например, Месяц, Канал, Расходы).`,
  twoColumns: (label, role, a, b) =>
    `${label}: столбцом ${role} могут быть два: «${a}» и «${b}» — оставьте один или переименуйте другой.`,
  notPositional: (label, row, what) =>
    `${label}: нет строки заголовков (например, Месяц, Канал, Расходы), а при чтении по порядку ` +
    `(начало периода, расходы, канал) строка ${row} ${what} — добавьте строку заголовков.`,
  notDate: (column, shown) => `содержит ${shown} в столбце ${column}, а не дату`,
  notNumber: (column, shown) => `содержит ${shown} в столбце ${column}, а не сумму расходов`,
  numberChannel: (column, shown) => `содержит число ${shown} в столбце ${column}, а не канал`,
  mixedCurrencies: (label, a, b, row) =>
    `${label}: строка ${row} в ${b}, предыдущие в ${a} — расходы в двух валютах нельзя складывать; выгрузите одну валюту на таблицу.`,
  spans: (label, row, from, to, unit) =>
    `${label}: строка ${row} охватывает ${from} … ${to}, больше одного периода (${unit}) — выгрузите расходы по дням ` +
    "(Ads Manager: Разбивка → По времени → День).",
  usedColumns: (parts) => parts.join(", "),
  roleNames: {
    period: "период",
    end: "конец отчёта",
    spend: "расходы",
    channel: "канал",
    campaign: "кампания",
    currency: "валюта",
  },
  byHeader: (role, header) => `${role} = ${header}`,
  byPosition: "по порядку: начало периода, расходы[, канал] (заголовков нет)",
  mapped: (rules, campaigns, unmapped) =>
    `кампании → каналы по таблице соответствий (правил: ${rules}): кампаний ${campaigns}` +
    (unmapped ? `, ${unmapped} не подошли ни к одному правилу и оставлены под своими именами` : ""),
  campaignsAsChannels: "названия кампаний взяты как каналы (нет таблицы соответствий)",
  currencyIs: (code) => `в ${code}`,
  totalsSkipped: (rows) => `пропущено итоговых строк: ${rows}`,
  unmatchedTitle: "Расходы, не совпавшие ни с одним каналом когорт",
  unmatchedNote:
    "Учтены в общем CAC всех когорт (написание канала его не меняет), но не в CAC какого-либо канала. " +
    "Переименуйте канал в таблице расходов как в данных, чтобы отнести расходы к нему.",
  unmatchedHeader: ["Канал в таблице расходов", "Расходы", "Почему"],
  noSuchChannel: "в данных нет канала с таким названием",
  noCustomersThen: "нет новых клиентов этого канала в периоды расходов",
  noChannelCell: "канал в таблице расходов не указан",
  noSpendChannels: (names) => `Каналы данных без расходов: ${names}.`,
  unmatchedLine: (channel, amount, why) => `${channel}: ${amount} (${why})`,
  unmatchedSetting: "Расходы без канала",
  noSpendSetting: "Каналы без расходов",
  outside: (amount) => `${amount} вне периодов отчёта не учтено`,
  censoredSetting: "Первая когорта",
  censored: (period, share, base, days) =>
    `${period}, похоже, цензурирована слева: ${share}% клиентов, впервые замеченных в первые 7 дней данных, купили снова в течение ${days} дней, ` +
    `а из замеченных позже — ${base}%; многие из них — давние клиенты, покупавшие до начала данных, поэтому размер, CAC и удержание первой когорты — не как у новой. ` +
    "Исключите её: --skip-first-period (боковая панель: Не учитывать первый период).",
  skipped: (period, customers) =>
    `${period} исключена из когортных показателей (клиентов, впервые замеченных тогда: ${customers}); итоги выше их учитывают`,
  notCensored: "нет признаков клиентов до начала данных",
};

const WORDS: Record<Language, SpendWords> = { en, ko, ru };

export function spendWordsOf(language: Language = "en"): SpendWords {
  return WORDS[language] ?? en;
}

/** One period's word in each language, for the spans message. */
export const PERIOD_NAME: Record<Language, Record<PeriodUnit, string>> = {
  en: { week: "week", month: "month", quarter: "quarter" },
  ko: { week: "주", month: "월", quarter: "분기" },
  ru: { week: "неделя", month: "месяц", quarter: "квартал" },
};

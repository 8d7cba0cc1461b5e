/**
 * The Help dialog in Korean and Russian. English comes from the custom functions' own doc comments
 * (scripts/exports.ts reads them), so the code stays the one source of the English text; these are
 * their translations, keyed by function name. Only the build reads this module: it goes into
 * Help_ko.html and Help_ru.html, never into Code.js. test/sidebar/help.test.ts checks that every
 * exported custom function has a complete entry here, so a new formula must be translated.
 */
import type { Language } from "../../core/language";
import { MODEL_FORMULAS } from "./translations-models";

export interface FormulaText {
  /** What it computes (the doc's text before its tags, less the source). */
  definition: string;
  /** The `@return` text. */
  result: string;
  /** One text per argument, by the argument's name in the signature. */
  params: Record<string, string>;
  /** The `Source:` text, when the English doc has one. */
  source?: string;
}

/** The page's own words. `groups` names each module of custom functions (by file name). */
export interface HelpWords {
  intro: string;
  separators: string;
  search: string;
  searchHint: string;
  noMatch: string;
  result: string;
  definition: string;
  arguments: string;
  optional: string;
  example: string;
  source: string;
  notEnabledTitle: string;
  notEnabled: string[];
  groups: Record<string, string>;
}

export const HELP_WORDS: Record<Language, HelpWords> = {
  en: {
    intro:
      "Type these in any cell. Every argument takes a cell or a range; rates take 0.05 or 5%. Arguments in [brackets] are optional.",
    separators:
      "In a spreadsheet whose locale writes decimals with a comma (e.g. Russian), separate arguments with semicolons: =LTV(50; 4; 3).",
    search: "Find a formula",
    searchHint: "e.g. churn, cohort, CAC",
    noMatch: "No formula matches this search.",
    result: "Result",
    definition: "Definition",
    arguments: "Arguments",
    optional: "optional",
    example: "Example",
    source: "Source",
    notEnabledTitle: "A formula shows #NAME?",
    notEnabled: [
      "An installed add-on's formulas work only in the spreadsheets where the add-on is enabled; elsewhere Sheets does not know them and shows #NAME?.",
      "To enable it: Extensions → Add-ons → Manage add-ons, find Cohort LTV, open its ⋮ menu and tick “Use in this document”. Using any item of its menu in the spreadsheet enables it too.",
    ],
    groups: {
      "functions/everyday": "Everyday metrics",
      "functions/cohorts": "Cohorts",
      "functions/forecasts": "Forecasts",
      "functions/segments": "Segments",
      "functions/subscription": "Subscriptions (MRR)",
      "functions/purchase-models": "Purchase models",
      "functions/forecast-check": "Forecast check",
      "functions/payback": "Payback",
      "functions/model-fits": "MBG/NBD and fits from a summary",
      "functions/predictions": "Predictions at given parameters",
    },
  },
  ko: {
    intro:
      "아무 셀에나 입력하세요. 모든 인수에는 셀 하나 또는 범위를 넣을 수 있고, 비율은 0.05 또는 5%로 씁니다. [대괄호] 안의 인수는 선택 사항입니다.",
    separators:
      "소수점을 쉼표로 쓰는 언어 설정(예: 러시아어)의 스프레드시트에서는 인수를 세미콜론으로 구분하세요: =LTV(50; 4; 3).",
    search: "수식 찾기",
    searchHint: "예: churn, 코호트, CAC",
    noMatch: "검색과 일치하는 수식이 없습니다.",
    result: "결과",
    definition: "정의",
    arguments: "인수",
    optional: "선택",
    example: "예",
    source: "출처",
    notEnabledTitle: "수식에 #NAME?이 표시될 때",
    notEnabled: [
      "설치한 부가기능의 수식은 그 부가기능이 사용 설정된 스프레드시트에서만 작동합니다. 다른 곳에서는 Sheets가 수식을 알지 못해 #NAME?을 표시합니다.",
      "사용 설정 방법: 확장 프로그램 → 부가기능 → 부가기능 관리에서 Cohort LTV를 찾아 ⋮ 메뉴를 열고 “이 문서에서 사용”을 선택하세요. 스프레드시트에서 부가기능 메뉴의 항목을 하나라도 사용해도 사용 설정됩니다.",
    ],
    groups: {
      "functions/everyday": "기본 지표",
      "functions/cohorts": "코호트",
      "functions/forecasts": "예측",
      "functions/segments": "세그먼트",
      "functions/subscription": "구독 (MRR)",
      "functions/purchase-models": "구매 모델",
      "functions/forecast-check": "예측 점검",
      "functions/payback": "회수",
      "functions/model-fits": "MBG/NBD와 요약 표로 모델 적합",
      "functions/predictions": "주어진 모수로 예측",
    },
  },
  ru: {
    intro:
      "Вводите их в любую ячейку. Каждый аргумент — ячейка или диапазон; доли пишутся как 0,05 или 5%. Аргументы в [скобках] необязательны.",
    separators:
      "В таблице с русскими настройками (десятичная запятая) аргументы разделяются точкой с запятой: =LTV(50; 4; 3), а в примерах ниже 0.05 пишется как 0,05.",
    search: "Найти формулу",
    searchHint: "например, отток, когорта, CAC",
    noMatch: "Нет формул, подходящих под поиск.",
    result: "Результат",
    definition: "Определение",
    arguments: "Аргументы",
    optional: "необязательный",
    example: "Пример",
    source: "Источник",
    notEnabledTitle: "Формула показывает #NAME?",
    notEnabled: [
      "Формулы установленного дополнения работают только в таблицах, где дополнение включено; в остальных Таблицы их не знают и показывают #NAME?.",
      "Как включить: Расширения → Дополнения → Управление дополнениями, найдите Cohort LTV, откройте его меню ⋮ и отметьте «Использовать в этом документе». Дополнение включается и тогда, когда в таблице выбран любой пункт его меню.",
    ],
    groups: {
      "functions/everyday": "Основные метрики",
      "functions/cohorts": "Когорты",
      "functions/forecasts": "Прогнозы",
      "functions/segments": "Сегменты",
      "functions/subscription": "Подписки (MRR)",
      "functions/purchase-models": "Модели покупок",
      "functions/forecast-check": "Проверка прогноза",
      "functions/payback": "Окупаемость",
      "functions/model-fits": "MBG/NBD и оценка моделей по сводке",
      "functions/predictions": "Прогнозы при заданных параметрах",
    },
  },
};

const KO_TRANSACTIONS = {
  customer_ids: "거래마다의 고객 ID (열 하나).",
  dates: "거래마다의 날짜 (날짜 열, 같은 길이).",
  amounts: "거래마다의 금액, 통화 단위 (환불은 음수).",
  period: '선택: "month"(기본값), "week" 또는 "quarter".',
};

const RU_TRANSACTIONS = {
  customer_ids: "ID клиента каждой транзакции (столбец).",
  dates: "Дата каждой транзакции (столбец дат той же длины).",
  amounts: "Сумма каждой транзакции в валюте (возврат — отрицательная).",
  period: 'Необязательно: "month" (по умолчанию), "week" или "quarter".',
};

const KO_FIT = {
  customer_ids: "고객 ID 열, 거래마다 하나.",
  dates: "거래 날짜 열, 같은 길이.",
  amounts: "거래 금액 열, 통화 단위; 환불은 음수.",
  end_date: "선택: 보정 기간의 끝; 이후 거래는 무시됩니다(검증용). 기본값: 마지막 날짜.",
};

const RU_FIT = {
  customer_ids: "Столбец ID клиентов, по одному на транзакцию.",
  dates: "Столбец дат транзакций той же длины.",
  amounts: "Столбец сумм транзакций в валюте; возвраты — отрицательные.",
  end_date:
    "Необязательно: конец периода калибровки; более поздние транзакции не учитываются (контрольный период). По умолчанию — последняя дата.",
};

const KO_SURVIVORS = "각 기간 시작 시점에 남아 있는 고객 수의 열, 0기(코호트 크기)부터; 3개 기간 이상.";
const RU_SURVIVORS =
  "Столбец числа клиентов, активных в начале каждого периода, начиная с периода 0 (размер когорты); не меньше 3 периодов.";

const KO_PAYMENTS = {
  customer_ids: "결제마다의 고객 ID (열 하나; 00004 같은 텍스트 ID는 텍스트로 유지).",
  dates: "결제마다의 날짜 (날짜 열, 같은 길이).",
  amounts: "결제마다의 금액, 통화 단위 (환불은 음수).",
  term_months:
    "선택: 결제 하나가 다루는 개월 수, 정수 (기본값 1; 연간 요금제는 12). 모든 행에 숫자 하나 또는 결제 옆의 열 (빈 셀 = 1; 연간 결제의 환불도 12).",
  end_date: "선택: 관측 마지막 날 (기본값: 데이터의 마지막 날짜); 이후 행은 제외됩니다.",
};

const RU_PAYMENTS = {
  customer_ids: "ID клиента каждого платежа (столбец; текстовые ID вроде 00004 остаются текстом).",
  dates: "Дата каждого платежа (столбец дат той же длины).",
  amounts: "Сумма каждого платежа в валюте (возврат — отрицательная).",
  term_months:
    "Необязательно: сколько месяцев покрывает платёж, целое число (по умолчанию 1; 12 для годового тарифа) — одно число на все строки или столбец рядом с платежами (пусто = 1; возврат годового платежа — тоже 12).",
  end_date:
    "Необязательно: последний день наблюдения (по умолчанию — последняя дата в данных); более поздние строки не учитываются.",
};

/** The BG/BB formulas' summary table of patterns. */
const KO_PATTERNS = {
  frequency: "열: 첫 기회 이후의 기회들에서 한 거래 수 (x).",
  recency: "열: 마지막 거래가 있던 기회 (t_x), frequency가 0이면 0.",
  periods: "열: 첫 기회 이후 관측된 기회 수 (n).",
  customers: "선택 열: 그 패턴의 고객 수. 기본값: 행마다 1.",
};
const RU_PATTERNS = {
  frequency: "Столбец: транзакции в моменты после первого (x).",
  recency: "Столбец: момент последней транзакции (t_x), 0 при frequency = 0.",
  periods: "Столбец: число наблюдаемых моментов после первого (n).",
  customers: "Необязательный столбец: клиенты с этим паттерном. По умолчанию — 1 на строку.",
};

/** NRR's and GRR's arguments but expansion. */
const KO_LOSSES = {
  mrr_start: "기간 시작 시점의 MRR, 통화 단위.",
  contraction: "다운그레이드로 잃은 MRR: −30과 30 모두 30 손실.",
  churned: "떠난 고객과 함께 잃은 MRR: −50과 50 모두 50 손실.",
};
const RU_LOSSES = {
  mrr_start: "MRR на начало периода, в валюте.",
  contraction: "MRR, потерянный из-за даунгрейдов: −30 и 30 — обе записи означают потерю 30.",
  churned: "MRR, ушедший вместе с клиентами: −50 и 50 — обе записи означают потерю 50.",
};

export const FORMULAS: Record<Exclude<Language, "en">, Record<string, FormulaText>> = {
  ko: {
    AOV: {
      definition: "평균 주문 금액: revenue / orders.",
      result: "평균 주문 금액, 주문당 통화 단위.",
      params: {
        revenue: "기간 매출, 통화 단위 (셀 또는 범위).",
        orders: "같은 기간의 주문 수.",
      },
      source: "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).",
    },
    PURCHASE_FREQUENCY: {
      definition: "구매 빈도: orders / customers.",
      result: "기간 중 고객당 주문 수.",
      params: { orders: "기간 중 주문 수.", customers: "기간 중 주문한 고유 고객 수." },
      source: "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).",
    },
    LTV: {
      definition: "고객 생애 가치(매출): aov × purchase_frequency × lifespan.",
      result: "고객당 생애 매출, 통화 단위.",
      params: {
        aov: "평균 주문 금액, 주문당 통화 단위.",
        purchase_frequency: "기간당 고객 1인의 주문 수 (예: 연간).",
        lifespan: "예상 고객 유지 기간, 같은 기간 단위.",
      },
      source:
        "흔히 쓰이는 할인 없는 생애 가치 어림 공식; 이 공식이 빠뜨리는 것(리텐션, 할인)은 Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012) 참고.",
    },
    CLV: {
      definition: "고객 생애 가치(이익): aov × purchase_frequency × lifespan × margin.",
      result: "고객당 생애 이익, 통화 단위.",
      params: {
        aov: "평균 주문 금액, 주문당 통화 단위.",
        purchase_frequency: "기간당 고객 1인의 주문 수 (예: 연간).",
        lifespan: "예상 고객 유지 기간, 같은 기간 단위.",
        margin: "매출 대비 매출 총이익률 (0.3 또는 30%).",
      },
      source:
        "흔히 쓰이는 할인 없는 생애 가치 어림 공식; 이 공식이 빠뜨리는 것(리텐션, 할인)은 Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012) 참고.",
    },
    LTV_CHURN: {
      definition:
        "이탈률로 구한 생애 가치: margin × arpu × (1 + discount_rate) / (discount_rate + churn_rate). 고객이 남아 있는 동안 매 기간 시작에 매출이 발생합니다.",
      result: "고객당 생애 가치, 통화 단위.",
      params: {
        arpu: "기간당 고객 1인의 평균 매출, 통화 단위.",
        churn_rate: "기간당 이탈하는 고객 비율 (0.05 또는 5%).",
        margin: "선택: 매출 대비 매출 총이익률; 기본값 1 (100%).",
        discount_rate: "선택: 기간당 할인율 (0.01 또는 1%); 기본값 0.",
      },
      source:
        "Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012), 식 (1), 리텐션 r = 1 − churn_rate.",
    },
    CAC: {
      definition: "고객 획득 비용: spend / new_customers.",
      result: "신규 고객 1인당 획득 비용, 통화 단위.",
      params: { spend: "기간 중 마케팅 비용, 통화 단위.", new_customers: "기간 중 획득한 신규 고객 수." },
      source: "Skok, “SaaS Metrics 2.0” (2013).",
    },
    LTV_CAC: {
      definition: "LTV:CAC 비율: ltv / cac. 건강한 사업은 흔히 3 이상이라고 합니다.",
      result: "비율 (3은 3:1).",
      params: { ltv: "고객당 생애 가치, 통화 단위.", cac: "고객당 획득 비용, 같은 통화." },
      source: "Skok, “SaaS Metrics 2.0” (2013).",
    },
    CHURN: {
      definition: "이탈률: customers_lost / customers_at_start.",
      result: "이탈률, 비율 (셀 서식을 %로).",
      params: { customers_lost: "기간 중 잃은 고객 수.", customers_at_start: "기간 시작 시점의 고객 수." },
      source:
        "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010), “Retention and churn”.",
    },
    RETENTION: {
      definition: "고객 유지율: (customers_at_end − new_customers) / customers_at_start.",
      result: "유지율, 비율 (셀 서식을 %로).",
      params: {
        customers_at_end: "기간 말의 고객 수.",
        new_customers: "기간 중 획득한 고객 수.",
        customers_at_start: "기간 시작 시점의 고객 수.",
      },
      source:
        "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010), “Retention and churn”.",
    },
    PAYBACK: {
      definition:
        "CAC 회수 기간: 고객당 누적 기대 이익이 CAC를 회수할 때까지의 기간 수. 이탈이 없으면 cac / margin_per_period, 이탈률 c가 있으면 ln(1 − cac·c / margin) / ln(1 − c). 남아 있는 고객의 이익을 n기간 합한 m·(1 − (1 − c)ⁿ) / c가 cac에 이르는 n입니다.",
      result: "CAC 회수까지의 기간 수 (2.5 = 세 번째 기간의 중간).",
      params: {
        cac: "고객당 획득 비용, 통화 단위.",
        margin_per_period: "기간당 고객 1인의 매출 총이익, 통화 단위.",
        churn_rate: "선택: 기간당 이탈하는 고객 비율; 기본값 0.",
      },
      source: "Skok, “SaaS Metrics 2.0” (2013), “months to recover CAC”.",
    },
    REPEAT_RATE: {
      definition: "재구매 고객 비율: 두 행 이상에 나오는 고객 수 / 고유 고객 수.",
      result: "두 번 이상 구매한 고객의 비율 (셀 서식을 %로).",
      params: { customer_ids: "거래 표의 고객 ID 열 (빈 셀은 건너뜀)." },
      source: "Shopify Analytics, “Returning customer rate”.",
    },
    COHORT_RETENTION: {
      definition:
        "코호트 리텐션: 첫 구매 기간으로 고객을 묶고, 각 코호트와 그 이후 k번째 기간마다 그 기간에 구매한 코호트 고객의 비율(또는 수). Retention(c, k) = 기간 c + k에 구매한 코호트 c의 고유 고객 수 / 코호트 c의 고객 수. 모든 행을 구매로 셉니다: 환불은 먼저 FILTER로 빼세요. 기간은 스프레드시트 시간대 기준의 달력 월, ISO 주(월–일) 또는 분기이며, 마지막 날짜 이후 기간은 비어 있습니다.",
      result: "표: 머리글 행, 그다음 코호트마다 한 행: 코호트 시작일, 고객 수, 0기, 1기, ….",
      params: {
        customer_ids: "거래마다의 고객 ID (열 하나; 00004 같은 텍스트 ID는 텍스트로 유지).",
        dates: "거래마다의 날짜 (날짜 또는 날짜 텍스트 열, 같은 길이).",
        period: KO_TRANSACTIONS.period,
        as: '선택: "percent"(기본값: 코호트 대비 비율, 1 = 100%) 또는 "count"(고객 수).',
      },
      source: "표준 코호트(리텐션) 행렬, 예: Fader & Hardie, “How to Project Customer Retention” (2007).",
    },
    COHORT_REVENUE: {
      definition:
        "코호트 매출: 각 코호트(첫 구매 기간으로 묶은 고객)와 그 이후 k번째 기간마다 코호트 고객의 그 기간 매출. 음수 금액은 환불로, 해당 기간 매출을 줄이지만 고객을 활성으로 만들거나 코호트를 시작하지 않습니다. 기간은 스프레드시트 시간대 기준의 달력 월, ISO 주 또는 분기이며, 마지막 날짜 이후 기간은 비어 있습니다.",
      result: "표: 머리글 행, 그다음 코호트마다 한 행: 코호트 시작일, 고객 수, 0기, 1기, …의 매출.",
      params: KO_TRANSACTIONS,
      source: "코호트 분석의 매출 코호트 행렬, Fader & Hardie의 고객 기반 분석에서처럼.",
    },
    COHORT_LTV: {
      definition:
        "코호트 LTV 곡선: 각 코호트와 기간 k마다 k기까지의 고객당 누적 매출: L(c, k) = Σ_{j ≤ k} Revenue(c, j) / 코호트 c의 고객 수. 환불(음수 금액)은 이를 줄입니다. 마지막 날짜 이후 기간은 비어 있습니다.",
      result:
        "표: 머리글 행, 그다음 코호트마다 한 행: 코호트 시작일, 고객 수, 0기, 1기, …까지의 고객당 누적 매출.",
      params: KO_TRANSACTIONS,
      source: "코호트 분석의 과거(코호트) LTV 곡선.",
    },
    RFM: {
      definition:
        "CLV 모델(BG/NBD, Pareto/NBD, Gamma-Gamma)용 고객별 RFM 요약: frequency = 재구매일 수 (구매가 있던 서로 다른 날 수 − 1: 같은 날의 구매는 한 번); recency = 마지막 구매일의 경과 기간 (첫 구매일부터 마지막 구매일까지); T = end_date까지의 경과 기간 (첫 구매일부터 end_date까지); monetary = 재구매일의 평균 금액 (첫날 제외; 재구매가 없으면 0). 기간은 `unit` 단위입니다 (한 달 = 365.25/12일). end_date 이후 행은 무시하고, 환불은 구매가 아니며 앞선 구매일과 상계됩니다. 주는 첫 구매부터의 일수 ÷ 7로, lifetimes의 summary_data_from_transaction_data(…, freq='D', freq_multiplier=7)와 같으며 달력 주가 아닙니다.",
      result: "표: 머리글 행, 그다음 고객마다 한 행: 고객 ID, frequency, recency, T, monetary.",
      params: {
        customer_ids: KO_TRANSACTIONS.customer_ids,
        dates: KO_TRANSACTIONS.dates,
        amounts: KO_TRANSACTIONS.amounts,
        end_date: "선택: 관측 종료일 (기본값: 데이터의 마지막 날짜).",
        unit: '선택: recency와 T의 단위: "week"(기본값), "day", "month", "quarter" 또는 "year".',
      },
      source: "Fader, Hardie & Lee (2005), “Counting Your Customers the Easy Way”; `lifetimes` 패키지.",
    },
    RETENTION_FORECAST: {
      definition:
        "이동 베타-기하(sBG) 모델로 코호트의 활성 고객을 예측합니다 (Fader & Hardie 2007, “How to Project Customer Retention”): 주어진 수에 최대우도로 α, β를 적합한 뒤 다음 기간들의 n₀ · S(t), S(t) = B(α, β + t)/B(α, β)를 계산합니다.",
      result: "마지막으로 주어진 기간 이후 기간들의 예상 활성 고객 수 열.",
      params: {
        survivors: KO_SURVIVORS,
        periods_ahead:
          "예측할 이후 기간 수, 1부터 1,000까지의 정수 (기간마다 결과의 한 행; 몇 기간의 고객 수로 먼 미래는 알 수 없습니다).",
      },
      source:
        "Fader & Hardie, “How to Project Customer Retention”, Journal of Interactive Marketing 21(1) (2007).",
    },
    SBG_PARAMS: {
      definition:
        "이동 베타-기하 리텐션 모델(Fader & Hardie 2007)을 최대우도로 적합합니다: 고객마다의 이탈 확률 θ ~ Beta(α, β).",
      result:
        "머리글 행, 추정값 행: alpha, beta, log_likelihood (자연로그), 그리고 표준오차 행 (관측 정보량; log_likelihood 아래는 빈칸). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.",
      params: { survivors: `${KO_SURVIVORS} 여러 열: 열마다 한 코호트, 함께 적합.` },
      source:
        "Fader & Hardie, “How to Project Customer Retention”, Journal of Interactive Marketing 21(1) (2007).",
    },
    BGNBD_PARAMS: {
      definition:
        "BG/NBD 재구매 모델(Fader, Hardie & Lee 2005, “Counting Your Customers the Easy Way”)을 고객마다의 재구매일 수, recency, 경과 기간(RFM과 같은 방식)에 최대우도로 적합합니다: 구매율 λ ~ Gamma(r, α), 구매 후 이탈 확률 p ~ Beta(a, b).",
      result:
        "머리글 행, 추정값 행: r, alpha (단위 기준), a, b, log_likelihood (자연로그), 그리고 표준오차 행 (관측 정보량; log_likelihood 아래는 빈칸). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.",
      params: {
        customer_ids: KO_FIT.customer_ids,
        dates: KO_FIT.dates,
        end_date: KO_FIT.end_date,
        unit: '선택: α의 시간 단위: "day", "week"(기본값), "month", "quarter" 또는 "year".',
      },
      source:
        "Fader, Hardie & Lee, “Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model”, Marketing Science 24(2) (2005).",
    },
    GAMMAGAMMA_PARAMS: {
      definition:
        "Gamma-Gamma 지출 모델(Fader, Hardie & Lee 2005, “RFM and CLV”)을 재구매일이 하루 이상인 고객에게 최대우도로 적합합니다: 주문 금액 ~ Gamma(p, ν), ν ~ Gamma(q, γ). 재구매 합계가 0 이하(환불)인 고객은 들어갈 수 없어 left_out으로 셉니다.",
      result:
        "머리글 행, 추정값 행: p, q, gamma (통화 단위), log_likelihood, customers (적합한 고객), left_out, 그리고 p, q, gamma의 표준오차 행 (관측 정보량). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.",
      params: KO_FIT,
      source:
        "Fader, Hardie & Lee, “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”, Journal of Marketing Research 42(4) (2005); Fader & Hardie, “The Gamma-Gamma Model of Monetary Value” (2013).",
    },
    PREDICTED_CLV: {
      definition:
        "예측 고객 생애 가치, `lifetimes` 패키지의 customer_lifetime_value 정의대로: end_date까지의 거래로 BG/NBD와 Gamma-Gamma를 적합한 뒤, 월별로(365.25/12일) 기대 구매 수 × 기대 주문 금액 × margin / (1 + monthly_discount_rate)^month를 더합니다. lifetimes는 주 단위 데이터에서 한 달을 4.345주, 일 단위 데이터에서 30일로 세므로, 같은 모수에서 CDNOW의 12개월 CLV가 이 값보다 0.05–1.3% 낮습니다.",
      result:
        "머리글 행, 그다음 고객마다 한 행: ID, P(활성), 기간 중 기대 구매 수, 기대 주문 금액, 예측 CLV (통화 단위)[, clv_lower, clv_upper]. 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.",
      params: {
        ...KO_FIT,
        horizon_months:
          "가치를 계산할 앞으로의 개월 수, 1부터 1,200(100년)까지의 정수. 계산 시간은 고객 수가 아니라 서로 다른 (재구매 수, 경과 기간) 쌍의 수 × 개월 수에 비례합니다: 서로 다른 고객 10,000명 × 1,200개월이면 30초 한도 중 몇 초가 걸립니다.",
        monthly_discount_rate: "선택: 월 할인율 (0.01 또는 1%); 기본값 1%.",
        margin: "선택: 매출 중 이익으로 남는 비율 (0.3 또는 30%); 기본값 1 (매출).",
        end_date: "선택: 관측 기간의 끝; 이후 거래는 무시됩니다. 기본값: 마지막 날짜.",
        interval:
          "선택: 신뢰 수준 (0.8 또는 80%): 모수의 불확실성으로 구한 각 CLV의 하한과 상한을 더합니다 (ln CLV에 델타 방법, 관측 정보량).",
      },
      source:
        "`lifetimes` 패키지(GammaGammaFitter.customer_lifetime_value); Fader, Hardie & Lee (2005), “Counting Your Customers the Easy Way”, “RFM and CLV”.",
    },
    PARETONBD_PARAMS: {
      definition:
        "Pareto/NBD 재구매 모델(Schmittlein, Morrison & Colombo 1987; 우도는 Fader, Hardie & Lee 2005, “A Note on Implementing the Pareto/NBD Model”)을 고객마다의 재구매일 수, recency, 경과 기간(RFM과 같은 방식)에 최대우도로 적합합니다: 구매율 λ ~ Gamma(r, α), 고객 수명은 비율 μ ~ Gamma(s, β)의 지수분포.",
      result:
        "머리글 행, 추정값 행: r, alpha, s, beta (α와 β는 단위 기준), log_likelihood (자연로그), 그리고 표준오차 행 (관측 정보량). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.",
      params: {
        customer_ids: KO_FIT.customer_ids,
        dates: KO_FIT.dates,
        end_date: KO_FIT.end_date,
        unit: '선택: α와 β의 시간 단위: "day", "week"(기본값), "month", "quarter" 또는 "year".',
      },
      source:
        "Schmittlein, Morrison & Colombo, “Counting Your Customers”, Management Science 33(1) (1987); Fader, Hardie & Lee, “A Note on Implementing the Pareto/NBD Model in MATLAB” (2005).",
    },
    BGBB_PARAMS: {
      definition:
        "정해진 기회에만 거래가 일어나는 경우(연간 기부, 행사, 시즌)의 BG/BB 모델(Fader, Hardie & Shang 2010)을 요약 표에 최대우도로 적합합니다: 살아 있는 고객은 기회마다 확률 p ~ Beta(α, β)로 거래하고, 기회 전에 확률 θ ~ Beta(γ, δ)로 이탈합니다.",
      result:
        "머리글 행, 추정값 행: alpha, beta, gamma, delta, log_likelihood (자연로그), 그리고 표준오차 행 (관측 정보량). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.",
      params: KO_PATTERNS,
      source:
        "Fader, Hardie & Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting”, Marketing Science 29(6) (2010).",
    },
    BGBB_FORECAST: {
      definition:
        "각 행의 패턴을 가진 고객이 다음 기회들에서 할 기대 거래 수, 표 전체에 적합한 BG/BB 모델(Fader, Hardie & Shang 2010, 식 13)로 계산합니다.",
      result: "열: 다음 periods_ahead번의 기회에서 고객당 기대 거래 수, 표의 행마다 하나.",
      params: {
        ...KO_PATTERNS,
        periods_ahead: "예측할 이후 기회 수, 정수.",
        customers: "선택 열: 그 패턴의 고객 수 (적합의 가중치). 기본값: 행마다 1.",
      },
      source:
        "Fader, Hardie & Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting”, Marketing Science 29(6) (2010), 식 13.",
    },
    FORECAST_CHECK: {
      definition:
        "재구매 모델(BG/NBD, Fader, Hardie & Lee 2005; MBG/NBD, Batislam, Denizel & Filiztekin 2007; 또는 Pareto/NBD, Schmittlein 외 1987)을 백테스트합니다: calibration_end까지의 거래(RFM 요약: 고객당 하루 한 번의 구매)로 적합한 뒤, 그때까지 처음 관측된 고객이 (calibration_end, holdout_end]에 실제로 구매한 날 수를 같은 기간 모델의 조건부 기대값 E[Y(t) | x, t_x, T]와 보정 기간의 재구매 수별로 비교합니다. 데이터의 마지막 날짜 이후의 holdout_end는 마지막 날짜로 잘리고 메모가 붙습니다: 구매와 예측이 같은 기간을 다룹니다.",
      result:
        '머리글 행, 그다음 보정 기간 재구매 수(0 … 6, "7+")마다 한 행과 "All" 행: 고객 수, 검증 기간의 평균 실제 구매 수, 평균 예측 구매 수. 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”: 고객이나 재구매 고객이 너무 적음, 데이터가 거의 정하지 못하는 모수, 너무 짧은 검증 기간 등); 위의 행들은 제자리에 있습니다.',
      params: {
        customer_ids: KO_FIT.customer_ids,
        dates: KO_FIT.dates,
        calibration_end: "모델을 적합할 보정 기간의 마지막 날.",
        holdout_end: "선택: 검증(홀드아웃) 기간의 마지막 날. 기본값: 데이터의 마지막 날짜.",
        model: '선택: "bgnbd"(기본값), "mbgnbd" 또는 "paretonbd".',
        unit: '선택: 모델을 적합할 시간 단위: "day", "week"(기본값), "month", "quarter" 또는 "year".',
      },
      source:
        "Fader, Hardie & Lee (2005), “Counting Your Customers the Easy Way”의 보정/홀드아웃 검증(그림 2, 표 2); Schmittlein, Morrison & Colombo (1987).",
    },
    MRR_MOVEMENTS: {
      definition:
        "월별 MRR 변동, 결제 행으로 계산 (ChartMogul과 Baremetrics의 MRR 변동 정의). n개월(term_months)에 대한 금액 A의 결제는 결제일이 속한 달부터 n개의 달력 월에 A / n씩 더합니다 (스프레드시트 시간대 기준). 음수 금액은 환불로, 같은 방식으로 뺍니다. 고객의 월 MRR은 이들의 합이며, 합이 0 이하인 달은 MRR이 없습니다. 전월 대비 고객마다: 신규(첫 MRR), 재활성화(MRR이 없는 달이 한 달 이상 있은 뒤 다시 MRR), 확장(MRR 증가), 축소(감소했지만 0보다 큼; 음수), 이탈(이번 달 MRR 없음; 전월 MRR만큼 음수). 0.005 미만의 변화는 변화로 보지 않습니다. 시작 MRR + 신규 + 확장 + 재활성화 + 축소 + 이탈 = 종료 MRR. NRR = (시작 + 확장 + 축소 + 이탈) / 시작; GRR = (시작 + 축소 + 이탈) / 시작; 퀵 레이쇼 = (신규 + 확장 + 재활성화) / −(축소 + 이탈); 분모가 0이면 비어 있습니다. 금액은 결제 통화의 월 금액이고, 비율은 소수입니다 (1 = 100%).",
      result:
        "표: 머리글 행, 그다음 월마다 한 행: 월 시작일, 시작 MRR, 신규, 확장, 재활성화, 축소, 이탈, 종료 MRR, MRR이 있는 고객 수, NRR, GRR, 퀵 레이쇼.",
      params: KO_PAYMENTS,
      source: "ChartMogul, “MRR movements”, “Net MRR retention”; Baremetrics, “Quick Ratio”.",
    },
    COHORT_NRR: {
      definition:
        "코호트별 순 MRR 유지율: 첫 MRR이 생긴 달로 고객을 묶고 (결제가 MRR이 되는 방식은 MRR_MOVEMENTS 참고), 각 코호트와 그 이후 k번째 달마다 코호트의 k개월 차 MRR / 0개월 차 MRR. k = 0에서 100%이며, 확장이 이탈보다 크면 100%를 넘습니다. 마지막 달 이후는 비어 있습니다. 비율은 소수입니다 (1 = 100%).",
      result:
        "표: 머리글 행, 그다음 코호트마다 한 행: 코호트 시작일, 고객 수, 0개월 차, 1개월 차, …의 순 MRR 유지율.",
      params: KO_PAYMENTS,
      source: "ChartMogul, “Cohort analysis: net MRR retention”.",
    },
    NRR: {
      definition:
        "순매출 유지율(NRR): (mrr_start + expansion − contraction − churned) / mrr_start. contraction과 churned는 잃은 MRR로, 음수 변동(MRR_MOVEMENTS가 쓰는 대로) 또는 잃은 금액(양수)으로 줄 수 있으며 둘 다 손실로 셉니다. 확장이 손실보다 크면 1(100%)을 넘습니다.",
      result: "순매출 유지율, 비율 (1.05 = 105%).",
      params: { ...KO_LOSSES, expansion: "기존 고객에게서 늘어난 MRR (업그레이드), 통화 단위." },
      source: "ChartMogul, “Net MRR retention”.",
    },
    GRR: {
      definition:
        "총매출 유지율(GRR): (mrr_start − contraction − churned) / mrr_start, 확장을 빼고 기간 시작의 MRR 중 유지된 비율로 최대 1(100%). contraction과 churned는 음수 변동(MRR_MOVEMENTS가 쓰는 대로) 또는 잃은 금액(양수)으로 줄 수 있으며 둘 다 손실로 셉니다.",
      result: "총매출 유지율, 비율 (0.95 = 95%).",
      params: KO_LOSSES,
      source: "ChartMogul, “Gross MRR retention”.",
    },
    RFM_SEGMENTS: {
      definition:
        "RFM 점수와 세그먼트. end_date까지 구매가 있는 고객마다: recency = 마지막 구매일부터 end_date까지의 일수 (적을수록 좋음), frequency = 구매가 있던 서로 다른 날 수, monetary = 순지출 합계 (환불 차감, 통화 단위). 각각을 고객 5분위로 1–5점 매기며 5가 가장 좋습니다. 나쁜 순으로 정렬해 n명 중 위치 i(0부터)인 고객은 1 + ⌊5·(i + ½)/n⌋점이라 각 점수에 n/5명 ± 1명이 들어가고, 동점 고객들은 그 구간의 첫 위치의 점수를 함께 받습니다(frequency가 같은 고객은 같은 점수, 한 번만 산 고객은 가장 낮은 점수). 세그먼트는 R과 F로 정합니다 (M은 쓰지 않음): R 4–5·F 4–5는 Champions(R 5) 또는 Loyal customers(R 4); R 3·F 4–5는 Loyal customers; R 4–5·F 2–3은 Potential loyalists; R 5·F 1은 New customers; R 4·F 1은 Promising; R 3·F 3은 Need attention; R 3·F 1–2는 About to sleep; R 1–2이면 F 3–4는 At risk, F 5는 Can't lose them, F 1–2는 Hibernating (R 1·F 1만 Lost). 고객 목록 시트는 세그먼트를 한국어로 씁니다: Champions 챔피언, Loyal customers 충성 고객, Potential loyalists 잠재 충성 고객, New customers 신규 고객, Promising 유망 고객, Need attention 관심 필요, About to sleep 휴면 직전, At risk 이탈 위험, Can't lose them 놓치면 안 될 고객, Hibernating 휴면, Lost 이탈.",
      result: "머리글 행, 그다음 고객마다 한 행: ID, recency 점수, frequency 점수, monetary 점수, 세그먼트.",
      params: {
        customer_ids: "거래마다의 고객 ID (열 하나).",
        dates: KO_TRANSACTIONS.dates,
        amounts: KO_TRANSACTIONS.amounts,
        end_date: "선택: 관측 종료일 (기본값: 마지막 날짜); 이후 행은 무시됩니다.",
      },
      source:
        "Hughes, “Strategic Database Marketing” (1994)의 점수; 널리 쓰이는 RFM 세그먼트 맵의 격자 (예: Putler, “RFM Analysis for Successful Customer Segmentation”).",
    },
    PREDICTED_NEW_CUSTOMER_VALUE: {
      definition:
        '오늘 획득한 신규 고객의 예측 가치: 앞으로 horizon_months 동안 할인된 기대 이익, 첫 구매 포함: margin × E[주문 금액] × (1 + Σ_{m=1..H} m월의 기대 재구매 수 / (1 + d)^m). 기대 재구매 수는 BG/NBD의 무조건 기댓값, E[주문 금액]은 Gamma-Gamma 모집단 평균 p·γ/(q − 1)이며 둘 다 모든 거래로 주 단위로 적합합니다; 한 달 = 365.25/12일, 통화 단위. 80% 구간은 관측 정보량에서 얻은 모수 공분산으로 ln 가치에 델타 방법을 적용합니다. segments가 있으면 고객은 첫 구매의 세그먼트에 속하고, 재구매 고객(양의 재구매일이 있는 고객)이 30명 미만이거나 자체 적합이 실패한 세그먼트는 전체(pooled) 적합을 쓰며 "(pooled fit)"으로 표시됩니다.',
      result:
        '머리글 행, 그다음 세그먼트마다 한 행 (또는 "All" 한 행): 세그먼트, 고객 수, 가치, 하한, 상한 (80%), 통화 단위.',
      params: {
        customer_ids: "고객 ID 열, 거래마다 하나.",
        dates: "거래 날짜 열, 같은 길이.",
        amounts: "거래 금액 열, 통화 단위; 환불은 음수.",
        horizon_months: "가치를 계산할 앞으로의 개월 수, 1부터 1,200까지의 정수.",
        monthly_discount_rate: "선택: 월 할인율 (0.01 또는 1%); 기본값 1%.",
        margin: "선택: 매출 중 이익으로 남는 비율 (0.3 또는 30%); 기본값 1 (매출).",
        segments: "선택: 거래마다의 세그먼트(채널), 같은 길이.",
      },
      source:
        "Fader, Hardie & Lee (2005), “Counting Your Customers the Easy Way” (식 9) 및 “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”.",
    },
    PAYBACK_CURVE: {
      definition:
        "회수 곡선: 코호트별로 획득 후 기간에 따른 고객당 누적 이익 ÷ CAC. 획득 코호트(첫 구매 기간의 고객; segments가 있으면 코호트와 그 구매의 세그먼트)마다 CAC = 그 기간(및 세그먼트)의 지출 / 신규 고객 수이고, k = 0, 1, …에 대해 R(k) = 기간 k까지의 고객당 누적 이익 ÷ CAC입니다. R(k) ≥ 1인 첫 k부터 회수된 것입니다. 이익 = 금액 × margin. 기간 안의 날짜로 된 지출 행은 그 기간에 들어가며 (주별 코호트에서는 월별 행을 일수대로 나눔), segments가 있으면 지출 표가 다루는 기간에 지출이 없는 세그먼트는 CAC 0 (비율 없음)이고, 없으면 한 기간의 지출 행은 spend_segments와 관계없이 합산됩니다. 단위: 비율 (1 = CAC 회수).",
      result:
        "머리글 행, 그다음 코호트마다 한 행: 코호트 시작일, 세그먼트, 고객 수, CAC, 그리고 기간 0, 1, …의 고객당 누적 이익 ÷ CAC.",
      params: {
        ...KO_TRANSACTIONS,
        spend_periods: "지출 행마다의 날짜: 그 기간의 아무 날 (예: 매월 1일).",
        spend: "지출 행마다의 마케팅 지출, 통화 단위 (같은 길이).",
        segments: "선택: 거래마다의 세그먼트(채널), dates와 같은 길이.",
        spend_segments: "선택: 지출 행마다 지출한 세그먼트 (segments가 있으면 필요).",
        margin: "선택: 매출 중 이익으로 남는 비율 (0.3 또는 30%); 기본값 1 (매출).",
      },
      source: "Skok, “SaaS Metrics 2.0” (2013), CAC 회수 기간을 코호트별로 읽은 코호트 회수 곡선.",
    },
    ...MODEL_FORMULAS.ko,
  },
  ru: {
    AOV: {
      definition: "Средний чек: revenue / orders.",
      result: "Средний чек, в валюте за заказ.",
      params: {
        revenue: "Выручка за период, в валюте (ячейка или диапазон).",
        orders: "Число заказов за тот же период.",
      },
      source: "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).",
    },
    PURCHASE_FREQUENCY: {
      definition: "Частота покупок: orders / customers.",
      result: "Заказов на клиента за период.",
      params: {
        orders: "Число заказов за период.",
        customers: "Число разных клиентов, сделавших заказ за период.",
      },
      source: "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).",
    },
    LTV: {
      definition: "Пожизненная ценность клиента (выручка): aov × purchase_frequency × lifespan.",
      result: "Выручка с клиента за всё время, в валюте.",
      params: {
        aov: "Средний чек, в валюте за заказ.",
        purchase_frequency: "Заказов на клиента за период (например, за год).",
        lifespan: "Ожидаемый срок жизни клиента, в тех же периодах.",
      },
      source:
        "распространённое правило большого пальца без дисконтирования; чего в нём нет (удержания, дисконтирования) — см. Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012).",
    },
    CLV: {
      definition: "Пожизненная ценность клиента (прибыль): aov × purchase_frequency × lifespan × margin.",
      result: "Прибыль с клиента за всё время, в валюте.",
      params: {
        aov: "Средний чек, в валюте за заказ.",
        purchase_frequency: "Заказов на клиента за период (например, за год).",
        lifespan: "Ожидаемый срок жизни клиента, в тех же периодах.",
        margin: "Валовая маржа как доля выручки (0,3 или 30%).",
      },
      source:
        "распространённое правило большого пальца без дисконтирования; чего в нём нет (удержания, дисконтирования) — см. Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012).",
    },
    LTV_CHURN: {
      definition:
        "Пожизненная ценность через отток: margin × arpu × (1 + discount_rate) / (discount_rate + churn_rate). Выручка приходит в начале каждого периода, пока клиент остаётся.",
      result: "Пожизненная ценность клиента, в валюте.",
      params: {
        arpu: "Средняя выручка с клиента за период, в валюте.",
        churn_rate: "Доля клиентов, уходящих за период (0,05 или 5%).",
        margin: "Необязательно: валовая маржа как доля выручки; по умолчанию 1 (100%).",
        discount_rate: "Необязательно: ставка дисконтирования за период (0,01 или 1%); по умолчанию 0.",
      },
      source:
        "Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012), формула (1) с удержанием r = 1 − churn_rate.",
    },
    CAC: {
      definition: "Стоимость привлечения клиента: spend / new_customers.",
      result: "Стоимость привлечения, в валюте на нового клиента.",
      params: {
        spend: "Маркетинговые расходы за период, в валюте.",
        new_customers: "Новые клиенты, привлечённые за период.",
      },
      source: "Skok, “SaaS Metrics 2.0” (2013).",
    },
    LTV_CAC: {
      definition: "Отношение LTV:CAC: ltv / cac. Здоровым бизнесом часто считают отношение 3 и выше.",
      result: "Отношение (3 означает 3:1).",
      params: {
        ltv: "Пожизненная ценность клиента, в валюте.",
        cac: "Стоимость привлечения клиента, в той же валюте.",
      },
      source: "Skok, “SaaS Metrics 2.0” (2013).",
    },
    CHURN: {
      definition: "Отток: customers_lost / customers_at_start.",
      result: "Доля оттока (задайте ячейке формат %).",
      params: {
        customers_lost: "Клиенты, ушедшие за период.",
        customers_at_start: "Клиенты на начало периода.",
      },
      source:
        "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010), «Retention and churn».",
    },
    RETENTION: {
      definition: "Удержание клиентов: (customers_at_end − new_customers) / customers_at_start.",
      result: "Доля удержания (задайте ячейке формат %).",
      params: {
        customers_at_end: "Клиенты на конец периода.",
        new_customers: "Клиенты, привлечённые за период.",
        customers_at_start: "Клиенты на начало периода.",
      },
      source:
        "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010), «Retention and churn».",
    },
    PAYBACK: {
      definition:
        "Окупаемость CAC: сколько периодов нужно, чтобы накопленная ожидаемая маржа с клиента вернула CAC. Без оттока: cac / margin_per_period; с оттоком c: ln(1 − cac·c / margin) / ln(1 − c) — то n, при котором маржа оставшихся клиентов за n периодов, m·(1 − (1 − c)ⁿ) / c, достигает cac.",
      result: "Периодов до окупаемости CAC (2,5 — середина третьего периода).",
      params: {
        cac: "Стоимость привлечения клиента, в валюте.",
        margin_per_period: "Валовая маржа с клиента за период, в валюте.",
        churn_rate: "Необязательно: доля клиентов, уходящих за период; по умолчанию 0.",
      },
      source: "Skok, “SaaS Metrics 2.0” (2013), «months to recover CAC».",
    },
    REPEAT_RATE: {
      definition: "Доля повторных клиентов: клиенты, встречающиеся в двух строках и более / разные клиенты.",
      result: "Доля клиентов, купивших больше одного раза (задайте ячейке формат %).",
      params: { customer_ids: "Столбец ID клиентов таблицы транзакций (пустые пропускаются)." },
      source: "Shopify Analytics, «Returning customer rate».",
    },
    COHORT_RETENTION: {
      definition:
        "Удержание когорт: клиенты группируются по периоду первой покупки; для каждой когорты и k-го периода после неё — доля (или число) клиентов когорты, купивших в этом периоде. Retention(c, k) = разные клиенты когорты c, купившие в периоде c + k / клиенты когорты c. Каждая строка считается покупкой: сначала уберите возвраты через FILTER. Периоды — календарные месяцы, недели ISO (пн–вс) или кварталы по дате в часовом поясе таблицы; периоды после последней даты пусты.",
      result:
        "Таблица: строка заголовков, затем по строке на когорту: начало когорты, клиенты, период 0, 1, ….",
      params: {
        customer_ids: "ID клиента каждой транзакции (столбец; текстовые ID вроде 00004 остаются текстом).",
        dates: "Дата каждой транзакции (столбец дат или дат-текстом той же длины).",
        period: RU_TRANSACTIONS.period,
        as: 'Необязательно: "percent" (по умолчанию: доли когорты, 1 = 100%) или "count" (число клиентов).',
      },
      source:
        "стандартная когортная матрица (удержания), например Fader & Hardie, «How to Project Customer Retention» (2007).",
    },
    COHORT_REVENUE: {
      definition:
        "Выручка когорт: для каждой когорты (клиенты, сгруппированные по периоду первой покупки) и k-го периода после неё — выручка от клиентов когорты в этом периоде. Отрицательные суммы — возвраты: они уменьшают выручку своего периода, но не делают клиента активным и не начинают когорту. Периоды — календарные месяцы, недели ISO или кварталы в часовом поясе таблицы; периоды после последней даты пусты.",
      result:
        "Таблица: строка заголовков, затем по строке на когорту: начало когорты, клиенты, выручка в периоде 0, 1, ….",
      params: RU_TRANSACTIONS,
      source: "когортная матрица выручки когортного анализа, как в анализах клиентской базы Fader & Hardie.",
    },
    COHORT_LTV: {
      definition:
        "Кривая LTV когорт: для каждой когорты и периода k — накопленная выручка на клиента когорты по период k включительно: L(c, k) = Σ_{j ≤ k} Revenue(c, j) / клиенты когорты c. Возвраты (отрицательные суммы) её уменьшают. Периоды после последней даты пусты.",
      result:
        "Таблица: строка заголовков, затем по строке на когорту: начало когорты, клиенты, накопленная выручка на клиента по период 0, 1, ….",
      params: RU_TRANSACTIONS,
      source: "историческая (когортная) кривая LTV когортного анализа.",
    },
    RFM: {
      definition:
        "Сводка RFM для моделей CLV (BG/NBD, Pareto/NBD, Gamma-Gamma) по каждому клиенту: frequency — число дней повторных покупок (разных дней с покупкой минус один: покупки в один день считаются одной); recency — возраст на последний день покупки (от первого до последнего дня покупки); T — возраст на end_date (от первого дня покупки до end_date); monetary — средняя сумма дней повторных покупок (без первого дня; 0 без повторов). Возраст — в единицах `unit` (месяц = 365,25/12 дня). Строки после end_date не учитываются; возвраты — не покупки и вычитаются из дня покупки, за которым следуют. Неделя — дни от первой покупки ÷ 7, как в summary_data_from_transaction_data(…, freq='D', freq_multiplier=7) пакета lifetimes, а не календарные недели.",
      result:
        "Таблица: строка заголовков, затем по строке на клиента: ID клиента, frequency, recency, T, monetary.",
      params: {
        customer_ids: RU_TRANSACTIONS.customer_ids,
        dates: RU_TRANSACTIONS.dates,
        amounts: RU_TRANSACTIONS.amounts,
        end_date: "Необязательно: конец наблюдения (по умолчанию — последняя дата в данных).",
        unit: 'Необязательно: единица recency и T: "week" (по умолчанию), "day", "month", "quarter" или "year".',
      },
      source: "Fader, Hardie & Lee (2005), «Counting Your Customers the Easy Way»; пакет `lifetimes`.",
    },
    RETENTION_FORECAST: {
      definition:
        "Прогноз активных клиентов когорты по смещённой бета-геометрической модели (Fader & Hardie 2007, «How to Project Customer Retention»): оценивает α, β методом максимального правдоподобия по данным числам, затем прогнозирует n₀ · S(t), S(t) = B(α, β + t)/B(α, β), на следующие периоды.",
      result: "Столбец прогнозируемого числа активных клиентов на периоды после последнего данного.",
      params: {
        survivors: RU_SURVIVORS,
        periods_ahead:
          "На сколько следующих периодов прогнозировать, целое число от 1 до 1000 (каждый период — строка результата; по нескольким периодам дальше судить нельзя).",
      },
      source:
        "Fader & Hardie, “How to Project Customer Retention”, Journal of Interactive Marketing 21(1) (2007).",
    },
    SBG_PARAMS: {
      definition:
        "Оценивает смещённую бета-геометрическую модель удержания (Fader & Hardie 2007) методом максимального правдоподобия: вероятность ухода θ ~ Beta(α, β) по клиентам.",
      result:
        "Строка заголовков, строка оценок: alpha, beta, log_likelihood (натуральный логарифм) и строка их стандартных ошибок (наблюдаемая информация; под log_likelihood пусто). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.",
      params: {
        survivors: `${RU_SURVIVORS} Несколько столбцов: по когорте в каждом, оцениваются вместе.`,
      },
      source:
        "Fader & Hardie, “How to Project Customer Retention”, Journal of Interactive Marketing 21(1) (2007).",
    },
    BGNBD_PARAMS: {
      definition:
        "Оценивает модель повторных покупок BG/NBD (Fader, Hardie & Lee 2005, «Counting Your Customers the Easy Way») методом максимального правдоподобия по дням повторных покупок, recency и возрасту каждого клиента (как их считает RFM): интенсивность покупок λ ~ Gamma(r, α), уход после покупки p ~ Beta(a, b).",
      result:
        "Строка заголовков, строка оценок: r, alpha (в единице unit), a, b, log_likelihood (натуральный логарифм) и строка их стандартных ошибок (наблюдаемая информация; под log_likelihood пусто). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.",
      params: {
        customer_ids: RU_FIT.customer_ids,
        dates: RU_FIT.dates,
        end_date: RU_FIT.end_date,
        unit: 'Необязательно: единица времени α: "day", "week" (по умолчанию), "month", "quarter" или "year".',
      },
      source:
        "Fader, Hardie & Lee, “Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model”, Marketing Science 24(2) (2005).",
    },
    GAMMAGAMMA_PARAMS: {
      definition:
        "Оценивает модель трат Gamma-Gamma (Fader, Hardie & Lee 2005, «RFM and CLV») методом максимального правдоподобия по клиентам хотя бы с одним днём повторной покупки: суммы заказов ~ Gamma(p, ν), ν ~ Gamma(q, γ). Клиенты, чьи повторные покупки в сумме не больше 0 (возвраты), не входят в оценку и считаются в left_out.",
      result:
        "Строка заголовков, строка оценок: p, q, gamma (в валюте), log_likelihood, customers (оценённые клиенты), left_out и строка стандартных ошибок p, q, gamma (наблюдаемая информация). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.",
      params: RU_FIT,
      source:
        "Fader, Hardie & Lee, “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”, Journal of Marketing Research 42(4) (2005); Fader & Hardie, “The Gamma-Gamma Model of Monetary Value” (2013).",
    },
    PREDICTED_CLV: {
      definition:
        "Прогнозная пожизненная ценность клиента, как её определяет customer_lifetime_value пакета `lifetimes`: BG/NBD и Gamma-Gamma оцениваются по транзакциям до end_date, затем помесячно (365,25/12 дня) ожидаемые покупки × ожидаемый чек × margin / (1 + monthly_discount_rate)^month. lifetimes считает месяц равным 4,345 недели на недельных данных и 30 дням на дневных, поэтому его 12-месячный CLV на CDNOW при тех же параметрах на 0,05–1,3% ниже этого.",
      result:
        "Строка заголовков, затем по строке на клиента: ID, P(активен), ожидаемые покупки за горизонт, ожидаемый чек, прогнозный CLV (в валюте)[, clv_lower, clv_upper]. Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.",
      params: {
        ...RU_FIT,
        horizon_months:
          "На сколько месяцев вперёд оценивать, целое число от 1 до 1200 (100 лет). Время растёт с числом разных пар (повторные покупки, возраст) × месяцы, а не с числом клиентов: 10 000 разных клиентов × 1200 месяцев — несколько секунд из 30-секундного лимита.",
        monthly_discount_rate:
          "Необязательно: ставка дисконтирования за месяц (0,01 или 1%); по умолчанию 1%.",
        margin: "Необязательно: доля выручки, остающаяся прибылью (0,3 или 30%); по умолчанию 1 (выручка).",
        end_date:
          "Необязательно: конец периода наблюдения; более поздние транзакции не учитываются. По умолчанию — последняя дата.",
        interval:
          "Необязательно: доверительный уровень (0,8 или 80%): добавляет нижнюю и верхнюю границы каждого CLV с учётом неопределённости параметров (дельта-метод для ln CLV, наблюдаемая информация).",
      },
      source:
        "пакет `lifetimes` (GammaGammaFitter.customer_lifetime_value); Fader, Hardie & Lee (2005), «Counting Your Customers the Easy Way» и «RFM and CLV».",
    },
    PARETONBD_PARAMS: {
      definition:
        "Оценивает модель повторных покупок Pareto/NBD (Schmittlein, Morrison & Colombo 1987; правдоподобие — по Fader, Hardie & Lee 2005, «A Note on Implementing the Pareto/NBD Model») методом максимального правдоподобия по дням повторных покупок, recency и возрасту каждого клиента (как их считает RFM): интенсивность покупок λ ~ Gamma(r, α), время жизни клиента экспоненциально с интенсивностью μ ~ Gamma(s, β).",
      result:
        "Строка заголовков, строка оценок: r, alpha, s, beta (α и β — в единице unit), log_likelihood (натуральный логарифм) и строка их стандартных ошибок (наблюдаемая информация). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.",
      params: {
        customer_ids: RU_FIT.customer_ids,
        dates: RU_FIT.dates,
        end_date: RU_FIT.end_date,
        unit: 'Необязательно: единица времени α и β: "day", "week" (по умолчанию), "month", "quarter" или "year".',
      },
      source:
        "Schmittlein, Morrison & Colombo, “Counting Your Customers”, Management Science 33(1) (1987); Fader, Hardie & Lee, “A Note on Implementing the Pareto/NBD Model in MATLAB” (2005).",
    },
    BGBB_PARAMS: {
      definition:
        "Оценивает модель BG/BB для транзакций, возможных только в отдельные моменты, — ежегодные пожертвования, мероприятия, сезоны (Fader, Hardie & Shang 2010) — методом максимального правдоподобия по сводной таблице: в каждый момент активный клиент совершает транзакцию с вероятностью p ~ Beta(α, β), а перед ним уходит с вероятностью θ ~ Beta(γ, δ).",
      result:
        "Строка заголовков, строка оценок: alpha, beta, gamma, delta, log_likelihood (натуральный логарифм) и строка их стандартных ошибок (наблюдаемая информация). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.",
      params: RU_PATTERNS,
      source:
        "Fader, Hardie & Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting”, Marketing Science 29(6) (2010).",
    },
    BGBB_FORECAST: {
      definition:
        "Ожидаемое число транзакций клиента с паттерном каждой строки в следующие моменты по модели BG/BB (Fader, Hardie & Shang 2010, формула 13), оценённой по всей таблице.",
      result:
        "Столбец: ожидаемые транзакции на клиента в следующие periods_ahead моментов, по одной на строку таблицы.",
      params: {
        ...RU_PATTERNS,
        periods_ahead: "На сколько следующих моментов прогнозировать, целое число.",
        customers:
          "Необязательный столбец: клиенты с этим паттерном (веса при оценке). По умолчанию — 1 на строку.",
      },
      source:
        "Fader, Hardie & Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting”, Marketing Science 29(6) (2010), формула 13.",
    },
    FORECAST_CHECK: {
      definition:
        "Проверка модели повторных покупок на истории (BG/NBD, Fader, Hardie & Lee 2005; MBG/NBD, Batislam, Denizel & Filiztekin 2007; или Pareto/NBD, Schmittlein и др. 1987): модель оценивается по транзакциям до calibration_end (сводка RFM: не больше одной покупки клиента в день), затем для клиентов, появившихся к этой дате, фактическое число дней с покупками в (calibration_end, holdout_end] сравнивается с условным ожиданием модели E[Y(t) | x, t_x, T] за тот же срок — по числу повторных покупок в периоде калибровки. holdout_end после последней даты в данных обрезается до неё, с примечанием: покупки и прогноз охватывают один срок.",
      result:
        'Строка заголовков, затем по строке на число повторных покупок в калибровке (0 … 6, "7+") и строка "All": клиенты, среднее фактических покупок в контрольном периоде, среднее прогнозных. Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»: слишком мало клиентов или повторных покупателей, параметр, который данные почти не определяют, слишком короткий контрольный период…); строки выше остаются на местах.',
      params: {
        customer_ids: RU_FIT.customer_ids,
        dates: RU_FIT.dates,
        calibration_end: "Последний день периода калибровки, по которому оценивается модель.",
        holdout_end:
          "Необязательно: последний день контрольного периода. По умолчанию — последняя дата в данных.",
        model: 'Необязательно: "bgnbd" (по умолчанию), "mbgnbd" или "paretonbd".',
        unit: 'Необязательно: единица времени модели: "day", "week" (по умолчанию), "month", "quarter" или "year".',
      },
      source:
        "проверка на калибровочном и отложенном периодах из Fader, Hardie & Lee (2005), «Counting Your Customers the Easy Way» (рис. 2, табл. 2); Schmittlein, Morrison & Colombo (1987).",
    },
    MRR_MOVEMENTS: {
      definition:
        "Движение MRR по месяцам из строк платежей (определения ChartMogul и Baremetrics). Платёж на сумму A за n месяцев (term_months) добавляет A / n к каждому из n календарных месяцев, начиная с месяца своей даты (в часовом поясе таблицы); отрицательная сумма — возврат и вычитается так же. MRR клиента в месяце — сумма этих долей; месяц с суммой 0 или меньше — без MRR. От месяца к месяцу по каждому клиенту: новый (первый MRR), реактивация (снова MRR после месяца или более без него), расширение (MRR вырос), сокращение (упал, но больше 0; со знаком минус), отток (MRR нет; минус MRR прошлого месяца); изменение меньше 0,005 изменением не считается. MRR на начало + новый + расширение + реактивация + сокращение + отток = MRR на конец. NRR = (начало + расширение + сокращение + отток) / начало; GRR = (начало + сокращение + отток) / начало; quick ratio = (новый + расширение + реактивация) / −(сокращение + отток); пусто, где знаменатель равен 0. Суммы — в валюте платежей за месяц; коэффициенты — доли (1 = 100%).",
      result:
        "Таблица: строка заголовков, затем по строке на месяц: начало месяца, MRR на начало, новый, расширение, реактивация, сокращение, отток, MRR на конец, клиенты с MRR, NRR, GRR, quick ratio.",
      params: RU_PAYMENTS,
      source: "ChartMogul, «MRR movements» и «Net MRR retention»; Baremetrics, «Quick Ratio».",
    },
    COHORT_NRR: {
      definition:
        "Чистое удержание MRR по когортам: клиенты группируются по месяцу первого MRR (как платежи становятся MRR — см. MRR_MOVEMENTS); для каждой когорты и k-го месяца после неё — MRR когорты в её месяце k / её MRR в месяце 0: 100% при k = 0, больше 100%, когда расширение перекрывает отток. Месяцы после последнего пусты. Коэффициенты — доли (1 = 100%).",
      result:
        "Таблица: строка заголовков, затем по строке на когорту: начало когорты, клиенты, чистое удержание MRR в месяце 0, 1, ….",
      params: RU_PAYMENTS,
      source: "ChartMogul, «Cohort analysis: net MRR retention».",
    },
    NRR: {
      definition:
        "Чистое удержание выручки (NRR): (mrr_start + expansion − contraction − churned) / mrr_start, где contraction и churned — потерянный MRR; их можно дать отрицательными движениями (как их пишет MRR_MOVEMENTS) или положительными потерянными суммами — и то и другое считается потерей. Больше 1 (100%), когда расширение перекрывает потери.",
      result: "Чистое удержание выручки, доля (1,05 = 105%).",
      params: { ...RU_LOSSES, expansion: "MRR, прибавившийся от текущих клиентов (апгрейды), в валюте." },
      source: "ChartMogul, «Net MRR retention».",
    },
    GRR: {
      definition:
        "Валовое удержание выручки (GRR): (mrr_start − contraction − churned) / mrr_start — сохранённая доля MRR начала периода без учёта расширения, не больше 1 (100%). contraction и churned можно дать отрицательными движениями (как их пишет MRR_MOVEMENTS) или положительными потерянными суммами — и то и другое считается потерей.",
      result: "Валовое удержание выручки, доля (0,95 = 95%).",
      params: RU_LOSSES,
      source: "ChartMogul, «Gross MRR retention».",
    },
    RFM_SEGMENTS: {
      definition:
        "Баллы и сегменты RFM. Для каждого клиента с покупкой не позже end_date: recency — дней от последнего дня покупки до end_date (меньше — лучше), frequency — число разных дней с покупкой, monetary — сумма чистых трат (за вычетом возвратов, в валюте). Каждая величина оценивается от 1 до 5 по квинтилям клиентов, 5 — лучшее. Клиент на позиции i из n (с 0) при сортировке от худшего к лучшему получает 1 + ⌊5·(i + ½)/n⌋, так что в каждом балле n/5 клиентов ± один; клиенты с равными значениями получают балл первой позиции своей группы (одинаковая frequency — одинаковый балл, купившие один раз — самый низкий). Сегмент определяется по R и F (M не используется): R 4–5 и F 4–5 — Champions (R 5) или Loyal customers (R 4); R 3 и F 4–5 — Loyal customers; R 4–5 и F 2–3 — Potential loyalists; R 5, F 1 — New customers; R 4, F 1 — Promising; R 3, F 3 — Need attention; R 3, F 1–2 — About to sleep; при R 1–2: F 3–4 — At risk, F 5 — Can't lose them, F 1–2 — Hibernating, кроме R 1, F 1 — Lost. На листе «Клиенты» сегменты названы по-русски: Champions — Чемпионы, Loyal customers — Лояльные, Potential loyalists — Потенциально лояльные, New customers — Новые, Promising — Перспективные, Need attention — Требуют внимания, About to sleep — Засыпающие, At risk — В зоне риска, Can't lose them — Нельзя потерять, Hibernating — Спящие, Lost — Потерянные.",
      result:
        "Строка заголовков, затем по строке на клиента: ID, балл recency, балл frequency, балл monetary, сегмент.",
      params: {
        customer_ids: "ID клиента каждой транзакции (столбец).",
        dates: RU_TRANSACTIONS.dates,
        amounts: RU_TRANSACTIONS.amounts,
        end_date:
          "Необязательно: конец наблюдения (по умолчанию — последняя дата); более поздние строки не учитываются.",
      },
      source:
        "Баллы — Hughes, «Strategic Database Marketing» (1994); сетка сегментов — распространённая карта RFM-сегментов (например, Putler, «RFM Analysis for Successful Customer Segmentation»).",
    },
    PREDICTED_NEW_CUSTOMER_VALUE: {
      definition:
        "Прогнозная ценность нового клиента, привлечённого сегодня: ожидаемая дисконтированная маржа за следующие horizon_months, включая первую покупку: margin × E[чек] × (1 + Σ_{m=1..H} ожидаемые повторные покупки в месяце m / (1 + d)^m). Ожидаемые повторные покупки — безусловное ожидание BG/NBD, E[чек] — среднее Gamma-Gamma по совокупности p·γ/(q − 1); обе модели оцениваются в неделях по всем транзакциям; месяц = 365,25/12 дня, в валюте. Интервал 80% — дельта-метод для ln ценности с ковариацией параметров из наблюдаемой информации. С segments клиент относится к сегменту своей первой покупки; сегмент, где меньше 30 повторных покупателей (клиентов с днём повторной покупки положительной суммы) или где собственная оценка не удалась, берёт общую оценку и помечается «(pooled fit)».",
      result:
        "Строка заголовков, затем по строке на сегмент (или одна строка «All»): сегмент, клиенты, ценность, нижняя и верхняя граница (80%), в валюте.",
      params: {
        customer_ids: "Столбец ID клиентов, по одному на транзакцию.",
        dates: "Столбец дат транзакций той же длины.",
        amounts: "Столбец сумм транзакций в валюте; возвраты — отрицательные.",
        horizon_months: "На сколько месяцев вперёд оценивать, целое число от 1 до 1 200.",
        monthly_discount_rate:
          "Необязательно: месячная ставка дисконтирования (0,01 или 1%); по умолчанию 1%.",
        margin: "Необязательно: доля выручки, остающаяся прибылью (0,3 или 30%); по умолчанию 1 (выручка).",
        segments: "Необязательно: сегмент (канал) каждой транзакции, столбец той же длины.",
      },
      source:
        "Fader, Hardie & Lee (2005), «Counting Your Customers the Easy Way» (формула 9) и «RFM and CLV: Using Iso-Value Curves for Customer Base Analysis».",
    },
    PAYBACK_CURVE: {
      definition:
        "Кривые окупаемости: накопленная маржа на клиента ÷ CAC по периодам после привлечения, по когортам. Для каждой когорты привлечения (клиенты по периоду первой покупки; с segments — по когорте и сегменту этой покупки) CAC = расходы её периода (и сегмента) / новые клиенты, затем R(k) = накопленная маржа на клиента по период k ÷ CAC для k = 0, 1, …; когорта окупилась с первого k, где R(k) ≥ 1. Маржа = сумма × margin. Строка расходов с датой внутри периода относится к нему (месячные строки при недельных когортах делятся по дням); с segments сегмент без расходов в периоде, который таблица покрывает, имеет CAC 0 (без отношения); без них строки расходов периода складываются, каковы бы ни были spend_segments. Единицы: отношение (1 = CAC окупился).",
      result:
        "Строка заголовков, затем по строке на когорту: начало когорты, сегмент, клиенты, CAC, затем накопленная маржа на клиента ÷ CAC за периоды 0, 1, ….",
      params: {
        ...RU_TRANSACTIONS,
        spend_periods: "Дата каждой строки расходов: любой день её периода, например 1-е число месяца.",
        spend: "Маркетинговые расходы каждой строки, в валюте (та же длина).",
        segments: "Необязательно: сегмент (канал) каждой транзакции, той же длины, что dates.",
        spend_segments:
          "Необязательно: сегмент, на который потрачена каждая строка расходов (нужен с segments).",
        margin: "Необязательно: доля выручки, остающаяся прибылью (0,3 или 30%); по умолчанию 1 (выручка).",
      },
      source:
        "Skok, «SaaS Metrics 2.0» (2013): срок окупаемости CAC, прочитанный по когортам, как в когортных кривых окупаемости.",
    },
    ...MODEL_FORMULAS.ru,
  },
};

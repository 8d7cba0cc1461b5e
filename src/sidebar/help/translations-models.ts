/**
 * The Korean and Russian Help of the fits from a summary and the predictions at given parameters
 * (functions/model-fits.ts, functions/predictions.ts), and of GAMMAGAMMA_PARAMS's summary form: merged
 * into FORMULAS (translations.ts), after its own entries.
 */
import type { FormulaText } from "./translations";

const KO_SOURCES = {
  mbg: "Batislam, Denizel & Filiztekin, “Empirical validation and comparison of models for customer base analysis”, International Journal of Research in Marketing 24(3) (2007); Wagner & Hoppe, “Erratum on the MBG/NBD Model”, IJRM 25(3) (2008).",
};

const MODEL_KO = '"BG/NBD", "MBG/NBD", "Pareto/NBD" 또는 "BG/BB".';
const MODEL_RU = '"BG/NBD", "MBG/NBD", "Pareto/NBD" или "BG/BB".';
const PARAMS_KO =
  "모델의 _PARAMS 표의 추정값 행, 예: INDEX(BGNBD_PARAMS(…), 2): r, alpha, a, b (MBG/NBD도 같음); r, alpha, s, beta; BG/BB는 alpha, beta, gamma, delta.";
const PARAMS_RU =
  "Строка оценок таблицы _PARAMS модели, например INDEX(BGNBD_PARAMS(…), 2): r, alpha, a, b (и для MBG/NBD); r, alpha, s, beta; для BG/BB — alpha, beta, gamma, delta.";

export const MODEL_FORMULAS: Record<"ko" | "ru", Record<string, FormulaText>> = {
  ko: {
    MBGNBD_PARAMS: {
      definition:
        "수정 BG/NBD 재구매 모델(MBG/NBD: Batislam, Denizel & Filiztekin 2007)을 고객마다의 재구매일 수, recency, 경과 기간(RFM과 같은 방식)에 최대우도로 적합합니다: BG/NBD처럼 구매율 λ ~ Gamma(r, α), 구매 후 이탈 확률 p ~ Beta(a, b)이지만, 첫 구매 직후에도 이탈할 수 있어 한 번만 산 고객도 이탈한 것으로 볼 수 있습니다(lifetimes의 ModifiedBetaGeoFitter).",
      result:
        "머리글 행, 추정값 행: r, alpha (단위 기준), a, b, log_likelihood (자연로그), 그리고 표준오차 행 (관측 정보량; log_likelihood 아래는 빈칸). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”); 위의 행들은 제자리에 있습니다.",
      params: {
        customer_ids: "고객 ID 열, 거래마다 하나.",
        dates: "거래 날짜 열, 같은 길이.",
        end_date: "선택: 보정 기간의 끝; 이후 거래는 무시됩니다(검증용). 기본값: 마지막 날짜.",
        unit: '선택: α의 시간 단위: "day", "week"(기본값), "month", "quarter" 또는 "year".',
      },
      source: KO_SOURCES.mbg,
    },
    FIT_PURCHASE_MODEL: {
      definition:
        "요약 표(고객마다 한 행, 또는 패턴마다 한 행과 그 고객 수 weights)에 재구매 모델을 최대우도로 적합합니다. `lifetimes` 패키지의 fitter(BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, BetaGeoBetaBinomFitter)와 같은 입력: 로그우도는 Σ weight × 각 행의 로그우도입니다. T = 0인 행은 제외됩니다(우도가 1).",
      result:
        "그 모델의 _PARAMS 표: 머리글 행, 추정값과 log_likelihood (자연로그) 행, 표준오차 행 (관측 정보량), 적합이 의심스러우면 “Note: …” 행.",
      params: {
        model: MODEL_KO,
        frequency: "열: 고객마다의 재구매 수 x (BG/BB: 첫 기회 이후 거래한 기회 수).",
        recency:
          "열: 마지막 구매 시점의 경과 기간 t_x, frequency가 0이면 0 (BG/BB: 마지막 거래의 기회 번호).",
        T: "열: 관측 끝의 경과 기간, recency와 같은 단위; α, β는 이 단위로 나옵니다 (BG/BB: 첫 기회 이후 관측한 기회 수).",
        weights: "선택 열: 그 행의 패턴을 가진 고객 수. 기본값: 행마다 1.",
      },
      source:
        "Fader, Hardie & Lee, Marketing Science 24(2) (2005) (BG/NBD); Batislam, Denizel & Filiztekin, IJRM 24(3) (2007) (MBG/NBD); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987) (Pareto/NBD); Fader, Hardie & Shang, Marketing Science 29(6) (2010) (BG/BB).",
    },
    P_ALIVE: {
      definition:
        "주어진 모수에서, 주어진 구매 이력을 가진 고객이 아직 이탈하지 않았을 확률. BG/NBD: 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)) (Fader, Hardie & Lee 2008), 재구매가 없으면 1; MBG/NBD: 1 / (1 + a/(b + x) · ((α + T)/(α + t_x))^(r + x)) (Batislam 외 2007), 한 번만 산 고객도 1보다 작음; Pareto/NBD: Schmittlein, Morrison & Colombo (1987), 식 11; BG/BB: 기회 n 시점에 활성 (Fader, Hardie & Shang 2010, 식 A10; T는 기회 수). `lifetimes` 패키지의 conditional_probability_alive와 같습니다.",
      result: "P(활성), 0에서 1, 행마다 하나 (빈 행은 빈칸으로 남음).",
      params: {
        model: MODEL_KO,
        params: PARAMS_KO,
        frequency: "재구매 수 x (첫 구매 이후 구매일 수); BG/BB: 첫 기회 이후 거래한 기회 수.",
        recency:
          "마지막 구매 시점의 경과 기간 t_x, 모수의 단위 (frequency가 0이면 0); BG/BB: 마지막 거래의 기회 번호.",
        T: "관측 끝의 경과 기간, 모수의 단위; BG/BB: 첫 기회 이후 관측한 기회 수 (n).",
      },
      source:
        "Fader, Hardie & Lee, “Computing P(alive) Using the BG/NBD Model” (2008); Batislam, Denizel & Filiztekin, International Journal of Research in Marketing 24(3) (2007); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987); Fader, Hardie & Shang, Marketing Science 29(6) (2010).",
    },
    EXPECTED_PURCHASES: {
      definition:
        "주어진 모수에서 다음 t 시간 단위의 기대 재구매 수: 이력을 생략하면 신규 고객의 E[X(t)] (BG/NBD: Fader, Hardie & Lee 2005, 식 9; MBG/NBD: Batislam 외 2007; Pareto/NBD: Schmittlein 외 1987, 식 17; BG/BB: Fader, Hardie & Shang 2010, 식 8), 이력이 있으면 그 고객의 E[Y(t) | x, t_x, T] (FHL 2005, 식 10; Wagner & Hoppe 2008; Schmittlein 외 식 22; FHS 2010, 식 13). `lifetimes`의 expected_number_of_purchases_up_to_time, conditional_expected_number_of_purchases_up_to_time과 같습니다. t는 모수의 단위이며 정수가 아니어도 됩니다 (BG/BB: 정수 기회 수).",
      result: "다음 t 동안의 기대 재구매 수, 행마다 하나 (빈 행은 빈칸으로 남음).",
      params: {
        model: MODEL_KO,
        params: "모델의 _PARAMS 표의 추정값 행, 예: INDEX(BGNBD_PARAMS(…), 2).",
        t: "기간, 모수의 단위 (BGNBD_PARAMS 기본값이면 주); BG/BB: 앞으로의 정수 기회 수.",
        frequency: "선택: 재구매 수 x; 신규 고객이면 frequency, recency, T를 모두 생략하세요.",
        recency: "선택: 마지막 구매 시점의 경과 기간 t_x, 모수의 단위; BG/BB: 마지막 거래의 기회 번호.",
        T: "선택: 관측 끝의 경과 기간, 모수의 단위; BG/BB: 관측한 기회 수.",
      },
      source:
        "Fader, Hardie & Lee, Marketing Science 24(2) (2005); Batislam, Denizel & Filiztekin, IJRM 24(3) (2007); Wagner & Hoppe, IJRM 25(3) (2008); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987); Fader, Hardie & Shang, Marketing Science 29(6) (2010).",
    },
    PROB_PURCHASES: {
      definition:
        "주어진 모수에서 신규 고객이 처음 t 시간 단위 동안 정확히 n번 재구매할 확률: BG/NBD, Fader, Hardie & Lee (2005), 식 8; MBG/NBD, Batislam 외 (2007); Pareto/NBD, Fader & Hardie, “Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model” (2006); BG/BB, Fader, Hardie & Shang (2010), 식 7 (t는 정수 기회 수). `lifetimes`의 probability_of_n_purchases_up_to_time과 같습니다.",
      result: "P(X(t) = n), 0에서 1, 행마다 하나 (빈 행은 빈칸으로 남음).",
      params: {
        model: MODEL_KO,
        params: "모델의 _PARAMS 표의 추정값 행, 예: INDEX(BGNBD_PARAMS(…), 2).",
        n: "재구매 수, 0에서 1,000 사이의 정수.",
        t: "기간, 모수의 단위; BG/BB: 정수 기회 수.",
      },
      source:
        "Fader, Hardie & Lee, Marketing Science 24(2) (2005); Batislam, Denizel & Filiztekin, IJRM 24(3) (2007); Fader & Hardie (2006), brucehardie.com/notes/012; Fader, Hardie & Shang, Marketing Science 29(6) (2010).",
    },
    GAMMAGAMMA_PARAMS: {
      definition:
        'Gamma-Gamma 지출 모델(Fader, Hardie & Lee 2005, “RFM and CLV”)을 재구매일이 하루 이상인 고객에게 최대우도로 적합합니다: 주문 금액 ~ Gamma(p, ν), ν ~ Gamma(q, γ). 재구매 합계가 0 이하(환불)인 고객은 들어갈 수 없어 left_out으로 셉니다. 요약 표에서는 GAMMAGAMMA_PARAMS(frequency, 재구매 평균 금액, [weights], "summary") — lifetimes의 GammaGammaFitter와 같은 입력 — frequency가 0인 고객은 건너뜁니다. 마지막 인수로 "summary"나 "transactions"를 주지 않으면 값이 분명할 때만 형태를 정합니다(날짜 셀이나 end_date: 거래; 소수가 있거나 18,264 미만인 평균: 요약 표). 평균이 모두 날짜 일련번호(1950–2099)일 수 있는 정수이면(예: 원화나 루블) 형태를 적으라는 오류로 멈춥니다.',
      result:
        "머리글 행, 추정값 행: p, q, gamma (통화 단위), log_likelihood, customers (적합한 고객), left_out, 그리고 p, q, gamma의 표준오차 행 (관측 정보량). 적합이 의심스러우면 마지막에 한 행이 더 붙어 첫 칸에 이유를 적습니다(“Note: …”); 위의 행들은 제자리에 있습니다.",
      params: {
        customer_ids: "고객 ID 열, 거래마다 하나; 요약 표에서는 고객마다의 재구매 수 (frequency).",
        dates: "거래 날짜 열, 같은 길이; 요약 표에서는 고객마다의 재구매 평균 금액 (monetary_value).",
        amounts: "거래 금액 열, 통화 단위; 환불은 음수. 요약 표에서는 선택: weights, 행마다의 고객 수.",
        end_date:
          "선택: 보정 기간의 끝; 이후 거래는 무시됩니다. 기본값: 마지막 날짜. 요약 표에서는 쓰지 않습니다.",
        form: '선택: 데이터의 형태, "summary" 또는 "transactions"(대소문자 무관); 마지막으로 준 인수 뒤에 넣습니다. 값만으로 형태를 알 수 없을 때 필요합니다.',
      },
      source:
        "Fader, Hardie & Lee, “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”, Journal of Marketing Research 42(4) (2005); Fader & Hardie, “The Gamma-Gamma Model of Monetary Value” (2013).",
    },
  },
  ru: {
    MBGNBD_PARAMS: {
      definition:
        "Оценивает модифицированную модель повторных покупок BG/NBD (MBG/NBD: Batislam, Denizel & Filiztekin 2007) методом максимального правдоподобия по дням повторных покупок, recency и возрасту каждого клиента (как их считает RFM): как в BG/NBD, интенсивность покупок λ ~ Gamma(r, α), уход после покупки p ~ Beta(a, b), но клиент может уйти и сразу после первой покупки, так что и купивший один раз может быть потерян (ModifiedBetaGeoFitter пакета lifetimes).",
      result:
        "Строка заголовков, строка оценок: r, alpha (в единице unit), a, b, log_likelihood (натуральный логарифм) и строка их стандартных ошибок (наблюдаемая информация; под log_likelihood пусто). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»); строки выше остаются на местах.",
      params: {
        customer_ids: "Столбец ID клиентов, по одному на транзакцию.",
        dates: "Столбец дат транзакций той же длины.",
        end_date:
          "Необязательно: конец периода калибровки; более поздние транзакции не учитываются (контрольный период). По умолчанию — последняя дата.",
        unit: 'Необязательно: единица времени α: "day", "week" (по умолчанию), "month", "quarter" или "year".',
      },
      source: KO_SOURCES.mbg,
    },
    FIT_PURCHASE_MODEL: {
      definition:
        "Оценивает модель повторных покупок методом максимального правдоподобия по сводной таблице — строка на клиента или на шаблон с числом клиентов в weights, — как её принимают оценщики пакета `lifetimes` (BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, BetaGeoBetaBinomFitter): логарифм правдоподобия — Σ weight × логарифм правдоподобия строки. Строки с T = 0 не учитываются (их правдоподобие равно 1).",
      result:
        "Таблица _PARAMS этой модели: строка заголовков, строка оценок и log_likelihood (натуральный логарифм), строка стандартных ошибок (наблюдаемая информация) и строка «Note: …», если подбор сомнителен.",
      params: {
        model: MODEL_RU,
        frequency:
          "Столбец: число повторных покупок x каждого клиента (BG/BB: число возможностей с транзакцией после первой).",
        recency:
          "Столбец: возраст в момент последней покупки t_x, 0 при frequency 0 (BG/BB: номер возможности последней транзакции).",
        T: "Столбец: возраст на конец наблюдения в единице recency; α и β получаются в этой единице (BG/BB: число наблюдаемых возможностей после первой).",
        weights: "Необязательный столбец: число клиентов с шаблоном строки. По умолчанию — 1 на строку.",
      },
      source:
        "Fader, Hardie & Lee, Marketing Science 24(2) (2005) (BG/NBD); Batislam, Denizel & Filiztekin, IJRM 24(3) (2007) (MBG/NBD); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987) (Pareto/NBD); Fader, Hardie & Shang, Marketing Science 29(6) (2010) (BG/BB).",
    },
    P_ALIVE: {
      definition:
        "Вероятность того, что клиент с данной историей ещё не ушёл, при заданных параметрах. BG/NBD: 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)) (Fader, Hardie & Lee 2008), 1 без повторных покупок; MBG/NBD: 1 / (1 + a/(b + x) · ((α + T)/(α + t_x))^(r + x)) (Batislam и др. 2007), меньше 1 и для купившего один раз; Pareto/NBD: Schmittlein, Morrison & Colombo (1987), формула 11; BG/BB: активен на возможности n (Fader, Hardie & Shang 2010, формула A10; T — число возможностей). Как conditional_probability_alive пакета `lifetimes`.",
      result: "P(активен) от 0 до 1, по одному на строку (пустые строки остаются пустыми).",
      params: {
        model: MODEL_RU,
        params: PARAMS_RU,
        frequency:
          "Повторные покупки x (дни покупок после первой); BG/BB: возможности с транзакцией после первой.",
        recency:
          "Возраст в момент последней покупки t_x в единице параметров (0 при frequency 0); BG/BB: номер возможности последней транзакции.",
        T: "Возраст на конец наблюдения в единице параметров; BG/BB: число наблюдаемых возможностей после первой (n).",
      },
      source:
        "Fader, Hardie & Lee, “Computing P(alive) Using the BG/NBD Model” (2008); Batislam, Denizel & Filiztekin, International Journal of Research in Marketing 24(3) (2007); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987); Fader, Hardie & Shang, Marketing Science 29(6) (2010).",
    },
    EXPECTED_PURCHASES: {
      definition:
        "Ожидаемые повторные покупки за следующие t единиц времени при заданных параметрах: нового клиента, E[X(t)], если история не указана (BG/NBD: Fader, Hardie & Lee 2005, формула 9; MBG/NBD: Batislam и др. 2007; Pareto/NBD: Schmittlein и др. 1987, формула 17; BG/BB: Fader, Hardie & Shang 2010, формула 8), иначе клиента с этой историей, E[Y(t) | x, t_x, T] (FHL 2005, формула 10; Wagner & Hoppe 2008; Schmittlein и др., формула 22; FHS 2010, формула 13) — как expected_number_of_purchases_up_to_time и conditional_expected_number_of_purchases_up_to_time пакета `lifetimes`. t — в единице параметров, не обязательно целое (BG/BB: целые возможности).",
      result:
        "Ожидаемые повторные покупки за следующие t, по одному на строку (пустые строки остаются пустыми).",
      params: {
        model: MODEL_RU,
        params: "Строка оценок таблицы _PARAMS модели, например INDEX(BGNBD_PARAMS(…), 2).",
        t: "Горизонт в единице параметров (недели при unit по умолчанию в BGNBD_PARAMS); BG/BB: целое число возможностей вперёд.",
        frequency:
          "Необязательно: повторные покупки x; для нового клиента не указывайте frequency, recency и T.",
        recency:
          "Необязательно: возраст в момент последней покупки t_x в единице параметров; BG/BB: номер возможности последней транзакции.",
        T: "Необязательно: возраст на конец наблюдения в единице параметров; BG/BB: число наблюдаемых возможностей.",
      },
      source:
        "Fader, Hardie & Lee, Marketing Science 24(2) (2005); Batislam, Denizel & Filiztekin, IJRM 24(3) (2007); Wagner & Hoppe, IJRM 25(3) (2008); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987); Fader, Hardie & Shang, Marketing Science 29(6) (2010).",
    },
    PROB_PURCHASES: {
      definition:
        "Вероятность того, что новый клиент сделает ровно n повторных покупок за первые t единиц времени, при заданных параметрах: BG/NBD, Fader, Hardie & Lee (2005), формула 8; MBG/NBD, Batislam и др. (2007); Pareto/NBD, Fader & Hardie, «Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model» (2006); BG/BB, Fader, Hardie & Shang (2010), формула 7 (t — целые возможности). Как probability_of_n_purchases_up_to_time пакета `lifetimes`.",
      result: "P(X(t) = n) от 0 до 1, по одному на строку (пустые строки остаются пустыми).",
      params: {
        model: MODEL_RU,
        params: "Строка оценок таблицы _PARAMS модели, например INDEX(BGNBD_PARAMS(…), 2).",
        n: "Число повторных покупок, целое от 0 до 1 000.",
        t: "Промежуток времени в единице параметров; BG/BB: целые возможности.",
      },
      source:
        "Fader, Hardie & Lee, Marketing Science 24(2) (2005); Batislam, Denizel & Filiztekin, IJRM 24(3) (2007); Fader & Hardie (2006), brucehardie.com/notes/012; Fader, Hardie & Shang, Marketing Science 29(6) (2010).",
    },
    GAMMAGAMMA_PARAMS: {
      definition:
        'Оценивает модель трат Gamma-Gamma (Fader, Hardie & Lee 2005, «RFM and CLV») методом максимального правдоподобия по клиентам хотя бы с одним днём повторной покупки: суммы заказов ~ Gamma(p, ν), ν ~ Gamma(q, γ). Клиенты, чьи повторные покупки в сумме не больше 0 (возвраты), не входят в оценку и считаются в left_out. По сводной таблице — GAMMAGAMMA_PARAMS(frequency, средняя сумма повторной покупки, [weights], "summary"), как её принимает GammaGammaFitter пакета lifetimes; клиенты с frequency 0 пропускаются. Без "summary" или "transactions" последним аргументом вид данных определяется по значениям, только когда они его однозначно задают (ячейки с датами или end_date — транзакции; средние с копейками или меньше 18 264 — сводная таблица); если все средние — целые числа, которые могут быть порядковыми номерами дат (1950–2099), например в вонах или рублях, формула останавливается с просьбой указать вид.',
      result:
        "Строка заголовков, строка оценок: p, q, gamma (в валюте), log_likelihood, customers (оценённые клиенты), left_out и строка стандартных ошибок p, q, gamma (наблюдаемая информация). Если подбор сомнителен, добавляется ещё одна, последняя строка с причиной в первой ячейке («Note: …»); строки выше остаются на местах.",
      params: {
        customer_ids:
          "Столбец ID клиентов, по одному на транзакцию; в сводной таблице — число повторных покупок клиента (frequency).",
        dates:
          "Столбец дат транзакций той же длины; в сводной таблице — средняя сумма повторной покупки клиента (monetary_value).",
        amounts:
          "Столбец сумм транзакций в валюте; возвраты — отрицательные. В сводной таблице — необязательно: weights, число клиентов в строке.",
        end_date:
          "Необязательно: конец периода калибровки; более поздние транзакции не учитываются. По умолчанию — последняя дата. Для сводной таблицы не используется.",
        form: 'Необязательно: вид данных, "summary" или "transactions" (регистр не важен); ставится после последнего заданного аргумента. Нужен, когда по значениям вид не определить.',
      },
      source:
        "Fader, Hardie & Lee, “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”, Journal of Marketing Research 42(4) (2005); Fader & Hardie, “The Gamma-Gamma Model of Monetary Value” (2013).",
    },
  },
};

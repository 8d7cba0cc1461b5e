/**
 * The report sheets' names in each language: the tabs the report writes and the sidebar's checkboxes
 * that ask for them say the same (report/words.ts and sidebar/i18n.ts both read this).
 */
import type { Language } from "../language";
import type { ReportSheetKey } from "./model";

export const SHEET_NAMES: Record<Language, Record<ReportSheetKey, string>> = {
  en: {
    retention: "Retention",
    revenue: "Revenue & LTV",
    "ltv-cac": "LTV-CAC",
    summary: "Summary",
    "predicted-clv": "Predicted CLV",
    subscription: "Subscription (MRR)",
    "forecast-check": "Forecast check",
    customers: "Customers",
    payback: "Payback",
  },
  ko: {
    retention: "리텐션",
    revenue: "매출 및 LTV",
    "ltv-cac": "LTV-CAC",
    summary: "요약",
    "predicted-clv": "예측 CLV",
    subscription: "구독 (MRR)",
    "forecast-check": "예측 점검",
    customers: "고객 목록",
    payback: "회수",
  },
  ru: {
    retention: "Удержание",
    revenue: "Выручка и LTV",
    "ltv-cac": "LTV-CAC",
    summary: "Сводка",
    "predicted-clv": "Прогноз CLV",
    subscription: "Подписки (MRR)",
    "forecast-check": "Проверка прогноза",
    customers: "Клиенты",
    payback: "Окупаемость",
  },
};

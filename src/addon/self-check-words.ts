/** The words of "Check installation" (addon/self-check.ts), in English, Korean and Russian. */
import type { Language } from "../core/language";

export type CheckKey =
  | "script"
  | "metadata"
  | "lock"
  | "properties"
  | "sidebar"
  | "help"
  | "scopes"
  | "formula"
  | "report"
  | "bigquery"
  | "cleanup";

export interface CheckWords {
  title: string;
  labels: Record<CheckKey, string>;
  ok: string;
  failed: string;
  skipped: string;
  passed: (passed: number, total: number) => string;
  copy: string;
  copied: string;
  ms: (ms: number) => string;
  script: (entries: number) => string;
  metadata: string;
  metadataLost: string;
  metadataStuck: string;
  lock: string;
  noLock: string;
  busy: string;
  properties: string;
  propertiesLost: string;
  page: (file: string) => string;
  granted: (granted: string, missing: string) => string;
  none: string;
  formula: (formula: string, value: string) => string;
  formulaWrong: (formula: string, value: string) => string;
  report: (rows: number, sheets: number) => string;
  bigquery: (project: string) => string;
  noProject: string;
  cleanup: (sheets: number) => string;
  cleanupFailed: (names: string) => string;
  noSpreadsheet: string;
  askProject: string;
}

const en: CheckWords = {
  title: "Cohort LTV — installation check",
  labels: {
    script: "Script",
    metadata: "Developer metadata",
    lock: "Document lock",
    properties: "User properties",
    sidebar: "Sidebar",
    help: "Formula help",
    scopes: "Permissions",
    formula: "One formula",
    report: "One small report",
    bigquery: "BigQuery dry run",
    cleanup: "Clean-up",
  },
  ok: "OK",
  failed: "FAILED",
  skipped: "skipped",
  passed: (passed, total) => `${passed} of ${total} checks passed.`,
  copy: "Copy the report",
  copied: "Copied.",
  ms: (ms) => `${ms.toLocaleString("en-US")} ms`,
  script: (entries) => `Code.js loaded: ${entries} entry points found.`,
  metadata: "Written, found and removed on a temporary sheet (PROJECT visibility).",
  metadataLost: "Written, but not found again: reports would not be recognised.",
  metadataStuck: "Removed, but still there.",
  lock: "Taken and released.",
  noLock: "Apps Script gave no document lock for this spreadsheet.",
  busy: "Someone else holds the lock (a build running?): try again in a minute.",
  properties: "Written, read back and removed.",
  propertiesLost: "Written, but read back differently: build progress would not be shown.",
  page: (file) => `${file}.html opens.`,
  granted: (granted, missing) => `Granted: ${granted}. Not granted: ${missing}.`,
  none: "none",
  formula: (formula, value) => `${formula} gave ${value}.`,
  formulaWrong: (formula, value) =>
    `${formula} gave ${value}, not 50: custom functions do not run in this spreadsheet. Enable the add-on here (Extensions → Add-ons → Manage add-ons → ⋮ → Use in this document).`,
  report: (rows, sheets) => `${rows} sample rows built into ${sheets} sheets (then removed).`,
  bigquery: (project) =>
    `A dry run of SELECT 1 billed to ${project} was accepted (nothing ran, nothing billed).`,
  noProject: "No billing project given.",
  cleanup: (sheets) => `${sheets} temporary sheets removed; the spreadsheet is as it was.`,
  cleanupFailed: (names) => `Could not remove ${names}: delete it by hand.`,
  noSpreadsheet:
    "There is no active spreadsheet: run the check from the add-on menu in a spreadsheet (or from the editor of a script bound to one).",
  askProject: "For a BigQuery dry run, type a Google Cloud billing project id (leave blank to skip):",
};

const ko: CheckWords = {
  title: "Cohort LTV — 설치 점검",
  labels: {
    script: "스크립트",
    metadata: "개발자 메타데이터",
    lock: "문서 잠금",
    properties: "사용자 속성",
    sidebar: "사이드바",
    help: "수식 도움말",
    scopes: "권한",
    formula: "수식 하나",
    report: "작은 보고서 하나",
    bigquery: "BigQuery 테스트 실행(dry run)",
    cleanup: "정리",
  },
  ok: "정상",
  failed: "실패",
  skipped: "건너뜀",
  passed: (passed, total) => `점검 ${total}개 중 ${passed}개 통과.`,
  copy: "보고서 복사",
  copied: "복사했습니다.",
  ms: (ms) => `${ms.toLocaleString("ko-KR")}ms`,
  script: (entries) => `Code.js 로드됨: 진입점 ${entries}개 확인.`,
  metadata: "임시 시트에 쓰고, 찾고, 삭제했습니다(PROJECT 공개 범위).",
  metadataLost: "썼지만 다시 찾지 못했습니다: 보고서 시트를 알아보지 못하게 됩니다.",
  metadataStuck: "삭제했지만 아직 남아 있습니다.",
  lock: "잠금을 얻고 해제했습니다.",
  noLock: "Apps Script가 이 스프레드시트의 문서 잠금을 주지 않았습니다.",
  busy: "다른 사람이 잠금을 갖고 있습니다(보고서 생성 중?). 1분 뒤 다시 시도하세요.",
  properties: "쓰고, 다시 읽고, 삭제했습니다.",
  propertiesLost: "썼지만 다르게 읽혔습니다: 보고서 생성 진행 상황이 표시되지 않습니다.",
  page: (file) => `${file}.html 열림.`,
  granted: (granted, missing) => `허용됨: ${granted}. 허용되지 않음: ${missing}.`,
  none: "없음",
  formula: (formula, value) => `${formula} 결과 ${value}.`,
  formulaWrong: (formula, value) =>
    `${formula} 결과가 50이 아니라 ${value}입니다: 이 스프레드시트에서는 맞춤 함수가 실행되지 않습니다. 여기서 부가기능을 사용 설정하세요(확장 프로그램 → 부가기능 → 부가기능 관리 → ⋮ → 이 문서에서 사용).`,
  report: (rows, sheets) => `샘플 ${rows}행으로 시트 ${sheets}개를 만들었습니다(그 후 삭제).`,
  bigquery: (project) =>
    `${project}에 청구되는 SELECT 1 테스트 실행이 받아들여졌습니다(실행되거나 청구된 것은 없음).`,
  noProject: "결제 프로젝트를 입력하지 않았습니다.",
  cleanup: (sheets) => `임시 시트 ${sheets}개를 삭제했습니다. 스프레드시트는 그대로입니다.`,
  cleanupFailed: (names) => `${names}을(를) 삭제하지 못했습니다. 직접 삭제하세요.`,
  noSpreadsheet:
    "활성 스프레드시트가 없습니다. 스프레드시트의 부가기능 메뉴에서(또는 스프레드시트에 결합된 스크립트의 편집기에서) 점검을 실행하세요.",
  askProject:
    "BigQuery 테스트 실행을 하려면 Google Cloud 결제 프로젝트 ID를 입력하세요(건너뛰려면 비워 두기):",
};

const ru: CheckWords = {
  title: "Cohort LTV — проверка установки",
  labels: {
    script: "Скрипт",
    metadata: "Метаданные разработчика",
    lock: "Блокировка документа",
    properties: "Свойства пользователя",
    sidebar: "Боковая панель",
    help: "Справка по формулам",
    scopes: "Разрешения",
    formula: "Одна формула",
    report: "Один небольшой отчёт",
    bigquery: "Пробный запуск BigQuery",
    cleanup: "Уборка",
  },
  ok: "ОК",
  failed: "ОШИБКА",
  skipped: "пропущено",
  passed: (passed, total) => `Пройдено проверок: ${passed} из ${total}.`,
  copy: "Скопировать отчёт",
  copied: "Скопировано.",
  ms: (ms) => `${ms.toLocaleString("ru-RU")} мс`,
  script: (entries) => `Code.js загружен: найдено точек входа — ${entries}.`,
  metadata: "Записаны, найдены и удалены на временном листе (видимость PROJECT).",
  metadataLost: "Записаны, но не найдены снова: листы отчётов не будут распознаны.",
  metadataStuck: "Удалены, но всё ещё на месте.",
  lock: "Получена и снята.",
  noLock: "Apps Script не выдал блокировку документа для этой таблицы.",
  busy: "Блокировку держит кто-то другой (идёт построение отчёта?): повторите через минуту.",
  properties: "Записаны, прочитаны и удалены.",
  propertiesLost: "Записаны, но прочитаны иначе: ход построения отчёта не будет виден.",
  page: (file) => `${file}.html открывается.`,
  granted: (granted, missing) => `Выданы: ${granted}. Не выданы: ${missing}.`,
  none: "нет",
  formula: (formula, value) => `${formula} дала ${value}.`,
  formulaWrong: (formula, value) =>
    `${formula} дала ${value}, а не 50: пользовательские функции в этой таблице не работают. Включите дополнение здесь («Расширения» → «Дополнения» → «Управление дополнениями» → ⋮ → «Использовать в этом документе»).`,
  report: (rows, sheets) => `Из ${rows} строк примера построено листов: ${sheets} (затем удалены).`,
  bigquery: (project) =>
    `Пробный запуск SELECT 1 с оплатой в ${project} принят (ничего не выполнялось и не оплачивалось).`,
  noProject: "Проект для оплаты не указан.",
  cleanup: (sheets) => `Удалено временных листов: ${sheets}; таблица такая же, как была.`,
  cleanupFailed: (names) => `Не удалось удалить ${names}: удалите вручную.`,
  noSpreadsheet:
    "Нет активной таблицы: запустите проверку из меню дополнения в таблице (или из редактора скрипта, привязанного к таблице).",
  askProject:
    "Для пробного запуска BigQuery введите ID проекта Google Cloud для оплаты (оставьте пустым, чтобы пропустить):",
};

export const CHECK_WORDS: Record<Language, CheckWords> = { en, ko, ru };

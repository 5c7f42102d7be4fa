/**
 * The questionnaire: spec → pages, page → HTML, form body → answers and messages, routing
 * clean-up. Pure: no HTTP, no storage (the server and the store build on this).
 */
export { buildQuestionnaire, askedInWave, studyLanguage } from './build.js';
export { structureHash, structureJson, questionnaireStructure } from './hash.js';
export { checkFieldable, assertFieldable } from './fieldable.js';
export { fieldedWave, modelOf, storedVariables, type ModelQuestion, type ModelItem } from './model.js';
export { parsePage, parseNumber, cleanText, choiceId, OPEN_TEXT_MAX, OTHER_TEXT_MAX, type FormBody } from './parse.js';
export { cleanRouting, pageAsked, pageVariables, answerLookup, questionAsked, askedItems, type CleanedAnswers, type RegisterValues } from './routing.js';
export { renderPage, CSRF_FIELD, REVISION_FIELD } from './render-page.js';
export { renderSystemPage, LOGIN_CODE_FIELD } from './render-system.js';
export { questionnaireAssets, stylesheetAsset, scriptAsset, questionnaireScript, type QuestionnaireAsset } from './assets.js';
export { questionnaireCss } from './style.js';
export { escapeHtml } from './escape.js';
export { systemTexts, type SystemTexts } from './texts.js';

/** Renderers of the table model: HTML, XLSX, DOCX, PDF and plain text, and the atomic report writer. */
export { formatNumber, formatN, formatCell, captionText, tableLabel, tableNotes, wordsFor, type FormattedCell, type ReportWords } from './format.js';
export { escapeHtml } from './escape.js';
export { renderChart, scaleColours } from './chart.js';
export { renderHtml, renderHtmlTable } from './html.js';
export { renderXlsx, buildWorkbook, sheetNames, excelNumberFormat, excelValue } from './xlsx.js';
export { renderDocx, buildDocx } from './docx.js';
export { renderJson, buildJson, TABLES_JSON_VERSION, type JsonReport, type JsonTable, type JsonCell } from './json.js';
export { renderPdf, printHtmlToPdf, findChromium, chromiumPath, chromiumArgs } from './pdf.js';
export { renderText, renderTextTable } from './terminal.js';
export { ProgressBar, type ProgressSink } from './progress.js';
export { xmlSafe } from './clean.js';
export {
  writeReport,
  parseFormats,
  reportFormats,
  reportFileNames,
  defaultRenderers,
  type ReportFormat,
  type FormatRenderer,
  type WriteReportOptions,
} from './write.js';

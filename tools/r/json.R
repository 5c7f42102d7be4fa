# JSON writer for the R fixture scripts (no jsonlite on the machines): numbers as %.17g so a
# rerun gives byte-identical files; I() or length != 1 writes an array. Sourced from the
# repository root: source("tools/r/json.R").
js <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x)) && length(x) > 0) {
      parts <- mapply(function(k, v) paste0('"', k, '":', js(v)), names(x), x)
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    if (!is.null(names(x))) return("{}")
    return(paste0("[", paste(vapply(x, js, ""), collapse = ","), "]"))
  }
  arr <- inherits(x, "AsIs") || length(x) != 1
  one <- function(v) {
    if (is.na(v)) return("null")
    if (is.logical(v)) return(if (v) "true" else "false")
    if (is.numeric(v)) return(if (is.finite(v)) sprintf("%.17g", v) else "null")
    paste0('"', gsub('"', '\\\\"', as.character(v)), '"')
  }
  s <- vapply(as.list(unclass(x)), one, "")
  if (arr) paste0("[", paste(s, collapse = ","), "]") else s
}

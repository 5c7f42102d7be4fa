# Hadamard matrices of R survey (4.1) for BRR / Fay replicates, and fixtures for them.
# Run from the repository root:   Rscript tools/r/hadamard-fixtures.R
#
# Writes
#   src/design/hadamard-stored.json         R survey's stored matrices (survey:::hadamard.list, orders
#                                           survey:::hadamard.sizes). They are mathematical data that
#                                           src/design/hadamard.ts starts from; the rest of R's rule
#                                           (Paley construction, doubling, choice of order) is
#                                           reimplemented there.
#   test/fixtures/design/hadamard-matrices.json   survey:::hadamard(n) for n = 1..40 (0/1 entries)
#   test/fixtures/design/hadamard-brr.json        generated designs with 8, 13 and 20 strata (2 PSUs
#                                           each) and R's svymean / svytotal with BRR and Fay (rho 0.3)
#                                           replicates from as.svrepdesign.
suppressMessages(library(survey))

num <- function(v) sprintf("%.17g", v)
int_row <- function(v) paste0("[", paste(as.integer(v), collapse = ","), "]")
matrix_json <- function(H) paste0("[", paste(apply(H, 1, int_row), collapse = ","), "]")
str_arr <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")
num_arr <- function(v) paste0("[", paste(num(v), collapse = ","), "]")

# ------------------------------------------------------------------ stored matrices
sizes <- survey:::hadamard.sizes
stored <- survey:::hadamard.list
stopifnot(length(sizes) == length(stored), all(sapply(stored, nrow) == sizes))
writeLines(paste0(
  '{"source":"R survey ', as.character(packageVersion("survey")), ' survey:::hadamard.list (0/1 entries)",',
  '"sizes":', int_row(sizes), ',"matrices":[',
  paste(sapply(stored, matrix_json), collapse = ","), "]}"
), "src/design/hadamard-stored.json")

# ------------------------------------------------------------------ hadamard(n), n = 1..40
dir.create("test/fixtures/design", showWarnings = FALSE, recursive = TRUE)
items <- sapply(1:40, function(n) {
  H <- survey:::hadamard(n)
  paste0('{"n":', n, ',"order":', nrow(H), ',"matrix":', matrix_json(H), "}")
})
writeLines(paste0('{"source":"R survey ', as.character(packageVersion("survey")),
                  ' survey:::hadamard(n)","cases":[', paste(items, collapse = ","), "]}"),
           "test/fixtures/design/hadamard-matrices.json")

# Larger n (doubling, Paley of order 8k, recursive Paley): order and a weighted checksum of the
# entries, sum over 0-based (i, j) of H[i, j] * ((i * order + j) mod 9973), to keep the file small.
signature <- function(H) {
  k <- nrow(H)
  idx <- outer(0:(k - 1), 0:(k - 1), function(i, j) (i * k + j) %% 9973)
  sum(H * idx)
}
items <- sapply(41:300, function(n) {
  H <- survey:::hadamard(n)
  paste0('{"n":', n, ',"order":', nrow(H), ',"signature":', num(signature(H)), "}")
})
writeLines(paste0('{"source":"R survey ', as.character(packageVersion("survey")),
                  ' survey:::hadamard(n): order and sum of H[i,j] * ((i*order + j) mod 9973), 0-based i, j","cases":[',
                  paste(items, collapse = ","), "]}"),
           "test/fixtures/design/hadamard-signatures.json")

# ------------------------------------------------------------------ BRR / Fay on generated designs
set.seed(20261128)
make_design <- function(nstrata) {
  rows <- list()
  psu_id <- 0
  for (h in seq_len(nstrata)) {
    for (k in 1:2) {
      psu_id <- psu_id + 1
      m <- sample(2:5, 1)
      rows[[length(rows) + 1]] <- data.frame(
        stratum = sprintf("s%02d", h),
        psu = psu_id * 7 + 3,                      # ids that are not in stratum order
        w = round(runif(m, 5, 40), 2),
        y = round(rnorm(m, 50 + h + 3 * k, 10), 3)
      )
    }
  }
  df <- do.call(rbind, rows)
  df[sample(nrow(df)), ]                            # PSUs appear in shuffled order
}
cases <- sapply(c(8, 13, 20), function(nstrata) {
  df <- make_design(nstrata)
  d <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = df)
  reps <- list(BRR = as.svrepdesign(d, type = "BRR"),
               Fay = as.svrepdesign(d, type = "Fay", fay.rho = 0.3))
  res <- sapply(names(reps), function(type) {
    r <- reps[[type]]
    m <- svymean(~y, r)
    t <- svytotal(~y, r)
    paste0('"', type, '":{"replicates":', ncol(r$repweights$weights),
           ',"mean":{"estimate":', num(coef(m)), ',"se":', num(SE(m)), "}",
           ',"total":{"estimate":', num(coef(t)), ',"se":', num(SE(t)), "}}")
  })
  paste0('{"strata":', nstrata,
         ',"data":{"stratum":', str_arr(df$stratum), ',"psu":', num_arr(df$psu),
         ',"w":', num_arr(df$w), ',"y":', num_arr(df$y), "}",
         ",", paste(res, collapse = ","), "}")
})
writeLines(paste0('{"source":"R survey ', as.character(packageVersion("survey")),
                  ' svymean/svytotal on as.svrepdesign(d, type = \\"BRR\\" | \\"Fay\\", fay.rho = 0.3)","cases":[',
                  paste(cases, collapse = ","), "]}"),
           "test/fixtures/design/hadamard-brr.json")

# Fixture for issue 8 item 10: estimates with weights near the largest double (1e300), where
# squares of weights and of weighted totals overflow. R survey 4.1 computes proportions, means
# and ratios from influence values (y − θ)·w/Σw, which stay finite; a total's SE is Inf.
# Writes test/fixtures/estimate/extreme-weights.csv and extreme-weights.json. Run from the root:
#   Rscript tools/r/extreme-weights-fixtures.R
suppressMessages(library(survey))
out_dir <- "test/fixtures/estimate"
set.seed(20261203)
n <- 60
d <- data.frame(
  h = rep(1:3, each = 20),
  psu = rep(1:15, each = 4),
  w = round(runif(n, 1, 5), 3) * 1e300,
  cat = sample(1:3, n, replace = TRUE),
  region = sample(c("Noord", "Zuid"), n, replace = TRUE),
  y = round(rnorm(n, 50, 10), 2),
  x = round(runif(n, 10, 40), 2),
  allmissing = NA
)
d$cat[c(3, 17, 44)] <- NA
csv <- file.path(out_dir, "extreme-weights.csv")
write.csv(d, csv, row.names = FALSE, na = "")
d <- read.csv(csv) # the numbers exactly as spiegel reads them
des <- svydesign(ids = ~psu, strata = ~h, weights = ~w, data = d)

num <- function(v) if (is.finite(v)) sprintf("%.17g", v) else "null"
rows <- character(0)
add <- function(id, level, by, est, se) {
  lv <- if (is.null(level)) "null" else if (is.numeric(level)) as.character(level) else paste0('"', level, '"')
  b <- if (is.null(by)) "{}" else paste0('{"region":"', by, '"}')
  rows[[length(rows) + 1]] <<- sprintf('{"id":"%s","level":%s,"by":%s,"estimate":%s,"se":%s}', id, lv, b, num(est), num(se))
}
p <- svymean(~factor(cat), des, na.rm = TRUE)
for (k in 1:3) add("p", k, NULL, coef(p)[k], SE(p)[k])
pb <- svyby(~factor(cat), ~region, des, svymean, na.rm = TRUE)
for (r in seq_len(nrow(pb))) for (k in 1:3) add("pb", k, pb$region[r], pb[r, 1 + k], pb[r, 4 + k])
m <- svymean(~y, des)
add("m", NULL, NULL, coef(m), SE(m))
rt <- svyratio(~y, ~x, des)
add("r", NULL, NULL, coef(rt), SE(rt))
t <- svytotal(~y, des)
add("t", NULL, NULL, coef(t), SE(t))
writeLines(c("[", paste(rows, collapse = ",\n"), "]"), file.path(out_dir, "extreme-weights.json"))

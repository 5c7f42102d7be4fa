# R survey reference numbers for test/tables/weighted.test.ts: the minimal example study
# (test/fixtures/spec/minimal-study.yaml + minimal-2021.csv), post-stratified to sex 5000/5000.
# Run from the repository root:  Rscript tools/tables/minimal-fixtures.R
# Writes test/fixtures/tables/minimal-r.json.
suppressMessages(library(survey))
d <- read.csv("test/fixtures/spec/minimal-2021.csv")
des0 <- svydesign(ids = ~1, weights = ~1, data = d)
des <- postStratify(des0, ~sex, data.frame(sex = c(1, 2), Freq = c(5000, 5000)))
one <- function(est) list(estimate = unname(coef(est))[1], se = unname(SE(est))[1])

out <- list()
# Tabel 1: share Ja (werk == 1)
out$t1_ja <- one(svymean(~I(as.numeric(werk == 1)), des))
# Tabel 2: hulp_1 over those asked (werk == 2), domain in the full design
out$t2_hulp1 <- one(svymean(~hulp_1, subset(des, werk == 2), na.rm = TRUE))
# Tabel 3a: st_hulp distribution including N.v.t. (code 9): shares of 1..5, 9
sh <- svymean(~factor(st_hulp, levels = c(1, 2, 3, 4, 5, 9)), des)
out$t3a_st_hulp <- list(estimate = unname(coef(sh)), se = unname(SE(sh)))
# Tabel 3b 2021: share (helemaal) eens of st_werk without N.v.t.
out$t3b_st_werk <- one(svymean(~I(as.numeric(st_werk %in% c(1, 2))), subset(des, st_werk != 9)))
# Tabel 4: werk == 1 by age class (derived: below 40 = 1, 40 and older = 2)
des <- update(des, lk = ifelse(age < 40, 1, 2))
by <- svyby(~I(as.numeric(werk == 1)), ~lk, des, svymean)
out$t4_ja_by_age <- list(estimate = unname(coef(by)), se = unname(SE(by)))
# Tabel 4 Rao-Scott test (second-order, F), as svychisq default
cs <- svychisq(~werk + lk, des)
out$t4_chisq <- list(statistic = unname(cs$statistic), p = unname(cs$p.value), df = unname(cs$parameter))
# Tabel 5a: mean rating and share <= 5
out$t5a_mean <- one(svymean(~cijfer, des))
out$t5a_insufficient <- one(svymean(~I(as.numeric(cijfer <= 5)), des))
# t-test of the rating between men and women
tt <- svyttest(cijfer ~ factor(sex), des)
out$ttest_cijfer_sex <- list(statistic = unname(tt$statistic), p = unname(tt$p.value), df = unname(tt$parameter))

writeLines(jsonlite_free <- (function(x) {
  enc <- function(v) {
    if (is.list(v)) {
      paste0("{", paste(sprintf("\"%s\": %s", names(v), sapply(v, enc)), collapse = ", "), "}")
    } else if (length(v) == 1) sprintf("%.17g", v) else paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
  }
  enc(x)
})(out), "test/fixtures/tables/minimal-r.json")

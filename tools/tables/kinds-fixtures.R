# R survey reference tests for test/tables/significance.test.ts, on the hand-made dataset
# test/fixtures/tables/kinds-2021.csv (12 rows, unweighted: svydesign(ids = ~1, weights = ~1)).
# Run from the repository root:  Rscript tools/tables/kinds-fixtures.R
# Writes test/fixtures/tables/kinds-r.json.
suppressMessages(library(survey))
d <- read.csv("test/fixtures/tables/kinds-2021.csv")
des <- svydesign(ids = ~1, weights = ~1, data = d)
test <- function(r) list(statistic = unname(r$statistic), p = unname(r$p.value))
out <- list()
# crossTab werk x grp (Tabel 14): Rao-Scott second-order F
out$chisq_werk_grp <- test(svychisq(~werk + grp, des))
# grid rows by grp (likert5 without N.v.t.: st != 9)
out$chisq_st1_grp <- test(svychisq(~st1 + grp, subset(des, st1 != 9)))
out$chisq_st2_grp <- test(svychisq(~st2 + grp, subset(des, st2 != 9)))
# multiple response by grp over those asked (werk == 2): chosen x grp
out$chisq_hulp1_grp <- test(svychisq(~hulp_1 + grp, subset(des, werk == 2)))
out$chisq_hulp2_grp <- test(svychisq(~hulp_2 + grp, subset(des, werk == 2)))
# average share by grp: t-test of aandeel
out$ttest_aandeel_grp <- test(svyttest(aandeel ~ factor(grp), des))
# item share by grp: t-test of the share (helemaal) eens, without N.v.t.
out$ttest_st1_eens_grp <- test(svyttest(I(as.numeric(st1 %in% c(1, 2))) ~ factor(grp), subset(des, st1 != 9)))
# trend 2021 share st1 eens without N.v.t., with its degrees of freedom
s <- svymean(~I(as.numeric(st1 %in% c(1, 2))), subset(des, st1 != 9))
out$st1_eens <- list(estimate = unname(coef(s)), se = unname(SE(s)), df = degf(subset(des, st1 != 9)))
# wave difference against 2019 published 60% with n = 100 (se = sqrt(.6*.4/99), df = 99):
v1 <- 0.6 * 0.4 / 99; v2 <- unname(SE(s))^2; df1 <- 99; df2 <- degf(subset(des, st1 != 9))
t <- (unname(coef(s)) - 0.6) / sqrt(v1 + v2); nu <- (v1 + v2)^2 / (v1^2 / df1 + v2^2 / df2)
out$wave_st1 <- list(statistic = t, p = 2 * pt(-abs(t), nu), df = nu)
# Benjamini-Hochberg over the two grid rows' Rao-Scott tests
out$bh_grid <- p.adjust(c(out$chisq_st1_grp$p, out$chisq_st2_grp$p), "BH")

enc <- function(v) {
  if (is.list(v)) paste0("{", paste(sprintf("\"%s\": %s", names(v), sapply(v, enc)), collapse = ", "), "}")
  else if (length(v) == 1) sprintf("%.17g", v) else paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
}
writeLines(enc(out), "test/fixtures/tables/kinds-r.json")

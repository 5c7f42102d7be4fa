# Independent check of the significance marks of the example (R 4.2, survey 4.1.1), on the
# unweighted simple design the spec declares (weighting: none, no strata):
#  - Tabel 10: each agreement item, Rao-Scott (svychisq, F) between small (1) and large (3)
#    municipalities, medium left out (significance.compare: [klein, groot]);
#  - Tabel 13: mean share with a decision letter, svyttest between the two policies, among
#    those asked (vrijg_pct > 0).
#   Rscript examples/klantmanagers-2020/check-significance.R
suppressMessages(library(survey))
d <- read.csv("examples/klantmanagers-2020/data/klantmanagers-2020.csv")
d$w <- 1
des <- svydesign(ids = ~1, weights = ~w, data = d)
kg <- subset(des, gemgrootte %in% c(1, 3))
kg <- update(kg, groot = factor(gemgrootte), a1 = factor(afspr_1), a2 = factor(afspr_2), a3 = factor(afspr_3))
for (v in c("a1", "a2", "a3")) {
  p <- svychisq(as.formula(paste0("~", v, " + groot")), kg, statistic = "F")$p.value
  cat(sprintf("tabel10 %s p = %.12g\n", v, p))
}
b <- subset(des, vrijg_pct > 0 & !is.na(beschikking_pct))
b <- update(b, beleid = factor(ontheffing))
cat(sprintf("tabel13 ttest p = %.12g\n", svyttest(beschikking_pct ~ beleid, b)$p.value))

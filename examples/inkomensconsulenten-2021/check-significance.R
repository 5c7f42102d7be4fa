# Independent check of the significance marks of the example (R 4.2, survey 4.1.1):
# unweighted, stratified by size class, as study.yaml declares (weighting: none,
# design: { strata: grootteklasse }). Prints the Rao-Scott (F) p-values of Tabel 4 (wijkteam)
# and Tabel 3 (contact: one category only, no test) between small/medium and large.
#   Rscript examples/inkomensconsulenten-2021/check-significance.R
suppressMessages(library(survey))
d <- read.csv("examples/inkomensconsulenten-2021/data/gemeenten-2021.csv")
d$groot <- factor(ifelse(d$grootteklasse == 3, "groot", "kleinmidden"))
d$w <- 1
for (v in c("wijkteam", paste0("taak_", 1:6), "taak_anders")) d[[paste0("f_", v)]] <- factor(d[[v]])
des <- svydesign(ids = ~1, strata = ~grootteklasse, weights = ~w, data = d)
p4 <- svychisq(~f_wijkteam + groot, des, statistic = "F")$p.value
cat(sprintf("tabel4 wijkteam p = %.12g\n", p4))
for (v in c("taak_1", "taak_2", "taak_3", "taak_4", "taak_5", "taak_6", "taak_anders")) {
  p <- svychisq(as.formula(paste0("~f_", v, " + groot")), des, statistic = "F")$p.value
  cat(sprintf("tabel2 %s p = %.12g\n", v, p))
}

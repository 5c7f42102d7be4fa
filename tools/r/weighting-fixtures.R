# Expected weights and post-weighting estimates from R survey, for test/weighting and for the
# estimation helper (SE after weighting). Run from the repository root:
#   Rscript tools/r/weighting-fixtures.R
# Writes test/fixtures/weighting/{datasets,cases}.json. Needs R >= 4.2 with survey (4.1.1 used).
# Raking is run to full convergence in R (tiny epsilon, many sweeps) and in spiegel, because the
# two stop on different criteria; calibration uses epsilon = 1e-12.
suppressMessages(library(survey))
data(api)
set.seed(20261128)

num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
str <- function(x) paste0('"', gsub('"', '\\"', x, fixed = TRUE), '"')
arr <- function(x) {
  if (is.factor(x) || is.character(x)) paste0("[", paste(str(as.character(x)), collapse = ","), "]")
  else if (is.logical(x)) paste0("[", paste(ifelse(x, "true", "false"), collapse = ","), "]")
  else paste0("[", paste(num(x), collapse = ","), "]")
}
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s":%s', names(kv), unlist(kv)), collapse = ","), "}")
}
dataset_json <- function(df) paste0("{", paste(sprintf('"%s":%s', names(df), sapply(df, arr)), collapse = ","), "}")

# ---- datasets -------------------------------------------------------------------------------
strat <- apistrat[, c("snum", "stype", "sch.wide", "awards", "api00", "api99", "enroll", "pw", "fpc")]
names(strat)[names(strat) == "sch.wide"] <- "schwide"
clus <- apiclus1[, c("snum", "dnum", "stype", "sch.wide", "api00", "api99", "enroll", "pw", "fpc")]
names(clus)[names(clus) == "sch.wide"] <- "schwide"
n <- 600
gen <- data.frame(
  id = 1:n,
  age = sample(c("15-26", "27-44", "45-66", "67+"), n, replace = TRUE, prob = c(.15, .35, .35, .15)),
  sex = sample(c("man", "vrouw"), n, replace = TRUE),
  region = sample(paste0("R", 1:6), n, replace = TRUE, prob = c(.3, .2, .15, .15, .1, .1)),
  income = round(rlnorm(n, 10, 0.5)),
  y = rbinom(n, 1, 0.4),
  dw = round(rlnorm(n, log(300), 0.4), 3)
)
gen$age <- as.character(gen$age)

# ---- designs --------------------------------------------------------------------------------
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
dgen <- svydesign(id = ~1, weights = ~dw, data = gen)
dgen1 <- svydesign(id = ~1, weights = ~rep(1, n), data = gen)

cases <- character(0)
estimates <- function(d, vars) {
  out <- character(0)
  for (v in vars) {
    f <- as.formula(paste0("~", v))
    m <- svymean(f, d); t <- svytotal(f, d)
    out <- c(out,
      obj(statistic = str("mean"), variable = str(v), estimate = num(coef(m)[1]), se = num(SE(m)[1])),
      obj(statistic = str("total"), variable = str(v), estimate = num(coef(t)[1]), se = num(SE(t)[1])))
  }
  paste0("[", paste(out, collapse = ","), "]")
}
add_case <- function(name, dataset, design, request, d, vars) {
  cases <<- c(cases, obj(name = str(name), dataset = str(dataset), design = design, request = request,
                         weights = arr(weights(d)), estimates = estimates(d, vars)))
}
pop_json <- function(df) {
  # df: data frame of categories + Freq column
  rows <- apply(df, 1, function(r) {
    kv <- sapply(names(df)[names(df) != "Freq"], function(k) sprintf('"%s":%s', k, str(r[[k]])))
    paste0("{", paste(c(kv, sprintf('"N":%s', num(as.numeric(r[["Freq"]])))), collapse = ","), "}")
  })
  paste0("[", paste(rows, collapse = ","), "]")
}
margin_json <- function(vars, df) obj(variables = arr(vars), population = pop_json(df))
design_strat <- obj(ids = str("1"), strata = str("stype"), weights = str("pw"), fpc = str("fpc"))
design_clus <- obj(ids = str("dnum"), weights = str("pw"), fpc = str("fpc"))
design_gen <- obj(ids = str("1"), weights = str("dw"))
design_gen1 <- obj(ids = str("1"))

# 1. post-stratification of apistrat on stype (crossed with sch.wide in case 2)
ps1 <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
d <- postStratify(dstrat, ~stype, ps1)
add_case("poststratify-strat-stype", "apistrat", design_strat,
         obj(method = str("poststratify"), baseWeight = str("pw"), margins = paste0("[", margin_json("stype", ps1), "]")),
         d, c("api00", "enroll"))
ps2 <- as.data.frame(table(stype = apipop$stype, schwide = apipop$sch.wide))
ps2$stype <- as.character(ps2$stype); ps2$schwide <- as.character(ps2$schwide)
apistrat$schwide <- apistrat$sch.wide; apiclus1$schwide <- apiclus1$sch.wide
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
d <- postStratify(dclus1, ~stype + schwide, ps2)
add_case("poststratify-clus-stype-x-schwide", "apiclus1", design_clus,
         obj(method = str("poststratify"), baseWeight = str("pw"), margins = paste0("[", margin_json(c("stype", "schwide"), ps2), "]")),
         d, c("api00", "enroll"))

# 3. raking apiclus1 to stype and schwide margins (full convergence)
m1 <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
m2 <- data.frame(schwide = c("No", "Yes"), Freq = c(1072, 5122))
d <- rake(dclus1, list(~stype, ~schwide), list(m1, m2), control = list(maxit = 1000, epsilon = 1e-15))
add_case("rake-clus-stype-schwide", "apiclus1", design_clus,
         obj(method = str("rake"), baseWeight = str("pw"), epsilon = num(1e-15), maxIterations = num(1000),
             margins = paste0("[", margin_json("stype", m1), ",", margin_json("schwide", m2), "]")),
         d, c("api00", "enroll"))

# 4. raking generated data (design weights dw) to age × sex and region: three margins in total
pa <- data.frame(age = c("15-26", "27-44", "45-66", "67+"), Freq = c(30000, 70000, 72000, 28000))
px <- data.frame(sex = c("man", "vrouw"), Freq = c(98000, 102000))
pr <- data.frame(region = paste0("R", 1:6), Freq = c(50000, 45000, 30000, 30000, 25000, 20000))
d <- rake(dgen, list(~age, ~sex, ~region), list(pa, px, pr), control = list(maxit = 1000, epsilon = 1e-15))
add_case("rake-gen-age-sex-region", "gen", design_gen,
         obj(method = str("rake"), baseWeight = str("dw"), epsilon = num(1e-15), maxIterations = num(1000),
             margins = paste0("[", margin_json("age", pa), ",", margin_json("sex", px), ",", margin_json("region", pr), "]")),
         d, c("y", "income"))

# 5. linear (GREG) calibration of apiclus1 to stype and api99 (R ?calibrate example)
pop.totals <- c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018, api99 = 3914069)
d <- calibrate(dclus1, ~stype + api99, pop.totals)
calmargin <- margin_json("stype", m1)
calreq <- function(method, extra = list()) {
  base <- list(method = str(method), baseWeight = str("pw"), margins = paste0("[", calmargin, "]"),
               totals = paste0("[", obj(variable = str("api99"), total = num(3914069)), "]"))
  do.call(obj, c(base, extra))
}
add_case("linear-clus-stype-api99", "apiclus1", design_clus, calreq("linear"), d, c("api00", "enroll"))

# 6. linear calibration with bounds on g
d <- calibrate(dclus1, ~stype + api99, pop.totals, bounds = c(0.7, 1.7), epsilon = 1e-12, maxit = 200)
add_case("linear-bounded-clus", "apiclus1", design_clus,
         calreq("linear", list(bounds = arr(c(0.7, 1.7)), epsilon = num(1e-12), maxIterations = num(200))), d, c("api00", "enroll"))

# 7. logit calibration with bounds
d <- calibrate(dclus1, ~stype + api99, pop.totals, bounds = c(0.7, 1.7), calfun = "logit", epsilon = 1e-12, maxit = 200, compress = FALSE)
add_case("logit-clus", "apiclus1", design_clus,
         calreq("logit", list(bounds = arr(c(0.7, 1.7)), epsilon = num(1e-12), maxIterations = num(200))), d, c("api00", "enroll"))

# 8. logit calibration of unweighted generated data (R rescales the weights first: totals/sample > 20)
pax <- as.data.frame(table(age = rep(pa$age, 2), sex = rep(c("man", "vrouw"), each = 4)))
pax <- data.frame(age = rep(pa$age, 2), sex = rep(c("man", "vrouw"), each = 4),
                  Freq = c(14500, 34000, 35500, 14000, 15500, 36000, 36500, 14000))
d <- calibrate(dgen1, list(~age + sex, ~region), list(xtabs(Freq ~ age + sex, pax), xtabs(Freq ~ region, pr)),
               calfun = "logit", bounds = c(0.5, 2), epsilon = 1e-12, maxit = 200)
add_case("logit-gen-unweighted-rescaled", "gen", design_gen1,
         obj(method = str("logit"), bounds = arr(c(0.5, 2)), epsilon = num(1e-12), maxIterations = num(200),
             margins = paste0("[", margin_json(c("age", "sex"), pax), ",", margin_json("region", pr), "]")),
         d, c("y", "income"))

# 9. linear calibration with bounds of generated data with design weights, crossed margin + income total
itot <- 200000 * 25000
d <- calibrate(dgen, list(~age + sex, ~region), list(xtabs(Freq ~ age + sex, pax), xtabs(Freq ~ region, pr)),
               bounds = c(0.4, 2.5), epsilon = 1e-12, maxit = 200)
add_case("linear-bounded-gen", "gen", design_gen,
         obj(method = str("linear"), baseWeight = str("dw"), bounds = arr(c(0.4, 2.5)), epsilon = num(1e-12), maxIterations = num(200),
             margins = paste0("[", margin_json(c("age", "sex"), pax), ",", margin_json("region", pr), "]")),
         d, c("y", "income"))

# 10. trimming: absolute, not strict / strict, and after raking
d <- trimWeights(dstrat, lower = 20, upper = 40)
add_case("trim-strat", "apistrat", design_strat,
         obj(method = str("trim"), baseWeight = str("pw"), trim = obj(lower = num(20), upper = num(40))), d, c("api00", "enroll"))
d <- trimWeights(dgen, lower = 150, upper = 500, strict = TRUE)
add_case("trim-gen-strict", "gen", design_gen,
         obj(method = str("trim"), baseWeight = str("dw"), trim = obj(lower = num(150), upper = num(500), strict = "true")), d, c("y", "income"))
d <- trimWeights(dgen, lower = 150, upper = 500, strict = FALSE)
add_case("trim-gen", "gen", design_gen,
         obj(method = str("trim"), baseWeight = str("dw"), trim = obj(lower = num(150), upper = num(500))), d, c("y", "income"))
mw <- mean(weights(dgen))
d <- trimWeights(dgen, lower = 0.5 * mw, upper = 1.8 * mw, strict = TRUE)
add_case("trim-gen-relative", "gen", design_gen,
         obj(method = str("trim"), baseWeight = str("dw"), trim = obj(lower = num(0.5), upper = num(1.8), strict = "true", relative = "true")),
         d, c("y", "income"))
d <- rake(dgen, list(~age, ~sex, ~region), list(pa, px, pr), control = list(maxit = 1000, epsilon = 1e-15))
d <- trimWeights(d, lower = 100, upper = 700, strict = TRUE)
add_case("rake-then-trim-gen", "gen", design_gen,
         obj(method = str("rake"), baseWeight = str("dw"), epsilon = num(1e-15), maxIterations = num(1000),
             margins = paste0("[", margin_json("age", pa), ",", margin_json("sex", px), ",", margin_json("region", pr), "]"),
             trim = obj(lower = num(100), upper = num(700), strict = "true")),
         d, c("y", "income"))

# 11. replicate design (JK1 from apiclus1): postStratify / calibrate recalibrate every replicate
rclus1 <- as.svrepdesign(dclus1, type = "JK1", compress = FALSE)
rep0 <- weights(rclus1, "analysis")
rps <- postStratify(rclus1, ~stype, m1)
rcal <- calibrate(rclus1, ~stype + api99, pop.totals, bounds = c(0.3, 3), calfun = "logit", epsilon = 1e-12, maxit = 200, compress = FALSE)
repjson <- function(m) paste0("[", paste(apply(m, 2, arr), collapse = ","), "]")
rep_case <- function(name, request, d) {
  cases <<- c(cases, obj(name = str(name), dataset = str("apiclus1"), design = design_clus, request = request,
                         replicatesBefore = repjson(rep0), weights = arr(weights(d, "sampling")),
                         replicates = repjson(weights(d, "analysis")), estimates = estimates(d, c("api00"))))
}
rep_case("replicate-poststratify-clus", obj(method = str("poststratify"), baseWeight = str("pw"), margins = paste0("[", margin_json("stype", m1), "]")), rps)
rep_case("replicate-logit-clus", calreq("logit", list(bounds = arr(c(0.3, 3)), epsilon = num(1e-12), maxIterations = num(200))), rcal)

dir.create("test/fixtures/weighting", recursive = TRUE, showWarnings = FALSE)
writeLines(paste0("{\"apistrat\":", dataset_json(strat), ",\"apiclus1\":", dataset_json(clus), ",\"gen\":", dataset_json(gen), "}"),
           "test/fixtures/weighting/datasets.json")
writeLines(paste0("{\"generator\":\"tools/r/weighting-fixtures.R\",\"R\":", str(R.version.string),
                  ",\"survey\":", str(as.character(packageVersion("survey"))), ",\"cases\":[", paste(cases, collapse = ",\n"), "]}"),
           "test/fixtures/weighting/cases.json")
cat("wrote", length(cases), "cases\n")

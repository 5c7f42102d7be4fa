# Fixtures for the estimation engine (src/design, src/estimate): runs R survey (4.1) on the
# api data and on generated data, and writes the data (CSV) and the expected answers (JSON)
# under test/fixtures/estimate/.  Run from the repository root:
#   Rscript tools/r/estimate-fixtures.R
# Every case is a request in the JSON contract of issue 3 plus the numbers R computes for it.
suppressMessages(library(survey))
data(api)
out_dir <- "test/fixtures/estimate"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

source("tools/r/json.R") # js(): the JSON writer shared by the fixture scripts

# ---------------------------------------------------------------- data
write_data <- function(df, name) {
  write.csv(df, file.path(out_dir, name), row.names = FALSE, na = "")
}
strat <- apistrat[, c("cds", "stype", "dnum", "snum", "pw", "fpc", "api00", "api99", "enroll", "awards", "sch.wide", "meals", "ell", "comp.imp")]
clus1 <- apiclus1[, c("cds", "stype", "dnum", "snum", "pw", "fpc", "api00", "api99", "enroll", "awards", "sch.wide", "meals")]
clus2 <- apiclus2[, c("cds", "stype", "dnum", "snum", "pw", "fpc1", "fpc2", "api00", "api99", "enroll", "awards", "sch.wide", "meals")]
clus2$fpc2 <- as.numeric(clus2$fpc2)
for (nm in c("stype", "awards", "sch.wide", "comp.imp")) {
  if (nm %in% names(strat)) strat[[nm]] <- as.character(strat[[nm]])
  if (nm %in% names(clus1)) clus1[[nm]] <- as.character(clus1[[nm]])
  if (nm %in% names(clus2)) clus2[[nm]] <- as.character(clus2[[nm]])
}
write_data(strat, "apistrat.csv")
write_data(clus1, "apiclus1.csv")
write_data(clus2, "apiclus2.csv")

set.seed(20261128)
npsu <- c(5, 3, 4, 6)
rows <- list()
for (h in 1:4) for (j in 1:npsu[h]) {
  nssu <- sample(2:4, 1)
  for (k in 1:nssu) {
    nr <- sample(1:3, 1)
    rows[[length(rows) + 1]] <- data.frame(h = h, psu = h * 100 + j, psu_in = j, ssu = k, nssu = nssu, rowid = 1:nr)
  }
}
gen <- do.call(rbind, rows)
n <- nrow(gen)
gen$fpc1 <- npsu[gen$h] * c(3, 4, 2, 5)[gen$h]
# Stage-2 population: twice the sample, but PSU 201 is a take-all (certainty) PSU.
gen$fpc2 <- ifelse(gen$psu == 201, gen$nssu, gen$nssu * 2 + (gen$psu %% 3))
gen$frac1 <- npsu[gen$h] / gen$fpc1
gen$frac2 <- gen$nssu / gen$fpc2
gen$h2 <- ifelse(gen$psu == 406, 5, gen$h) # stratum 5 has one PSU
gen$w <- round(runif(n, 5, 60), 3)
gen$y <- round(rnorm(n, 50 + 5 * gen$h, 12), 2)
gen$y[sample(n, 6)] <- NA
gen$x <- round(runif(n, 10, 40), 2)
gen$cat <- sample(1:4, n, replace = TRUE, prob = c(0.4, 0.3, 0.2, 0.1))
gen$cat[sample(n, 5)] <- NA
gen$sex <- sample(1:2, n, replace = TRUE)
gen$region <- sample(c("Noord", "Oost", "West"), n, replace = TRUE)
gen$region[gen$sex == 1 & runif(n) < 0.15] <- "Zuid" # (Zuid, sex 2) is an empty domain
gen$m1 <- rbinom(n, 1, 0.3)
gen$m2 <- rbinom(n, 1, 0.2)
gen$m3 <- rbinom(n, 1, 0.1)
gen$m1[sample(n, 3)] <- NA
gen$m3[sample(n, 3)] <- NA
gen$any_m <- as.numeric(gen$m1 == 1 | gen$m2 == 1 | gen$m3 == 1)
gen$group <- sample(0:1, n, replace = TRUE)
write_data(gen[, setdiff(names(gen), "any_m")], "gen.csv")

datasets <- list(apistrat.csv = strat, apiclus1.csv = clus1, apiclus2.csv = clus2, gen.csv = gen)

# ---------------------------------------------------------------- R designs from the JSON design spec
make_design <- function(df, spec) {
  f <- function(v) if (is.null(v) || length(v) == 0) NULL else as.formula(paste("~", paste(v, collapse = "+")))
  ids <- if (is.null(spec$ids)) ~1 else f(spec$ids)
  nest <- if (is.null(spec$nest)) FALSE else spec$nest
  args <- list(ids = ids, strata = f(spec$strata), weights = f(spec$weights), fpc = f(spec$fpc), data = df, nest = nest)
  suppressWarnings(do.call(svydesign, args))
}

levels_of <- function(v) {
  u <- unique(v[!is.na(v) & v != ""])
  sort(u)
}

# Rows of the expected answer for one estimate item.
run_item <- function(d, e) {
  rows <- list()
  dd0 <- d
  if (!is.null(e$subset)) {
    sv <- d$variables[[e$subset$variable]]
    dd0 <- d[!is.na(sv) & sv %in% unlist(e$subset[["in"]]), ]
  }
  by <- unlist(e$by)
  combos <- if (length(by) == 0) list(list()) else {
    g <- expand.grid(rev(lapply(by, function(b) levels_of(d$variables[[b]]))), stringsAsFactors = FALSE)
    g <- g[, rev(seq_along(by)), drop = FALSE]
    lapply(seq_len(nrow(g)), function(i) { r <- as.list(g[i, , drop = TRUE]); names(r) <- by; r })
  }
  level <- if (is.null(e$ci$level)) 0.95 else e$ci$level
  method <- if (is.null(e$ci$method)) "wald" else e$ci$method
  for (combo in combos) {
    sel <- rep(TRUE, nrow(dd0$variables))
    for (b in names(combo)) { v <- dd0$variables[[b]]; sel <- sel & !is.na(v) & v == combo[[b]] }
    if (inherits(dd0, "survey.design2") && !is.null(dd0$postStrata)) sel <- sel & weights(dd0, "sampling") != 0
    byjs <- if (length(combo) == 0) structure(list(), names = character(0)) else combo
    if (sum(sel) == 0) {
      rows[[length(rows) + 1]] <- list(id = e$id, level = NULL, by = byjs, estimable = FALSE)
      next
    }
    dd <- dd0[sel, ]
    df <- degf(dd)
    ww <- weights(dd, "sampling")
    inset <- ww != 0
    add <- function(lev, est, se, ci, deffv, valid) {
      rows[[length(rows) + 1]] <<- list(id = e$id, level = lev, by = byjs, estimate = unname(est), se = unname(se),
        ci = I(unname(as.numeric(ci))), deff = unname(deffv), df = df, n = sum(valid & inset), weightedN = sum(ww[valid & inset]),
        estimable = TRUE)
    }
    st <- e$statistic
    if (st %in% c("mean", "total", "any")) {
      var <- if (st == "any") "any_m" else e$variable
      fm <- as.formula(paste("~", var))
      m <- if (st == "total") svytotal(fm, dd, na.rm = TRUE, deff = TRUE) else svymean(fm, dd, na.rm = TRUE, deff = TRUE)
      ci <- if (st == "any" && method != "wald") {
        attr(eval(bquote(svyciprop(~I(.(as.name(var)) == 1), dd, method = .(method), level = .(level), na.rm = TRUE))), "ci")
      } else if (method == "normal") confint(m, level = level) else confint(m, df = df, level = level)
      add(NULL, coef(m), SE(m), ci, deff(m), !is.na(dd$variables[[var]]))
    } else if (st == "ratio") {
      isrep <- inherits(dd, "svyrep.design") # (R's svyratio cannot give deff for replicate designs)
      r <- svyratio(as.formula(paste("~", e$numerator)), as.formula(paste("~", e$denominator)), dd, na.rm = TRUE, deff = !isrep)
      est <- coef(r); se <- SE(r)
      q <- qt(1 - (1 - level) / 2, df)
      add(NULL, est, se, c(est - q * se, est + q * se), if (isrep) NULL else attr(r, "deff"),
        !is.na(dd$variables[[e$numerator]]) & !is.na(dd$variables[[e$denominator]]))
    } else if (st == "proportion") {
      v <- dd$variables[[e$variable]]
      L <- levels_of(d$variables[[e$variable]])
      dd <- update(dd, .f = factor(v, levels = L))
      m <- svymean(~.f, dd, na.rm = TRUE, deff = TRUE)
      valid <- !is.na(v) & v != ""
      for (k in seq_along(L)) {
        ci <- if (method == "wald") confint(m, df = df, level = level)[k, ] else {
          lk <- L[k]
          attr(eval(bquote(svyciprop(~I(.(as.name(e$variable)) == .(lk)), dd, method = .(method), level = .(level), na.rm = TRUE))), "ci")
        }
        add(L[k], coef(m)[k], SE(m)[k], ci, deff(m)[k], valid)
      }
    } else if (st == "quantile") {
      y <- dd$variables[[e$variable]]
      valid <- !is.na(y)
      ddv <- dd[valid, ]
      qq <- svyquantile(as.formula(paste("~", e$variable)), dd, quantiles = unlist(e$probs), na.rm = TRUE, ci = TRUE, alpha = 1 - level)[[1]]
      for (k in seq_along(unlist(e$probs))) {
        rows[[length(rows) + 1]] <- list(id = e$id, level = unlist(e$probs)[k], by = byjs, estimate = unname(qq[k, 1]), se = unname(qq[k, 4]),
          ci = I(unname(as.numeric(qq[k, 2:3]))), deff = NULL, df = degf(ddv), n = sum(valid & inset), weightedN = sum(ww[valid & inset]), estimable = TRUE)
      }
    } else if (st == "multiple") {
      vars <- unlist(e$variables)
      m <- svymean(as.formula(paste("~", paste(vars, collapse = "+"))), dd, na.rm = TRUE, deff = TRUE)
      valid <- complete.cases(dd$variables[, vars])
      ci <- confint(m, df = df, level = level)
      for (k in seq_along(vars)) add(vars[k], coef(m)[k], SE(m)[k], ci[k, ], deff(m)[k], valid)
    }
  }
  rows
}

run_test <- function(d, t) {
  dd <- d
  if (!is.null(t$subset)) {
    sv <- d$variables[[t$subset$variable]]
    dd <- d[!is.na(sv) & sv %in% unlist(t$subset[["in"]]), ]
  }
  if (t$kind == "chisq") {
    r <- svychisq(as.formula(paste("~", t$rows, "+", t$cols)), dd, statistic = t$statistic)
    return(list(id = t$id, statistic = unname(r$statistic), df = I(unname(r$parameter)), p = unname(r$p.value)))
  }
  if (t$kind == "ttest") {
    r <- svyttest(as.formula(paste(t$variable, "~", t$group)), dd)
    return(list(id = t$id, statistic = unname(r$statistic), df = I(unname(r$parameter)), p = unname(r$p.value),
      estimate = unname(r$estimate), ci = I(unname(as.numeric(r$conf.int)))))
  }
  if (t$kind == "contrast") {
    FUN <- switch(t$statistic, mean = svymean, total = svytotal)
    b <- svyby(as.formula(paste("~", t$variable)), as.formula(paste("~", t$by[[1]])), dd, FUN, covmat = TRUE, na.rm = TRUE)
    co <- sapply(t$coefficients, function(x) x$coefficient)
    names(co) <- sapply(t$coefficients, function(x) as.character(x$by[[1]]))
    r <- svycontrast(b, co)
    df <- degf(dd)
    est <- unname(coef(r)); se <- unname(SE(r))
    q <- qt(0.975, df)
    return(list(id = t$id, statistic = est / se, df = I(df), p = 2 * pt(-abs(est / se), df), estimate = est, se = se, ci = I(c(est - q * se, est + q * se))))
  }
}

cases <- list()
add_case <- function(name, data, request, lonely = "fail", error = NULL, weighting = NULL) {
  message(name)
  options(survey.lonely.psu = lonely)
  df <- datasets[[data]]
  expected <- tryCatch({
    d <- make_design(df, request$design)
    if (!is.null(weighting)) d <- weighting(d)
    est <- list()
    for (e in request$estimates) est <- c(est, run_item(d, e))
    tests <- lapply(request$tests, function(t) withCallingHandlers(run_test(d, t), error = function(err) message("test ", t$id)))
    list(estimates = est, tests = tests)
  }, error = function(err) {
    if (is.null(error)) stop(err)
    NULL
  })
  case <- list(name = name, data = data, request = request)
  if (!is.null(error)) case$error <- error else case$expected <- expected
  cases[[length(cases) + 1]] <<- case
}

E <- function(id, statistic, ...) list(id = id, statistic = statistic, ...)

# ---------------------------------------------------------------- api cases
add_case("apistrat stratified with fpc", "apistrat.csv", list(
  design = list(strata = list("stype"), weights = "pw", fpc = list("fpc")),
  estimates = list(
    E("e1", "mean", variable = "api00", by = list("stype"), subset = list(variable = "sch.wide", `in` = list("Yes")), ci = list(level = 0.95, method = "wald"), deff = TRUE),
    E("e2", "proportion", variable = "awards", ci = list(method = "logit")),
    E("e4", "ratio", numerator = "api00", denominator = "api99"),
    E("e5", "total", variable = "enroll"),
    E("e6", "mean", variable = "api00"),
    E("e7", "proportion", variable = "stype", by = list("awards")),
    E("e8", "total", variable = "enroll", by = list("stype", "awards"))
  )))
add_case("apiclus1 one-stage cluster", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc")),
  estimates = list(
    E("m", "mean", variable = "api00", by = list("stype")),
    E("t", "total", variable = "enroll"),
    E("p", "proportion", variable = "sch.wide", by = list("stype"), ci = list(method = "beta")),
    E("r", "ratio", numerator = "api00", denominator = "api99", by = list("awards"))
  )))
add_case("apiclus1 without fpc", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw"),
  estimates = list(E("m", "mean", variable = "api00"), E("mn", "mean", variable = "api00", by = list("stype"), ci = list(method = "normal", level = 0.9)),
    E("tn", "total", variable = "enroll", ci = list(method = "normal")), E("p", "proportion", variable = "awards", ci = list(method = "xlogit", level = 0.9)))
  ))
add_case("apiclus2 two-stage with fpc", "apiclus2.csv", list(
  design = list(ids = list("dnum", "snum"), fpc = list("fpc1", "fpc2")),
  estimates = list(
    E("m", "mean", variable = "api00", by = list("stype")),
    E("e", "mean", variable = "enroll"),
    E("t", "total", variable = "enroll"),
    E("p", "proportion", variable = "awards", ci = list(method = "asin"))
  )))
add_case("apiclus2 two-stage without fpc", "apiclus2.csv", list(
  design = list(ids = list("dnum", "snum"), weights = "pw"),
  estimates = list(E("m", "mean", variable = "api00", by = list("stype")), E("e", "mean", variable = "enroll"))
  ))

# ---------------------------------------------------------------- generated data
gen_items <- list(
  E("mean", "mean", variable = "y", by = list("region")),
  E("mean2", "mean", variable = "y", by = list("region", "sex")),
  E("tot", "total", variable = "y", subset = list(variable = "sex", `in` = list(2))),
  E("prop", "proportion", variable = "cat", by = list("sex")),
  E("ratio", "ratio", numerator = "y", denominator = "x", by = list("sex")),
  E("any", "any", variables = list("m1", "m2", "m3"), by = list("region")),
  E("multi", "multiple", variables = list("m1", "m2", "m3"))
)
add_case("gen multistage fpc as population sizes", "gen.csv", list(
  design = list(ids = list("psu", "ssu"), strata = list("h"), fpc = list("fpc1", "fpc2")), estimates = gen_items))
add_case("gen multistage fpc as fractions with weights", "gen.csv", list(
  design = list(ids = list("psu", "ssu"), strata = list("h"), fpc = list("frac1", "frac2"), weights = "w"), estimates = gen_items))
add_case("gen stratified cluster without fpc", "gen.csv", list(
  design = list(ids = list("psu", "ssu"), strata = list("h"), weights = "w"), estimates = gen_items))
add_case("gen nest", "gen.csv", list(
  design = list(ids = list("psu_in"), strata = list("h"), weights = "w", nest = TRUE), estimates = gen_items[1:4]))
add_case("gen strata only", "gen.csv", list(
  design = list(strata = list("h"), weights = "w"), estimates = gen_items[1:4]))
add_case("gen no design", "gen.csv", list(
  design = structure(list(), names = character(0)), estimates = gen_items[c(1, 4)]))
for (lonely in c("remove", "adjust", "average", "certainty")) {
  add_case(paste("gen lonely", lonely), "gen.csv", list(
    design = list(ids = list("psu"), strata = list("h2"), weights = "w", lonelyPsu = lonely), estimates = gen_items), lonely = lonely)
}
add_case("gen lonely fail", "gen.csv", list(
  design = list(ids = list("psu"), strata = list("h2"), weights = "w", lonelyPsu = "fail"), estimates = gen_items[1:1]),
  lonely = "fail", error = "only one PSU")
ci_items <- lapply(c("wald", "mean", "logit", "xlogit", "asin", "beta"), function(m)
  E(paste0("ci_", m), "proportion", variable = "cat", by = list("region"), ci = list(method = m, level = 0.9)))
add_case("gen proportion CI methods", "gen.csv", list(
  design = list(ids = list("psu"), strata = list("h"), weights = "w"), estimates = ci_items))
add_case("gen any CI methods", "gen.csv", list(
  design = list(ids = list("psu"), strata = list("h"), weights = "w"),
  estimates = lapply(c("logit", "beta"), function(m) E(paste0("any_", m), "any", variables = list("m1", "m2", "m3"), ci = list(method = m)))))

# ---------------------------------------------------------------- weighting steps in the variance
pop_stype <- list(list(stype = "E", N = 4421), list(stype = "H", N = 755), list(stype = "M", N = 1018))
pop_sch <- list(list(sch.wide = "No", N = 1072), list(sch.wide = "Yes", N = 5122))
R_stype <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
R_sch <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
cal_items <- list(
  E("m", "mean", variable = "api00", by = list("awards")),
  E("m0", "mean", variable = "api00"),
  E("t", "total", variable = "enroll"),
  E("p", "proportion", variable = "sch.wide", by = list("stype")),
  E("s", "mean", variable = "meals", subset = list(variable = "awards", `in` = list("Yes"))),
  E("r", "ratio", numerator = "api00", denominator = "api99")
)
add_case("apiclus1 postStratify", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc"),
    weighting = list(method = "poststratify", margins = list(list(variables = list("stype"), population = pop_stype)))),
  estimates = cal_items), weighting = function(d) postStratify(d, ~stype, R_stype))
add_case("apiclus2 two-stage postStratify", "apiclus2.csv", list(
  design = list(ids = list("dnum", "snum"), fpc = list("fpc1", "fpc2"),
    weighting = list(method = "poststratify", margins = list(list(variables = list("stype"), population = pop_stype)))),
  estimates = cal_items[1:4]), weighting = function(d) postStratify(d, ~stype, R_stype))
add_case("apiclus1 rake", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc"),
    weighting = list(method = "rake", epsilon = 1e-13, maxIterations = 200, margins = list(
      list(variables = list("stype"), population = pop_stype), list(variables = list("sch.wide"), population = pop_sch)))),
  estimates = cal_items), weighting = function(d) rake(d, list(~stype, ~sch.wide), list(R_stype, R_sch), control = list(maxit = 200, epsilon = 1e-15)))
add_case("apiclus1 linear calibration", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc"),
    weighting = list(method = "linear", margins = list(list(variables = list("stype"), population = pop_stype)),
      totals = list(list(variable = "api99", total = 3914069)))),
  estimates = cal_items), weighting = function(d) calibrate(d, ~stype + api99, c(6194, 755, 1018, 3914069)))
add_case("apistrat logit calibration with bounds", "apistrat.csv", list(
  design = list(strata = list("stype"), weights = "pw", fpc = list("fpc"),
    weighting = list(method = "logit", bounds = I(c(0.8, 1.3)), epsilon = 1e-13, maxIterations = 100,
      margins = list(list(variables = list("sch.wide"), population = pop_sch)), totals = list(list(variable = "api99", total = 3914069)))),
  estimates = cal_items), weighting = function(d) calibrate(d, ~sch.wide + api99, c(6194, 5122, 3914069), calfun = "logit", bounds = c(0.8, 1.3), epsilon = 1e-13, maxit = 100))

# ---------------------------------------------------------------- quantiles and tests
q_items <- list(
  E("q", "quantile", variable = "api00", probs = list(0.25, 0.5, 0.9)),
  E("qb", "quantile", variable = "api00", probs = list(0.5), by = list("stype")),
  E("qe", "quantile", variable = "enroll", probs = list(0.1, 0.5), ci = list(level = 0.9))
)
api_tests <- list(
  list(id = "t1", kind = "chisq", rows = "stype", cols = "awards", statistic = "F"),
  list(id = "t1c", kind = "chisq", rows = "stype", cols = "awards", statistic = "Chisq"),
  list(id = "t2", kind = "ttest", variable = "api00", group = "awards"),
  list(id = "t3", kind = "chisq", rows = "awards", cols = "sch.wide", statistic = "F", subset = list(variable = "stype", `in` = list("E", "M"))),
  list(id = "t4", kind = "ttest", variable = "enroll", group = "sch.wide", subset = list(variable = "stype", `in` = list("E", "M"))),
  list(id = "c1", kind = "contrast", statistic = "mean", variable = "api00", by = list("stype"),
    coefficients = list(list(by = list(stype = "E"), coefficient = 1), list(by = list(stype = "H"), coefficient = -1))),
  list(id = "c2", kind = "contrast", statistic = "total", variable = "enroll", by = list("stype"),
    coefficients = list(list(by = list(stype = "E"), coefficient = 0.5), list(by = list(stype = "M"), coefficient = 0.5), list(by = list(stype = "H"), coefficient = -1)))
)
add_case("apistrat quantiles and tests", "apistrat.csv", list(
  design = list(strata = list("stype"), weights = "pw", fpc = list("fpc")), estimates = q_items, tests = api_tests))
add_case("apiclus1 quantiles and tests", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc")), estimates = q_items, tests = api_tests))
add_case("apiclus2 quantiles and tests", "apiclus2.csv", list(
  design = list(ids = list("dnum", "snum"), fpc = list("fpc1", "fpc2")), estimates = q_items, tests = api_tests[c(1, 2, 3, 6)]))
add_case("apiclus1 postStratify quantiles and tests", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc"),
    weighting = list(method = "poststratify", margins = list(list(variables = list("stype"), population = pop_stype)))),
  # (R's svyby(covmat = TRUE) fails on calibrated designs, so no contrasts here)
  estimates = q_items, tests = api_tests[1:5]), weighting = function(d) postStratify(d, ~stype, R_stype))
gen_tests <- list(
  list(id = "g1", kind = "chisq", rows = "cat", cols = "region", statistic = "F"),
  list(id = "g2", kind = "chisq", rows = "cat", cols = "region", statistic = "Chisq"),
  list(id = "g3", kind = "ttest", variable = "y", group = "group"),
  list(id = "g4", kind = "ttest", variable = "y", group = "sex", subset = list(variable = "region", `in` = list("Noord", "West"))),
  list(id = "g5", kind = "contrast", statistic = "mean", variable = "x", by = list("region"),
    coefficients = list(list(by = list(region = "Noord"), coefficient = 1), list(by = list(region = "Oost"), coefficient = -1)))
)
add_case("gen multistage tests and quantiles", "gen.csv", list(
  design = list(ids = list("psu", "ssu"), strata = list("h"), fpc = list("fpc1", "fpc2")),
  estimates = list(E("q", "quantile", variable = "y", probs = list(0.05, 0.5, 0.75), by = list("sex"))), tests = gen_tests))
add_case("gen lonely average tests", "gen.csv", list(
  design = list(ids = list("psu"), strata = list("h2"), weights = "w", lonelyPsu = "average"),
  estimates = list(E("q", "quantile", variable = "y", probs = list(0.5))), tests = gen_tests), lonely = "average")


# ---------------------------------------------------------------- replicate designs
rep_items <- list(
  E("m", "mean", variable = "y", by = list("region")),
  E("t", "total", variable = "y", subset = list(variable = "sex", `in` = list(2))),
  E("p", "proportion", variable = "cat", by = list("sex")),
  E("pl", "proportion", variable = "cat", ci = list(method = "logit")),
  E("r", "ratio", numerator = "y", denominator = "x"),
  E("a", "any", variables = list("m1", "m2", "m3")),
  E("mr", "multiple", variables = list("m1", "m2", "m3"), by = list("sex")),
  E("q", "quantile", variable = "y", probs = list(0.25, 0.5), by = list("sex"))
)
api_rep_items <- list(
  E("m", "mean", variable = "api00", by = list("stype")),
  E("t", "total", variable = "enroll"),
  E("p", "proportion", variable = "awards", ci = list(method = "beta")),
  E("r", "ratio", numerator = "api00", denominator = "api99", subset = list(variable = "sch.wide", `in` = list("Yes"))),
  E("q", "quantile", variable = "api00", probs = list(0.5, 0.9))
)
add_case("apiclus1 JK1 from the design with fpc", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", fpc = list("fpc"), replicates = list(type = "JK1")), estimates = api_rep_items),
  weighting = function(d) suppressWarnings(as.svrepdesign(d, type = "JK1")))
add_case("apiclus1 JK1 from the design", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", replicates = list(type = "JK1")), estimates = api_rep_items),
  weighting = function(d) as.svrepdesign(d, type = "JK1"))
add_case("apistrat JKn from the design with fpc", "apistrat.csv", list(
  design = list(strata = list("stype"), weights = "pw", fpc = list("fpc"), replicates = list(type = "JKn")), estimates = api_rep_items),
  weighting = function(d) as.svrepdesign(d, type = "JKn"))
add_case("gen JKn from the design", "gen.csv", list(
  design = list(ids = list("psu"), strata = list("h"), weights = "w", replicates = list(type = "JKn")), estimates = rep_items, tests = gen_tests),
  weighting = function(d) as.svrepdesign(d, type = "JKn"))
for (lonely in c("adjust", "remove", "average")) {
  add_case(paste("gen JKn lonely", lonely), "gen.csv", list(
    design = list(ids = list("psu"), strata = list("h2"), weights = "w", lonelyPsu = lonely, replicates = list(type = "JKn")), estimates = rep_items[1:3]),
    lonely = lonely, weighting = function(d) as.svrepdesign(d, type = "JKn"))
}
brr <- gen[gen$psu_in <= 2, ]
write_data(brr[, setdiff(names(brr), "any_m")], "brr.csv")
datasets$brr.csv <- brr
add_case("BRR from the design", "brr.csv", list(
  design = list(ids = list("psu"), strata = list("h"), weights = "w", replicates = list(type = "BRR")), estimates = rep_items),
  weighting = function(d) as.svrepdesign(d, type = "BRR"))
add_case("Fay from the design", "brr.csv", list(
  design = list(ids = list("psu"), strata = list("h"), weights = "w", replicates = list(type = "Fay", rho = 0.3)), estimates = rep_items),
  weighting = function(d) as.svrepdesign(d, type = "Fay", fay.rho = 0.3))
# Replicate weights as columns: R's bootstrap and JKn weights exported into the data.
set.seed(99)
lin <- svydesign(ids = ~psu, strata = ~h, weights = ~w, data = gen)
boot <- as.svrepdesign(lin, type = "bootstrap", replicates = 20)
bw <- weights(boot, "analysis")
jk <- as.svrepdesign(lin, type = "JKn")
jw <- weights(jk, "analysis")
genrep <- gen
for (r in 1:ncol(bw)) genrep[[paste0("bw", r)]] <- bw[, r]
for (r in 1:ncol(jw)) genrep[[paste0("jw", r)]] <- jw[, r]
write_data(genrep[, setdiff(names(genrep), "any_m")], "genrep.csv")
datasets$genrep.csv <- genrep
bcols <- paste0("bw", 1:ncol(bw))
jcols <- paste0("jw", 1:ncol(jw))
rs <- round(runif(ncol(bw), 0.5, 1.5), 3)
add_case("bootstrap replicate columns", "genrep.csv", list(
  design = list(weights = "w", replicates = list(type = "bootstrap", columns = as.list(bcols))), estimates = rep_items, tests = gen_tests),
  weighting = function(d) svrepdesign(data = genrep, repweights = genrep[, bcols], weights = ~w, type = "bootstrap", combined.weights = TRUE))
add_case("JKn replicate columns with rscales", "genrep.csv", list(
  design = list(weights = "w", replicates = list(type = "JKn", columns = as.list(jcols), rscales = I(jk$rscales))), estimates = rep_items),
  weighting = function(d) svrepdesign(data = genrep, repweights = genrep[, jcols], weights = ~w, type = "JKn", rscales = jk$rscales, combined.weights = TRUE))
add_case("other replicate columns with scale, rscales and mse", "genrep.csv", list(
  design = list(weights = "w", replicates = list(type = "other", columns = as.list(bcols), scale = 0.5, rscales = I(rs), mse = TRUE)), estimates = rep_items),
  weighting = function(d) svrepdesign(data = genrep, repweights = genrep[, bcols], weights = ~w, type = "other", scale = 0.5, rscales = rs, mse = TRUE, combined.weights = TRUE))

# ---------------------------------------------------------------- Benjamini-Hochberg (p.adjust "BH")
set.seed(7)
pv <- c(runif(12)^3, 0.05, 0.05, 1, 0)
writeLines(js(list(p = I(pv), bh = I(p.adjust(pv, "BH")))), file.path(out_dir, "bh.json"))

add_case("apiclus1 JK1 with postStratify", "apiclus1.csv", list(
  design = list(ids = list("dnum"), weights = "pw", replicates = list(type = "JK1"),
    weighting = list(method = "poststratify", margins = list(list(variables = list("stype"), population = pop_stype)))),
  estimates = api_rep_items), weighting = function(d) postStratify(as.svrepdesign(d, type = "JK1"), ~stype, R_stype))
writeLines(js(cases), file.path(out_dir, "cases.json"))
cat("wrote", length(cases), "cases\n")

#!/usr/bin/env python3
"""pandas + scikit-learn doing the job of `backtest DIR --fit --folds 5 --horizon 60`.

Run by `npm run bench` (scripts/bench/sklearn.ts) beside the Canary CLI on the same folder of
canonical CSV files (accounts.csv, signals.csv, outcomes.csv, pulses.csv), to time the two:

    /usr/bin/python3 scripts/bench/sklearn_fit.py DIR [--horizon 60] [--folds 5]

Needs Debian's `apt-get install -y python3-sklearn python3-pandas` (scikit-learn 1.2, pandas
1.5). Prints one JSON line: {"seconds", "auc", "outcomes", ...}; `seconds` runs from reading the
files to the AUC (the interpreter's start and the imports are in `import_seconds`).

The same work as the command, in the same order:
1. Read the CSVs (blank cells missing; attribute columns numeric or boolean only when every
   filled cell is, as accounts.csv is read; signals long or wide, blank values dropped, a
   repeated account × date × metric refused).
2. Propose the measures as `proposeModel` (src/lib/engine/backtest/propose.ts) does, from the
   data: per metric a 90-day mean (a 90-day total for irregular whole-number event counts) and
   a 30-day change against the 30 days before (when observed at least 4 times, at most 30 days
   apart), or the latest value of the last 365 days for a snapshot or a rarely observed level;
   constant metrics skipped; the natural ratios of dense usage metrics (per licensed seat, per
   active user) over 90 days. Attributes: tenure (unless outcomes fall on contract
   anniversaries), arr and seats (unless a dated series of the same figure exists), segment and
   the custom attributes (numbers as numbers; up to 20 categories as categories; names that
   look like the outcome skipped).
3. For every outcome of a known account, each measure's value as of the outcome day − horizon,
   reading only observations dated on or before that day (windows are (day − w, day]; an empty
   event-count window is 0 only while the account has some data in it).
4. Outcomes with no measure value at all neither train nor score. 5 folds grouped by account
   (GroupKFold); in each training fold: numbers imputed with the fold's median plus a "was
   missing" column where the fold had missing values, standardised; categories one-hot (first
   category dropped, unseen ones all zero); L2 LogisticRegression(C=1, lbfgs, run to
   convergence); the held-out fold scored; the out-of-sample ROC AUC over every scored outcome.

Canary's command does more on top (a scorecard per fold with monotone tiers, its probabilities
recalibrated on inner folds, band thresholds, lead times from weekly re-scoring), none of which
is done here: this is the plain logistic regression on the same point-in-time features.
"""
import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.impute import MissingIndicator, SimpleImputer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - T_START

# propose.ts's constants.
LEVEL_WINDOW_DAYS = 90
CHANGE_WINDOW_DAYS = 30
SNAPSHOT_WINDOW_DAYS = 365
MAX_CATEGORIES = 20
OUTCOME_LIKE = re.compile(r"churn|cancel|renew|outcome|closed|lost", re.I)
REGULAR_GAP_SHARE = 0.8
ANNIVERSARY_SLACK_DAYS = 31
ANNIVERSARY_SHARE = 0.8
ANNIVERSARY_MIN_OUTCOMES = 20
DATED_FIELD_SERIES = {"arr": ["arr", "mrr"], "seats": ["seats", "licensed_seats"]}
LEVEL_WORDS = [
    "satisfaction", "score", "csat", "nps", "rating", "seat", "arr", "mrr", "rate", "ratio",
    "share", "percent", "pct", "duration", "minutes", "hours", "seconds", "days", "time",
    "amount", "balance", "price", "value", "level", "size", "revenue", "charge",
]  # fmt: skip
# propose-names.ts's dimension stems (the first dimension with a match wins; the WHOLE_WORD ones
# must be the whole word): ratios are proposed for usage metrics only.
DIMENSION_STEMS = [
    ("support", ["ticket", "escalat", "csat", "satisfaction", "resolution", "response", "support",
                 "incident", "complaint", "sla", "bug", "helpdesk"]),
    ("financial", ["arr", "mrr", "revenue", "charge", "billing", "billed", "invoice", "payment",
                   "paid", "unpaid", "overdue", "balance", "price", "pricing", "amount", "refund",
                   "discount", "spend", "delinquen", "plan", "tier", "past"]),
    ("usage", ["usage", "active", "login", "session", "seat", "licen", "feature", "action",
               "adoption", "api", "event", "user", "dau", "wau", "mau", "workflow", "integration",
               "error", "page", "click", "report"]),
    ("engagement", ["meeting", "qbr", "qbrs", "email", "webinar", "training", "engagement",
                    "survey", "call", "calls", "visit", "onboarding"]),
    ("relationship", ["champion", "sponsor", "nps", "pulse", "tenure", "relationship",
                      "stakeholder", "contract"]),
]  # fmt: skip
WHOLE_WORD = {"arr", "mrr", "nps", "sla", "api", "dau", "wau", "mau", "qbr", "plan"}
SEAT_METRIC = re.compile(r"seat|licen", re.I)
USER_METRIC = re.compile(r"user|active|member", re.I)
ACCOUNT_COLUMNS = [
    "account_id", "name", "segment", "arr", "seats", "contract_start", "renewal_date", "owner",
]  # fmt: skip
CANONICAL = ["accounts.csv", "signals.csv", "outcomes.csv", "pulses.csv", "overrides.csv"]
EPOCH = pd.Timestamp("1970-01-01")
# Composite sort key account × day: days are within ±OFFSET of 1970.
OFFSET = 5_000_000
SPAN = 2 * OFFSET


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def name_words(name):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", s)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9%]+", s) if w]


def names_a_level(name):
    return any(w.startswith(l) for w in name_words(name) for l in LEVEL_WORDS)


def dimension_of(name):
    words = name_words(name)
    for dimension, stems in DIMENSION_STEMS:
        for stem in stems:
            if any(w == stem if stem in WHOLE_WORD else w.startswith(stem) for w in words):
                return dimension
    return "other"


def canonical_files(folder):
    """The canonical files of a folder by canonical name (.tsv and .txt read as .csv)."""
    found = {}
    for entry in os.listdir(folder):
        key = re.sub(r"\.(tsv|txt)$", ".csv", entry.strip().lower())
        if key in CANONICAL:
            if key in found:
                fail(f"{found[key]} and {entry} are both {key}; keep one")
            found[key] = os.path.join(folder, entry)
    return found


def read_table(path):
    """Every cell as text, blank = '' (never "NA" read as missing); separator sniffed."""
    df = pd.read_csv(
        path, dtype=str, keep_default_na=False, sep=None if path.endswith((".tsv", ".txt")) else ","
    )
    df.columns = [c.strip() for c in df.columns]
    return df


def lower_columns(df):
    return df.rename(columns={c: c.lower() for c in df.columns if c.lower() in ACCOUNT_COLUMNS})


def blank_to_nan(series):
    s = series.str.strip()
    return s.where(s != "", np.nan)


def days_of(series):
    """ISO dates → day numbers (days since 1970-01-01, float); blank → NaN."""
    return (pd.to_datetime(blank_to_nan(series), format="%Y-%m-%d") - EPOCH).dt.days


def numbers_of(series):
    """Numbers (already parsed, or text); blank → NaN; `bad` marks text that is no number."""
    if series.dtype != object:
        return series.astype("float64"), pd.Series(False, index=series.index)
    s = blank_to_nan(series)
    out = pd.to_numeric(s, errors="coerce")
    return out, out.isna() & s.notna()


def read_book(folder):
    files = canonical_files(folder)
    if "accounts.csv" not in files:
        fail(f"{folder}: no accounts.csv")
    acc = lower_columns(read_table(files["accounts.csv"]))
    ids = acc["account_id"].str.strip()
    if (ids == "").any():
        fail(f"{files['accounts.csv']}: account_id is empty")
    if ids.duplicated().any():
        fail(f"{files['accounts.csv']}: account_id {ids[ids.duplicated()].iloc[0]} is used twice")
    accounts = pd.DataFrame({"account_id": ids})
    for col in ("arr", "seats"):
        if col in acc:
            v, bad = numbers_of(acc[col])
            if bad.any():
                fail(f"{files['accounts.csv']}: {col} is not a number")
            accounts[col] = v.astype("float64")
        else:
            accounts[col] = np.nan
    accounts["segment"] = blank_to_nan(acc["segment"]) if "segment" in acc else np.nan
    accounts["contract_start"] = days_of(acc["contract_start"]) if "contract_start" in acc else np.nan
    # Custom attributes: numeric when every filled cell is a number, boolean when every filled
    # cell is true/false, text otherwise (as canonical-accounts.ts types them).
    attributes = {}
    for col in acc.columns:
        if col.lower() in ACCOUNT_COLUMNS:
            continue
        raw = acc[col].str.strip()
        filled = raw != ""
        num, bad = numbers_of(raw)
        if filled.any() and not bad.any():
            attributes[col] = ("number", num.astype("float64"))
        elif filled.any() and raw[filled].str.lower().isin(["true", "false"]).all():
            attributes[col] = ("text", raw.str.lower().where(filled, np.nan))
        else:
            attributes[col] = ("text", raw.where(filled, np.nan))
    known = set(ids)

    if "signals.csv" in files:
        # Ids, metric names and dates as text, values parsed as numbers (blank = missing).
        sig = pd.read_csv(
            files["signals.csv"],
            sep=None if files["signals.csv"].endswith((".tsv", ".txt")) else ",",
            dtype={"account_id": str, "date": str, "metric": str},
            keep_default_na=False,
            na_values=[""],
        )
        sig.columns = [c.lower() if c.lower() in ("account_id", "date", "metric", "value") else c for c in sig.columns]
        if "metric" not in sig.columns and "value" not in sig.columns:  # wide form
            sig = sig.melt(id_vars=["account_id", "date"], var_name="metric", value_name="value")
        sig["account_id"] = sig["account_id"].str.strip()
        if not sig["account_id"].isin(known).all():
            fail(f"{files['signals.csv']}: an account_id is not in accounts.csv")
        sig["day"] = days_of(sig["date"])
        if sig["day"].isna().any():
            fail(f"{files['signals.csv']}: date is empty but required")
        sig["day"] = sig["day"].astype("int64")
        sig["value"], bad = numbers_of(sig["value"])
        if bad.any():
            fail(f"{files['signals.csv']}: a value is not a number")
        sig["metric"] = sig["metric"].str.strip()
        if sig.duplicated(["account_id", "metric", "day"]).any():
            fail(f"{files['signals.csv']}: duplicate observation")
        sig = sig.loc[sig["value"].notna(), ["account_id", "metric", "day", "value"]]
    else:
        sig = pd.DataFrame({"account_id": [], "metric": [], "day": [], "value": []})

    if "outcomes.csv" not in files:
        fail(f"{os.path.join(folder, 'outcomes.csv')}: no outcomes to backtest against")
    out = read_table(files["outcomes.csv"])
    out.columns = [c.lower() for c in out.columns]
    out["account_id"] = out["account_id"].str.strip()
    out["day"] = days_of(out["date"])
    if out["day"].isna().any():
        fail(f"{files['outcomes.csv']}: date is empty but required")
    out["day"] = out["day"].astype("int64")
    out["outcome"] = out["outcome"].str.strip().str.lower()
    if not out["outcome"].isin(["renewed", "churned", "expanded", "contracted"]).all():
        fail(f"{files['outcomes.csv']}: an outcome is not renewed, churned, expanded or contracted")
    outcomes = out[["account_id", "day", "outcome"]]

    pulses = pd.DataFrame({"account_id": [], "day": []})
    if "pulses.csv" in files:
        p = read_table(files["pulses.csv"])
        p.columns = [c.lower() for c in p.columns]
        p["day"] = days_of(p["date"])
        p = p[p["day"].notna()]
        pulses = pd.DataFrame({"account_id": p["account_id"].str.strip(), "day": p["day"]})
    return accounts, attributes, sig, outcomes, pulses


def profile_metrics(sig):
    """propose.ts's profileMetrics: per metric, how it is observed."""
    sig = sig.sort_values(["metric", "account_id", "day"], kind="stable")
    profiles = {}
    for metric, g in sig.groupby("metric", sort=True):
        counts = np.sort(g.groupby("account_id", sort=False).size().to_numpy())
        values = g["value"].to_numpy()
        same_series = g["account_id"].to_numpy()
        gaps = np.diff(g["day"].to_numpy())[same_series[1:] == same_series[:-1]]
        whole = bool(np.all((values >= 1) & (values == np.floor(values))))
        regular = False
        median_gap = math.nan
        if len(gaps):
            _, n = np.unique(gaps, return_counts=True)
            regular = n.max() >= REGULAR_GAP_SHARE * len(gaps)
            median_gap = float(np.sort(gaps)[math.ceil(len(gaps) / 2) - 1])
        profiles[metric] = {
            "accounts": g["account_id"].nunique(),
            "median_observations": int(counts[len(counts) // 2]),
            "event_counts": whole and not regular and not names_a_level(metric),
            "median_gap": median_gap,
            "constant": bool(np.all(values == values[0])),
        }
    return profiles


def calendar_tenure(accounts, outcomes):
    start = outcomes["account_id"].map(accounts.set_index("account_id")["contract_start"])
    ok = start.notna() & (outcomes["day"] > start)
    phase = (outcomes["day"][ok] - start[ok]) % 365.25
    on = (np.minimum(phase, 365.25 - phase) <= ANNIVERSARY_SLACK_DAYS).sum()
    n = int(ok.sum())
    return n >= ANNIVERSARY_MIN_OUTCOMES and on >= ANNIVERSARY_SHARE * n


def dense(p):
    """A series dense enough for a window's level to mean something (change and ratio measures)."""
    return (
        not p["constant"]
        and p["median_observations"] >= 4
        and p["median_gap"] <= CHANGE_WINDOW_DAYS
    )


def propose(accounts, attributes, sig, outcomes):
    """The measures of proposeModel: (id, kind, column, agg, window) tuples."""
    measures = []
    profiles = profile_metrics(sig)
    for metric, p in profiles.items():
        if p["constant"]:
            continue
        latest = ("latest", metric, "latest", SNAPSHOT_WINDOW_DAYS)
        if p["median_observations"] <= 1 or (
            not p["event_counts"] and p["median_gap"] > LEVEL_WINDOW_DAYS
        ):
            measures.append(latest)
            continue
        agg = "sum" if p["event_counts"] else "mean"
        measures.append(("aggregate", metric, agg, LEVEL_WINDOW_DAYS))
        if dense(p):
            measures.append(("change", metric, agg, CHANGE_WINDOW_DAYS))
    # Natural ratios: each dense usage metric per licensed seat, and (unless it counts users)
    # per active user, over the level window.
    dense_metrics = sorted(m for m, p in profiles.items() if dense(p))
    for den in dense_metrics:
        seats = bool(SEAT_METRIC.search(den))
        if not seats and not USER_METRIC.search(den):
            continue
        for num in dense_metrics:
            if num == den or dimension_of(num) != "usage" or SEAT_METRIC.search(num):
                continue
            if not seats and USER_METRIC.search(num):
                continue
            agg = "sum" if profiles[num]["event_counts"] else "mean"
            column = f"{num}_per_{re.sub(r's$', '', den, flags=re.I)}"
            measures.append(("ratio", column, (num, agg, den), LEVEL_WINDOW_DAYS))
    metrics = {m.lower() for m in profiles}
    if accounts["contract_start"].notna().any() and not calendar_tenure(accounts, outcomes):
        measures.append(("tenure", "contract_start", None, None))
    for field in ("arr", "seats"):
        if accounts[field].notna().any() and not any(m in metrics for m in DATED_FIELD_SERIES[field]):
            measures.append(("number", field, None, None))
    segments = accounts["segment"].dropna().unique()
    if 1 < len(segments) <= MAX_CATEGORIES:
        measures.append(("category", "segment", None, None))
    for name in sorted(attributes):
        kind, values = attributes[name]
        distinct = values.dropna().nunique()
        if OUTCOME_LIKE.search(name) or distinct < 2:
            continue
        if kind == "number":
            measures.append(("attribute", name, None, None))
        elif distinct <= MAX_CATEGORIES:
            measures.append(("category", name, None, None))
    return measures


def to_id(name):
    return re.sub(r"^_+|_+$", "", re.sub(r"[^A-Za-z0-9_-]+", "_", name)) or "measure"


def measure_id(kind, column):
    """Canary's id of a proposed measure (column names of --features)."""
    if kind == "change":
        return f"{to_id(column)}_change"
    if kind == "ratio":
        return to_id(column)
    if kind in ("aggregate", "latest"):
        return f"{to_id(column)}_level"
    return "attr_" + ("tenureDays" if kind == "tenure" else to_id(column))


class Windows:
    """One metric's observations sorted by account × day, for (day − w, day] windows at points."""

    def __init__(self, acc_codes, days, values):
        order = np.lexsort((days, acc_codes))
        self.acc = acc_codes[order]
        self.keys = self.acc * SPAN + (days[order] + OFFSET)
        self.values = values[order]
        self.cumsum = np.concatenate([[0.0], np.cumsum(self.values)])

    def upper(self, acc, day):
        """Index of the first observation of `acc` after `day` (or of a later account)."""
        return np.searchsorted(self.keys, acc * SPAN + (day + OFFSET), side="right")

    def first(self, acc):
        return np.searchsorted(self.keys, acc * SPAN, side="left")

    def agg(self, start, end, how):
        n = end - start
        total = self.cumsum[end] - self.cumsum[start]
        with np.errstate(invalid="ignore", divide="ignore"):
            if how == "sum":
                return total
            return np.where(n > 0, total / np.maximum(n, 1), np.nan)


def point_features(accounts, attributes, sig, pulses, measures, point_acc, point_day):
    """Each measure's value as of each point, reading only data dated on or before it."""
    code = {a: i for i, a in enumerate(accounts["account_id"])}
    sig_acc = sig["account_id"].map(code).to_numpy(dtype="int64")
    sig_day = sig["day"].to_numpy(dtype="int64")
    sig_val = sig["value"].to_numpy(dtype="float64")
    # Any data of an account (every series and its pulses) in a window: empty event windows.
    pul_acc = pulses["account_id"].map(code).dropna().to_numpy(dtype="int64")
    pul_day = pulses["day"].to_numpy(dtype="int64")[pulses["account_id"].isin(code).to_numpy()]
    anything = Windows(
        np.concatenate([sig_acc, pul_acc]),
        np.concatenate([sig_day, pul_day]),
        np.zeros(len(sig_acc) + len(pul_acc)),
    )

    def has_data_in(lo, hi):
        return anything.upper(point_acc, hi) > anything.upper(point_acc, lo)

    by_metric = {m: idx for m, idx in sig.groupby("metric", sort=False).indices.items()}
    windows = {}
    columns = {}
    t = point_day
    def window(metric):
        if metric not in windows:
            idx = by_metric[metric]
            windows[metric] = Windows(sig_acc[idx], sig_day[idx], sig_val[idx])
        return windows[metric]

    for kind, column, agg, w in measures:
        key = measure_id(kind, column)
        if kind == "ratio":
            num, num_agg, den = agg
            wn, wd = window(num), window(den)
            ne, de = wn.upper(point_acc, t), wd.upper(point_acc, t)
            ns = wn.upper(point_acc, t - w)
            n = wn.agg(ns, ne, num_agg)
            if num_agg == "sum":
                n = np.where((ns == ne) & ~has_data_in(t - w, t), np.nan, n)
            d = wd.agg(wd.upper(point_acc, t - w), de, "mean")
            with np.errstate(invalid="ignore", divide="ignore"):
                v = np.where((d == 0) | np.isnan(d), np.nan, n / d)
            none = (ne == wn.first(point_acc)) | (de == wd.first(point_acc))
            columns[key] = np.where(none, np.nan, v)
        elif kind in ("aggregate", "latest", "change"):
            win = window(column)
            lo = win.first(point_acc)
            end = win.upper(point_acc, t)
            if kind == "latest":
                start = win.upper(point_acc, t - w)
                last = win.values[np.maximum(end - 1, 0)] if len(win.values) else np.zeros(len(t))
                v = np.where(end > start, last, np.nan)
            elif kind == "aggregate":
                start = win.upper(point_acc, t - w)
                v = win.agg(start, end, agg)
                if agg == "sum":
                    v = np.where((start == end) & ~has_data_in(t - w, t), np.nan, v)
                v = np.where(end == lo, np.nan, v)
            else:
                mid = win.upper(point_acc, t - w)
                start = win.upper(point_acc, t - 2 * w)
                cur = win.agg(mid, end, agg)
                prev = win.agg(start, mid, agg)
                if agg == "sum":
                    cur = np.where((mid == end) & ~has_data_in(t - w, t), np.nan, cur)
                    prev = np.where((start == mid) & ~has_data_in(t - 2 * w, t - w), np.nan, prev)
                with np.errstate(invalid="ignore", divide="ignore"):
                    v = np.where(
                        prev == 0,
                        np.where(cur == 0, 0.0, np.nan),
                        (cur - prev) / np.abs(prev) * 100,
                    )
                v = np.where(mid == lo, np.nan, v)
            columns[key] = v
        elif kind == "tenure":
            s = accounts["contract_start"].to_numpy(dtype="float64")[point_acc]
            columns[key] = np.where(t - s >= 0, t - s, np.nan)
        elif kind == "number":
            columns[key] = accounts[column].to_numpy(dtype="float64")[point_acc]
        elif kind == "attribute":
            columns[key] = attributes[column][1].to_numpy(dtype="float64")[point_acc]
        else:  # category
            values = accounts["segment"] if column == "segment" else attributes[column][1]
            columns[key] = values.to_numpy(dtype=object)[point_acc]
    return pd.DataFrame(columns)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir")
    parser.add_argument("--horizon", type=int, default=60)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--features", metavar="FILE", help="also write the point-in-time features (CSV), to check"
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    accounts, attributes, sig, outcomes, pulses = read_book(args.dir)
    t_read = time.perf_counter()
    measures = propose(accounts, attributes, sig, outcomes)

    # Outcome rows: every outcome of a known account, predicted as of its day − horizon.
    code = pd.Series(np.arange(len(accounts)), index=accounts["account_id"])
    rows = outcomes[outcomes["account_id"].isin(code.index)].sort_values(
        ["day", "account_id"], kind="stable"
    )
    point_acc = code[rows["account_id"]].to_numpy(dtype="int64")
    point_day = rows["day"].to_numpy(dtype="int64") - args.horizon
    y = (rows["outcome"] == "churned").to_numpy(dtype="int64")
    groups = rows["account_id"].to_numpy()
    X = point_features(accounts, attributes, sig, pulses, measures, point_acc, point_day)
    t_features = time.perf_counter()
    if args.features:
        X.assign(account_id=groups, day=point_day).to_csv(args.features, index=False)

    # Outcomes whose account had no value of any measure neither train nor score.
    has_data = X.notna().any(axis=1).to_numpy()
    X, y, groups = X[has_data].reset_index(drop=True), y[has_data], groups[has_data]
    categorical = [c for c in X.columns if X[c].dtype == object]
    numeric = [c for c in X.columns if c not in categorical]
    oof = np.full(len(y), np.nan)
    for train, test in GroupKFold(n_splits=args.folds).split(X, y, groups):
        design = ColumnTransformer(
            [
                ("number", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
                ("missing", MissingIndicator(features="missing-only"), numeric),
                ("category", OneHotEncoder(drop="first", handle_unknown="ignore", sparse_output=False), categorical),
            ]
        )
        model = make_pipeline(design, LogisticRegression(C=1.0, max_iter=10_000))
        with warnings.catch_warnings():
            # Unseen categories in a held-out fold are coded all zero, as Canary codes them.
            warnings.simplefilter("ignore", UserWarning)
            model.fit(X.iloc[train], y[train])
            oof[test] = model.predict_proba(X.iloc[test])[:, 1]
    scored = ~np.isnan(oof)
    auc = roc_auc_score(y[scored], oof[scored]) if 0 < y[scored].sum() < scored.sum() else None
    t_end = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": round(t_end - t0, 4),
                "auc": auc,
                "outcomes": int(scored.sum()),
                "churned": int(y[scored].sum()),
                "measures": len(measures),
                "read_seconds": round(t_read - t0, 4),
                "features_seconds": round(t_features - t_read, 4),
                "fit_seconds": round(t_end - t_features, 4),
                "import_seconds": round(IMPORT_SECONDS, 4),
                "sklearn": __import__("sklearn").__version__,
                "pandas": pd.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()

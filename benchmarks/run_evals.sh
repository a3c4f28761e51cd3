#!/usr/bin/env bash
# Run every `cronica eval` on the shared gold data and keep the JSON reports in out/eval/.
# Usage: bash benchmarks/run_evals.sh [EVAL_DIR]   (default ../shared/eval)
# The tables in docs/benchmarks.md come from these reports.
set -uo pipefail
cd "$(dirname "$0")/.."
EVAL="${1:-${CRONICA_EVAL_DIR:-../shared/eval}}"
OUT=out/eval
mkdir -p "$OUT"
BIN=.venv/bin
run() {  # name, then the cronica eval arguments
  local name=$1; shift
  echo "== $name: cronica eval $*" >&2
  local t0=$SECONDS
  "$BIN/cronica" eval "$@" --json > "$OUT/$name.json" 2> "$OUT/$name.err" || echo "   (exit $?)" >&2
  echo "   $((SECONDS - t0)) s" >&2
}
run events_es_protest_merged events "$EVAL/events_es_protest.jsonl" --merge PROTEST,MOBILIZE
run events_es_protest_strict events "$EVAL/events_es_protest.jsonl"
run events_es_fight events "$EVAL/events_es_fight.jsonl"
run events_es_1018 events "$EVAL/events_es_1018.jsonl" --merge PROTEST,MOBILIZE
run events_en_plover events "$EVAL/events_en_plover.jsonl"
run case_es case "$EVAL/case2021_es"
run case_es_events_only case "$EVAL/case2021_es" --events-only
run actors_es_fight actors "$EVAL/events_es_fight.jsonl"
run actors_es_1018 actors "$EVAL/events_es_1018.jsonl"
run actors_en_plover actors "$EVAL/events_en_plover.jsonl"
run dates_es dates "$EVAL/timex_es_hourglass"
run dates_en dates "$EVAL/timex_en_tempeval3"
run geo_geovirus geo "$EVAL/geo_en/GeoVirus.xml"
run geo_gwn geo "$EVAL/geo_en/GWN.xml"
run geo_acled geo "$EVAL/acled_geo.csv"
run acled_events acled "$EVAL/acled_events.csv"
run ner_es ner "$EVAL/ner_es_conll2002.dev.txt"
run brat_es brat "$EVAL/brat_es_afp"
run modes_en modes "$EVAL/timex_en_tempeval3"
run attribution_es attribution "$EVAL/attribution_es_dev.jsonl" "$EVAL/brat_es_afp"
run attribution_polnear brat "$EVAL/polnear" --attribution

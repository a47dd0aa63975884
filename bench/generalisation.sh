#!/usr/bin/env bash
# Generalisation (accuracy, not speed): the plain spectrogram against the envelope input, the log
# frequency axis, training-time augmentation and their combinations, on data the model has not seen:
#   - gearbox-spectraquest by load: leave-one-load-out `triax cv` (mean +- sd over the 10 loads), a fixed
#     partition (train and validation on loads 0-40 %, test on 50-90 %: `--test-groups`), and the hard one:
#     train on one load, validate on another, test on the eight others (all four sensors, and sensor a1 alone);
#   - CWRU-48k (10 classes, one recording each): the default time-blocks split.
# Window and recording accuracy of every test set; the fused design, few epochs (2 slow shared cores).
# Not part of CI.
#   bench/generalisation.sh            full tables (about 130 models: two hours or more on 2 shared cores), writes
#                                      bench/generalisation.md and its section of BENCHMARKS.md
#   bench/generalisation.sh --smoke    one epoch, two rows, gearbox only; writes target/bench-generalisation/
# Environment: TRIAX (command, default ./triax), DATA (default ../shared/data), EPOCHS (default 3),
# SEED (default 42), SEEDS (default "1 2 3 4 5": the seeds of the spread table), LONG_EPOCHS (default 10: the
# CWRU check of augmented training with more epochs), RESUME=1 (keep the runs an interrupted call finished and
# do only the others).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
smoke=0; [[ "${1:-}" == "--smoke" ]] && smoke=1
TRIAX=${TRIAX:-./triax}
DATA=${DATA:-../shared/data}
EPOCHS=${EPOCHS:-3}
SEED=${SEED:-42}
SEEDS=${SEEDS:-1 2 3 4 5}
LONG_EPOCHS=${LONG_EPOCHS:-10}
(( smoke )) && EPOCHS=1 && SEEDS="1 2"
gearbox="$DATA/gearbox-spectraquest"
cwru="$DATA/cwru-48k-10class"
for d in "$gearbox" "$cwru"; do
  [[ -d "$d" ]] || { echo "generalisation.sh: no dataset $d (set DATA)" >&2; exit 2; }
done
out=target/bench-generalisation
[[ -n "${RESUME:-}" ]] || rm -rf "$out"
mkdir -p "$out"

augment=gain,shift,noise,stretch
# name|options (word-split on purpose)|cv: leave-one-load-out too (ten models a row, so only for the single
# options and, chosen after phase 1, the best combination)
rows=("baseline||cv"
      "+envelope|--input envelope|cv"
      "+log axis|--freq-axis log|cv"
      "+augment|--augment $augment|cv"
      "+envelope +log|--input envelope --freq-axis log|"
      "+envelope +augment|--input envelope --augment $augment|"
      "+log +augment|--freq-axis log --augment $augment|"
      "+envelope +log +augment|--input envelope --freq-axis log --augment $augment|"
      "+augment gain|--augment gain|"
      "+augment shift|--augment shift|"
      "+augment noise|--augment noise|"
      "+augment stretch|--augment stretch|"
      "+log +augment gain|--freq-axis log --augment gain|"
      "+log +augment shift,stretch|--freq-axis log --augment shift,stretch|")
(( smoke )) && rows=("${rows[0]}" "${rows[7]}")
common=(--mode fused --epochs "$EPOCHS")
run_seed=$SEED # the seed of train_eval's runs
# gearbox: the sampling rate is not documented, so none is given (axes in bins; the envelope's default
# band, above fs/16, is a fraction of the sampling rate and needs none); CWRU is 48 kHz
gearbox_group=(--group-by 'hz(\d+)')

# "mean +- sd" of the cv summary line: design folds wmean +- wsd % rmean +- rsd %
cv_figures() {
  awk '$1 == "fused" && $4 == "+-" { printf "%.1f ± %.1f|%.1f ± %.1f\n", $3, $5, $7, $9 }' "$1"
}
# "window|recording" accuracy of an evaluate run: "windows N: accuracy X %, ...; recordings R: accuracy Y %"
eval_figures() {
  sed -n 's/^windows [0-9]*: accuracy \([0-9.]*\) %.*recordings [0-9]*: accuracy \([0-9.]*\) %$/\1|\2/p' "$1"
}
# train_eval LOG DIR DATA [OPTION...]: one fused model of DATA into DIR, evaluated on the test set it saved;
# prints window|recording
train_eval() {
  local log=$1 dir=$2 data=$3; shift 3
  if [[ -n "${RESUME:-}" && -f "$log" && -n "$(eval_figures "$log")" ]]; then eval_figures "$log"; return; fi
  rm -rf "$dir"
  nice "$TRIAX" train --data "$data" --out "$dir" "${common[@]}" --seed "$run_seed" "$@" > "$log" 2>&1
  local model; model=$(ls "$dir"/*.triax)
  nice "$TRIAX" evaluate --model "$model" --data "$data" >> "$log" 2>&1
  eval_figures "$log"
}

table="$out/table.md"
{
  echo "| input | gearbox leave-one-load-out: window % | recording % | gearbox loads 0-40 → 50-90: window % | recording % | gearbox one load → eight: window % | recording % | same, sensor a1 alone: window % | recording % | CWRU-48k time blocks: window % | recording % |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
} > "$table"
start=$(date +%s)
declare -A lolo fixed one a1 cw
slug() { echo "$1" | tr -c 'a-z0-9\n' '_'; }
# phase 1, one model per row and protocol: the fixed gearbox partitions and CWRU
for row in "${rows[@]}"; do
  name=${row%%|*}; rest=${row#*|}; opts=${rest%|*}; s=$(slug "$name")
  read -r -a extra <<< "$opts"
  echo "== $name: ${opts:-(defaults)}: gearbox partitions, CWRU" >&2
  fixed[$name]=$(train_eval "$out/loads-$s.log" "$out/loads-$s" "$gearbox" "${gearbox_group[@]}" \
    --test-groups 50,60,70,80,90 "${extra[@]}")
  one[$name]=$(train_eval "$out/one-$s.log" "$out/one-$s" "$gearbox" "${gearbox_group[@]}" \
    --test-groups 20,30,40,50,60,70,80,90 "${extra[@]}")
  a1[$name]=$(train_eval "$out/a1-$s.log" "$out/a1-$s" "$gearbox" "${gearbox_group[@]}" \
    --test-groups 20,30,40,50,60,70,80,90 --channels a1 "${extra[@]}")
  cw[$name]="-|-"
  (( smoke )) || cw[$name]=$(train_eval "$out/cwru-$s.log" "$out/cwru-$s" "$cwru" --fs 48000 "${extra[@]}")
  echo "   ${fixed[$name]} ${one[$name]} ${a1[$name]} ${cw[$name]}" >&2
done
# the best combination (two options or more): the highest mean window accuracy over the phase-1 protocols
best=""; best_score=-1
for row in "${rows[@]}"; do
  name=${row%%|*}
  [[ "$name" == *" +"* ]] || continue
  score=$(echo "${fixed[$name]} ${one[$name]} ${a1[$name]} ${cw[$name]}" \
    | awk '{ n = 0; s = 0; for (i = 1; i <= NF; i++) { split($i, f, "|"); if (f[1] != "-") { s += f[1]; n++ } } print s / n }')
  if awk -v a="$score" -v b="$best_score" 'BEGIN { exit !(a > b) }'; then best=$name; best_score=$score; fi
done
echo "best combination after phase 1: $best (mean window accuracy $best_score %)" >&2
# phase 2, ten models per row: leave-one-load-out
for row in "${rows[@]}"; do
  name=${row%%|*}; rest=${row#*|}; opts=${rest%|*}; s=$(slug "$name")
  lolo[$name]="not run|not run"
  [[ "${rest##*|}" == cv || "$name" == "$best" ]] || continue
  read -r -a extra <<< "$opts"
  echo "== $name: ${opts:-(defaults)}: gearbox leave-one-load-out" >&2
  if [[ -z "${RESUME:-}" || -z "$(cv_figures "$out/cv-$s.log" 2>/dev/null)" ]]; then
    nice "$TRIAX" cv --data "$gearbox" "${gearbox_group[@]}" --out "$out/cv-$s" "${common[@]}" --seed "$SEED" "${extra[@]}" \
      > "$out/cv-$s.log" 2>&1
  fi
  lolo[$name]=$(cv_figures "$out/cv-$s.log")
  echo "   ${lolo[$name]}" >&2
done
# phase 3: the spread over seeds of the one protocol the options move (sensor a1, one load -> eight), for the
# rows that moved it most: a difference between two rows smaller than this spread says nothing
spread_rows=("baseline|" "+log axis|--freq-axis log" "+augment gain|--augment gain"
             "+log +augment gain|--freq-axis log --augment gain" "+augment|--augment $augment")
(( smoke )) && spread_rows=("${spread_rows[0]}")
spread="$out/spread.md"
{
  echo "| input | sensor a1, one load → eight: window % (mean ± sd) | recording % (mean ± sd) | window % per seed |"
  echo "|---|---|---|---|"
} > "$spread"
for row in "${spread_rows[@]}"; do
  name=${row%%|*}; opts=${row#*|}; s=$(slug "$name")
  read -r -a extra <<< "$opts"
  echo "== $name: ${opts:-(defaults)}: sensor a1, one load -> eight, seeds $SEEDS" >&2
  figures=()
  for run_seed in $SEEDS; do
    figures+=("$(train_eval "$out/seed-$s-$run_seed.log" "$out/seed-$s-$run_seed" "$gearbox" "${gearbox_group[@]}" \
      --test-groups 20,30,40,50,60,70,80,90 --channels a1 "${extra[@]}")")
  done
  run_seed=$SEED
  printf '%s\n' "${figures[@]}" | awk -F'|' -v name="$name" '
    { w[NR] = $1; r[NR] = $2; sw += $1; sr += $2; list = list (NR > 1 ? ", " : "") $1 }
    END { mw = sw / NR; mr = sr / NR
          for (i = 1; i <= NR; i++) { vw += (w[i] - mw) ^ 2; vr += (r[i] - mr) ^ 2 }
          d = NR > 1 ? NR - 1 : 1
          printf "| %s | %.1f ± %.1f | %.1f ± %.1f | %s |\n", name, mw, sqrt(vw / d), mr, sqrt(vr / d), list }' \
    | tee -a "$spread" >&2
done

# phase 4: CWRU with more epochs, without and with augmentation (augmented windows are harder to fit: is a
# low few-epoch figure the option or the epochs?)
long="$out/long.md"
{
  echo "| input | CWRU-48k, $LONG_EPOCHS epochs: window % | recording % |"
  echo "|---|---|---|"
} > "$long"
if (( ! smoke )); then
  common=(--mode fused --epochs "$LONG_EPOCHS")
  for row in "baseline|" "+augment|--augment $augment"; do
    name=${row%%|*}; opts=${row#*|}; s=$(slug "$name")
    read -r -a extra <<< "$opts"
    echo "== $name: ${opts:-(defaults)}: CWRU, $LONG_EPOCHS epochs" >&2
    c=$(train_eval "$out/cwru$LONG_EPOCHS-$s.log" "$out/cwru$LONG_EPOCHS-$s" "$cwru" --fs 48000 "${extra[@]}")
    echo "| $name | ${c%%|*} | ${c#*|} |" | tee -a "$long" >&2
  done
  common=(--mode fused --epochs "$EPOCHS")
fi

for row in "${rows[@]}"; do
  name=${row%%|*}
  l=${lolo[$name]}; f=${fixed[$name]}; o=${one[$name]}; a=${a1[$name]}; c=${cw[$name]}
  label=$name; [[ "$name" == "$best" ]] && label="**$name** (best combination)"
  echo "| $label | ${l%%|*} | ${l#*|} | ${f%%|*} | ${f#*|} | ${o%%|*} | ${o#*|} | ${a%%|*} | ${a#*|} | ${c%%|*} | ${c#*|} |" \
    >> "$table"
done
wall=$(( $(date +%s) - start ))
# which of loads 0 and 10 validated the one-load runs (the seed chooses; the other one trained)
held=$(sed -n 's/.*validation 1 groups (2 recordings) \[\([0-9]*\)\].*/\1/p' "$out"/one-baseline.log | head -1)
trained=$(( held == 0 ? 10 : 0 ))

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
section="$out/generalisation.md"
{
  echo "## Generalisation (accuracy, not speed)"
  echo
  echo "Measured by \`bench/generalisation.sh\` on $(date -u +%Y-%m-%d): $cpu, $(nproc) cores shared with other work, $(java -version 2>&1 | head -1); ${wall} s wall${RESUME:+ for the last call (RESUME=1: it reused the runs of earlier, interrupted calls)}."
  echo "Every figure is the accuracy on data the model did not train on, with the **fused** design, **$EPOCHS epochs**, seed $SEED, batch 32 (few epochs to keep a two-core run bounded: absolute figures are lower than a full run would give; the comparison between rows is the point)."
  echo
  echo "- **gearbox leave-one-load-out**: \`triax cv --data gearbox-spectraquest --group-by 'hz(\\d+)' --mode fused --epochs $EPOCHS [options]\`: each load (0-90 %) in turn is the test set (its healthy and its broken-tooth recording), validation a whole other load, train the rest; mean ± sd over the 10 folds. A fold's recording accuracy is 0, 50 or 100 %. Sampling rate unknown (not documented): no \`--fs\`."
  echo "- **gearbox loads 0-40 → 50-90**: \`triax train ... --test-groups 50,60,70,80,90\` then \`triax evaluate\` on the saved test set: train and validation on the light loads, test on the five heavy ones (10 recordings)."
  echo "- **gearbox one load → eight**: \`--test-groups 20,30,40,50,60,70,80,90\`: train on load $trained % alone, validate on load $held %, test on the eight others (16 recordings); then the same with \`--channels a1\` (one of the four sensors), where the task is hard enough for the options to show."
  echo "- **CWRU-48k**: \`triax train --data cwru-48k-10class --fs 48000 --mode fused --epochs $EPOCHS [options]\` then \`triax evaluate\`: the default time-blocks split (the last 15 % of each of the 10 recordings is the test set; the same recordings, not new machines)."
  echo "- rows: every option alone, their combinations, each augmentation alone; leave-one-load-out (ten models a row) for the options alone and for the best combination, the one with the highest mean window accuracy over the other protocols ($best)."
  echo "- options: envelope = \`--input envelope\` (default band, above fs/16); log axis = \`--freq-axis log\`; augment = \`--augment $augment\` (gain ±6 dB, start shift ±1 hop, noise at SNR 20-40 dB, frequency stretch ±5 %)."
  echo
  cat "$table"
  echo
  echo "Spread over seeds ($SEEDS; the split's choice of training load, the initial weights, the shuffles and the augmentation draws all follow the seed) of the protocol the options move most:"
  echo
  cat "$spread"
  if (( ! smoke )); then
    echo
    echo "CWRU-48k with $LONG_EPOCHS epochs instead of $EPOCHS (same command otherwise):"
    echo
    cat "$long"
  fi
} > "$section"
cat "$section"
if (( ! smoke )); then
  cp "$section" bench/generalisation.md
  # BENCHMARKS.md: the section replaces an earlier one (it is the last section; bench/run.sh appends it)
  awk '/^## Generalisation \(accuracy, not speed\)/ { exit } { print }' BENCHMARKS.md > "$out/BENCHMARKS.head"
  sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$out/BENCHMARKS.head" > "$out/BENCHMARKS.trim"
  { cat "$out/BENCHMARKS.trim"; echo; cat "$section"; } > BENCHMARKS.md
  echo "wrote bench/generalisation.md and BENCHMARKS.md" >&2
fi

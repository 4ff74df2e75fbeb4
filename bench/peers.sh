#!/usr/bin/env bash
# Times the peer tools against parley on the same inputs, when the peers are installed beside the
# project, and prints the ratios. Peer code is never part of parley: point at your own checkouts.
#
#   bench/peers.sh [REPEATS]        (default 5 repeats; the median time of each is reported)
#
# Where things are (each may be overridden):
#   PARLEY        parley binary                           (default: build/parley)
#   SHARED        reference data, shared/reference/...    (default: ../shared, else /work/shared)
#   PEERS         peer checkouts and drivers              (default: ../peers, else /work/peers)
#   PEER_SMPC     KTAB's smpc binary                       (default: first smpc under $PEERS/ktab)
#   PEER_DECIDE   driver running decide-exchange-model: `PEER_DECIDE IN OUT`
#                                                         (default: /work/notes/refrun/run_reference.py)
#   PYTHON2       for the 2014 EUM replication             (default: python2; under pyenv the
#                 version PYENV_PYTHON2, default 2.7.18)
#   DRAWS         draws of the sensitivity comparison      (default: 1000)
#   EXCHANGE_INPUT_FORMAT  parley's --input-format for decide's data files, if it cannot tell
# A peer or a parley model that is missing is reported as skipped. Peer times include the
# interpreter's start-up; parley's include its start-up too.
set -uo pipefail
export LC_NUMERIC=C  # $EPOCHREALTIME and bc agree on the decimal point
cd "$(dirname "$0")/.."
repeats=${1:-5}
parley=${PARLEY:-build/parley}
first_dir() { for d in "$@"; do [[ -d $d ]] && { echo "$d"; return; }; done; echo "$1"; }
shared=$(realpath "${SHARED:-$(first_dir ../shared /work/shared)}")/reference
peers=$(realpath "${PEERS:-$(first_dir ../peers /work/peers)}")
smpc=${PEER_SMPC:-$(find "$peers/ktab" -type f -name smpc -perm -u+x 2>/dev/null | head -n1)}
decide=${PEER_DECIDE:-/work/notes/refrun/run_reference.py}
python2=${PYTHON2:-python2}
draws=${DRAWS:-1000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Median wall time in seconds of REPEATS runs of a command; empty when the command fails.
# Bash's own clock: reading `date` after the command would add its fork and exec (about 1.5 ms
# here) to every time, a fifth of a 10-actor parley run.
time_of() {
  local times=() start end
  for ((k = 0; k < repeats; k++)); do
    start=$EPOCHREALTIME
    "$@" >"$scratch/out" 2>"$scratch/err" || return 1
    end=$EPOCHREALTIME
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

printf '%-28s %12s %12s %14s %16s\n' "case" "peer s" "parley s" "peer/parley" "peer/parley-draw"
# compare NAME INPUT "PARLEY FORECAST ARGS" PEER COMMAND...
compare() {
  local name=$1 input=$2 parley_args=$3
  shift 3
  if [[ ! -f $input ]]; then printf '%-28s skipped: input %s not found\n' "$name" "$input"; return; fi
  local peer_time parley_time draw_time
  if ! peer_time=$(time_of "$@"); then printf '%-28s skipped: peer not available (%s)\n' "$name" "$1"; return; fi
  # shellcheck disable=SC2086
  if ! parley_time=$(time_of "$parley" forecast "$input" $parley_args --format json); then
    printf '%-28s skipped: parley forecast %s failed: %s\n' "$name" "$parley_args" "$(head -c 200 "$scratch/err")"
    return
  fi
  # One draw of `parley sensitivity` (perturb + run) against one whole peer run. A draw's time is
  # the difference between DRAWS draws and one, divided by DRAWS - 1: the start-up, the
  # unperturbed run and the drivers' reruns (6 per actor) are the same in both and cancel.
  # shellcheck disable=SC2086
  local many one per_draw="-"
  if many=$(time_of "$parley" sensitivity "$input" $parley_args --draws "$draws" --threads 1 --format json) &&
    one=$(time_of "$parley" sensitivity "$input" $parley_args --draws 1 --threads 1 --format json); then
    draw_time=$(echo "($many - $one) / ($draws - 1)" | bc -l)
    if (($(echo "$draw_time > 0" | bc -l))); then per_draw=$(printf '%.0f' "$(echo "$peer_time / $draw_time" | bc -l)"); fi
  fi
  printf '%-28s %12.4f %12.4f %14.1f %16s\n' "$name" "$peer_time" "$parley_time" \
    "$(echo "$peer_time / $parley_time" | bc -l)" "$per_draw"
}

eum_input=$shared/eum/ec_car_emissions.csv
compare "eum jmckib (EC cars)" "$eum_input" "--model eum --variant jmckib --rounds 10" \
  python3 "$peers/drivers/run_jmckib.py" "$eum_input"
compare "eum masad2014 (EC cars)" "$eum_input" "--model eum --variant masad2014 --rounds 10" \
  env PYENV_VERSION="${PYENV_PYTHON2:-2.7.18}" "$python2" "$peers/drivers/run_masad.py" "$eum_input"
for data in sample_data cop21; do
  input=$shared/exchange/$data.csv
  compare "exchange ($data)" "$input" "--model exchange --rounds 10${EXCHANGE_INPUT_FORMAT:+ --input-format $EXCHANGE_INPUT_FORMAT}" python3 "$decide" "$input" "$scratch/decide.tsv"
done
# smpc (KTAB's command-line SMP) wants its logger configuration in the working directory and a
# database connection; --logmin is its least logging.
run_smpc() {  # run_smpc INPUT
  local dir
  dir=$(mktemp -d "$scratch/smpc.XXXX")
  ln -s "$(dirname "$smpc")/smpc-logger.conf" "$dir/" 2>/dev/null
  (cd "$dir" && "$smpc" --logmin --csv "$1" --connstr "Driver=QSQLITE;Database=$dir/smpc.db")
  local status=$?
  rm -rf "$dir"
  return $status
}
for data in dummyData_3Dim SOE-Pol-Comp ec_car_emissions_ktab; do
  compare "smp ($data)" "$shared/smp/$data.csv" "--model smp" ${smpc:+run_smpc} "$shared/smp/$data.csv"
done
# Random scenarios of 50 and (with PEER_SMP_LARGE=1: smpc needs about 15 CPU-minutes) 100 actors.
python3 bench/make_ktab_scenarios.py --outdir "$scratch" --actors 50 100 >/dev/null
draws=200  # a 50-actor run takes tens of milliseconds; enough draws to stand out from the reruns' noise
for actors in 50 ${PEER_SMP_LARGE:+100}; do
  input=$(printf '%s/random_a%03d_d3_s20261129.csv' "$scratch" "$actors")
  compare "smp (random, $actors actors)" "$input" "--model smp" ${smpc:+run_smpc} "$input"
done
echo "peer/parley: one whole run each; peer/parley-draw: a peer run's time per parley sensitivity draw (1 thread; ${DRAWS:-1000} draws against 1, $draws for the random scenarios)."

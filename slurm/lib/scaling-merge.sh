# Merging and plotting for scaling.sbatch (sourced, not run).
# scaling_merge OUT: OUT/parts/task-*.csv -> OUT/scaling.csv, then the plots:
# bench/scaling-study plot when that script exists, else a summary
# (OUT/summary.csv, OUT/summary.txt) and gnuplot with slurm/lib/plot-scaling.gp.
# PARAKIT_SCALING_STUDY names another plotting script; 'none' forces the fallback.
scaling_merge() {
  local out=$1
  local parts=("$out"/parts/task-*.csv)
  [[ -e ${parts[0]} ]] || parakit_die "no CSV rows in $out/parts: did the array tasks run?"
  # One header (bench/scaling-study's columns), then every task's rows.
  { head -n1 "${parts[0]}"; tail -q -n +2 "${parts[@]}"; } >"$out/scaling.csv"
  echo "merged $(($(wc -l <"$out/scaling.csv") - 1)) rows from ${#parts[@]} task(s) into $out/scaling.csv"

  # PARAKIT_SCALING_STUDY=none forces the gnuplot fallback.
  local study=${PARAKIT_SCALING_STUDY:-$PARAKIT_ROOT/bench/scaling-study}
  if [[ -x $study ]]; then
    echo "+ $study plot $out/scaling.csv $out"
    "$study" plot "$out/scaling.csv" "$out"
    return
  fi
  command -v python3 >/dev/null || parakit_die "python3 is needed for the summary"
  local serial
  serial=$(python3 "$PARAKIT_ROOT/slurm/lib/scaling-summary.py" "$out/scaling.csv" "$out/summary.csv")
  {
    echo "scaling study (compute time, best of the repeats per configuration):"
    column -s, -t <"$out/summary.csv" 2>/dev/null || cat "$out/summary.csv"
  } >"$out/summary.txt"
  cat "$out/summary.txt"
  if command -v gnuplot >/dev/null; then
    echo "+ gnuplot slurm/lib/plot-scaling.gp (Amdahl serial fraction $serial)"
    gnuplot -e "summary='$out/summary.csv'; outbase='$out/scaling'; serial='$serial'" \
      "$PARAKIT_ROOT/slurm/lib/plot-scaling.gp"
    echo "plots: $out/scaling.png $out/scaling.svg"
  else
    echo "no gnuplot: summary only (install gnuplot-nox for the plots)" >&2
  fi
}

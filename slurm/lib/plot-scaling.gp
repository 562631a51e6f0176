# Speedup against workers (ranks x threads) from scaling.sbatch's summary.csv,
# with the ideal line and Amdahl's law for the fitted serial fraction.
# Usage: gnuplot -e "summary='OUT/summary.csv'; outbase='OUT/scaling'; serial='0.05'" plot-scaling.gp
# (serial may be 'nan' when fewer than two worker counts were measured.)
set datafile separator ","
set key top left
set grid
set xlabel "workers (MPI ranks x OpenMP threads)"
set ylabel "speedup"
set title "primes scaling study"
stats summary using 3 nooutput
maxw = STATS_max
set xrange [0.5:maxw + 0.5]
set yrange [0:maxw + 0.5]
s = real(serial) == real(serial) ? real(serial) : -1
amdahl(p) = 1.0 / (s + (1.0 - s) / p)
label_of(r, t) = sprintf("%dx%d", r, t)
do for [term in "pngcairo svg"] {
  if (term eq "pngcairo") { set terminal pngcairo size 800,600; set output outbase.".png" }
  else { set terminal svg size 800,600; set output outbase.".svg" }
  if (s >= 0) {
    plot x title "ideal" with lines dashtype 2 lc rgb "gray", \
         amdahl(x) title sprintf("Amdahl, serial fraction %.3f", s) with lines lc rgb "blue", \
         summary using 3:5 skip 1 title "measured (best of repeats)" with points pt 7 ps 1.5 lc rgb "red", \
         summary using 3:5:(label_of($1, $2)) skip 1 notitle with labels offset 2,0.8
  } else {
    plot x title "ideal" with lines dashtype 2 lc rgb "gray", \
         summary using 3:5 skip 1 title "measured (best of repeats)" with points pt 7 ps 1.5 lc rgb "red", \
         summary using 3:5:(label_of($1, $2)) skip 1 notitle with labels offset 2,0.8
  }
  unset output
}

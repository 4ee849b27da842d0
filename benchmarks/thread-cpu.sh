#!/usr/bin/env bash
# CPU time per thread kind of every lorasim JVM on this machine while a command runs: what docs/benchmarks.md's
# "Where the extra CPU goes" table was measured with. Run by hand only, never by mvn verify or CI:
#   benchmarks/thread-cpu.sh ./lorasim run --local-nodes 3 --out /tmp/bench/three
# Every 2 s it reads /proc/PID/task/*/stat (utime + stime) of each process whose command line names lorasim.jar
# (the submitter and the node JVMs), keeps each thread's last reading, and prints the seconds per process and thread
# kind (by the thread's name) when the command ends. A thread that ends between two samples loses up to 2 s.
set -euo pipefail
[[ $# -gt 0 ]] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
"$@" &
cmd=$!
tick="$(getconf CLK_TCK)"
while kill -0 "$cmd" 2>/dev/null; do
  for p in $(pgrep -f 'lorasim.jar' || true); do
    cat /proc/"$p"/task/*/stat 2>/dev/null | sed 's/^\([0-9]*\) (\(.*\)) /\1|\2|/' \
      | awk -F'|' -v p="$p" '{ split($3, f, " "); print p "|" $1 "|" $2 "|" f[12] + f[13] }' >> "$raw" || true
  done
  sleep 2
done
wait "$cmd" || status=$?
awk -F'|' -v tick="$tick" '
  { last[$1 "|" $2] = $4; name[$1 "|" $2] = $3; pid[$1 "|" $2] = $1 }
  END {
    for (k in last) {
      n = name[k]; kind = "other"
      if (n ~ /^lorasim-lorasim/) kind = "trainer slots"
      else if (n ~ /^lorasim-pekko.a/) kind = "actor dispatcher"
      else if (n ~ /Compiler/) kind = "JIT compilers"
      else if (n ~ /^java$|^lorasim-run/) kind = "main and run threads"
      else if (n ~ /GC|G1/) kind = "GC"
      else if (n ~ /pekko.r|pekko.i|schedul/) kind = "Pekko remoting, internal, scheduler"
      s[pid[k] "|" kind] += last[k]; t[kind] += last[k]; all += last[k]
    }
    for (q in s) { split(q, a, "|"); printf "pid %-8s %-38s %7.1f s\n", a[1], a[2], s[q] / tick }
    for (q in t) printf "all          %-38s %7.1f s\n", q, t[q] / tick
    printf "all          %-38s %7.1f s\n", "TOTAL", all / tick
  }' "$raw" | sort
exit "${status:-0}"

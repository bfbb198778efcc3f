#!/usr/bin/env bash
# Measures what declaring ResNet-18's layers costs a user (benchmarks/BuildCost): the C# the generator emits for them,
# the time to compile that project after its source is touched (the library and the generator already built), and each
# layer's first, second and steady-state call (medians of five fresh processes). Usage: benchmarks/build-cost.sh  (prints a
# report; takes a minute or more)
set -euo pipefail
cd "$(dirname "$0")/BuildCost"

dotnet build -c Release -v q -nologo > /dev/null # restore, and build the library and the generator
touch ResNet18Layers.cs
start=$(date +%s.%N)
dotnet build -c Release -v q -nologo --no-restore --no-dependencies > /dev/null
end=$(date +%s.%N)

generated=obj/Release/net10.0/generated/CnnGen.Generators/CnnGen.Generators.LayerGenerator
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "Compile after touching the source: $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"
echo "Generated C#, total: $(du -cb "$generated"/*.g.cs | tail -1 | cut -f1) bytes in $(ls "$generated"/*.g.cs | wc -l) files"
for file in "$generated"/*.g.cs; do
  printf '  %-40s %10d bytes\n' "$(basename "$file")" "$(stat -c %s "$file")"
done
echo "Assembly: $(stat -c %s bin/Release/net10.0/BuildCost.dll) bytes"
echo

# Each fresh process times every layer's first, second and steady calls once; the median of five processes per column
# keeps one unlucky call (a page fault, a timer tick) from deciding a ratio.
runs=5
for run in $(seq "$runs"); do
  dotnet bin/Release/net10.0/BuildCost.dll | tail -n +2
done | awk -v runs="$runs" '
  { names[$1] = 1; order[NR] = $1; for (c = 2; c <= 5; c++) values[$1, c, ++count[$1, c]] = $c }
  function median(name, c,   n, i, j, t, v) {
    n = count[name, c]
    for (i = 1; i <= n; i++) v[i] = values[name, c, i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return v[int((n + 1) / 2)]
  }
  END {
    printf "%-18s %10s %10s %10s %14s   (medians of %d fresh processes)\n", "layer", "first ms", "second ms", "steady ms", "second/steady", runs
    for (i = 1; i <= NR; i++) {
      name = order[i]
      if (name in printed) continue
      printed[name] = 1
      printf "%-18s %10.3f %10.3f %10.3f %14.2f\n", name, median(name, 2), median(name, 3), median(name, 4), median(name, 5)
    }
  }'


#!/usr/bin/env bash
# Measures what declaring ResNet-18's layers costs a user (benchmarks/BuildCost): the C# the generator emits for them,
# the time to compile that project after its source is touched (the library and the generator already built), and each
# layer's first, second and steady-state call. Usage: benchmarks/build-cost.sh  (prints a report; takes a minute or more)
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
dotnet bin/Release/net10.0/BuildCost.dll

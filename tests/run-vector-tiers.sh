#!/usr/bin/env bash
# Reruns the kernel tests on the narrower vector tiers. Generated and generic kernels choose Vector512, Vector256 or
# Vector128 code at run time, so a machine with AVX-512 only ever runs the widest; here the JIT is told to hide the
# wider vectors (a .NET runtime setting), as on an AVX2-only PC, an Arm64 machine (128-bit with FMA) or an x64
# without FMA. Each tier writes its TRX files under artifacts/test-results/<tier>/. Tests that can only measure
# allocations process-wide (trait ProcessWideAllocation) are left to the default run: the test runner's own background
# allocations grow with the time a window takes, and the slowest tier takes several times as long.
# Usage (after `dotnet test CnnGen.sln -c Release` or a Release build): tests/run-vector-tiers.sh
set -uo pipefail
cd "$(dirname "$0")/.."

projects=(tests/CnnGen.Tests tests/CnnGen.Generated.Tests)
# tier name | expected widest accelerated width | runtime settings
tiers=(
  "v256|256|DOTNET_EnableAVX512=0"
  "v128-fma|128|DOTNET_PreferredVectorBitWidth=128"
  "v128-no-fma|128|DOTNET_EnableAVX2=0"
)

# A tier is only narrower than the default on a CPU that has the wider vectors to hide.
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
has() { grep -qw "$1" <<<"$flags"; }

status=0
for tier in "${tiers[@]}"; do
  IFS='|' read -r name bits settings <<<"$tier"
  if { [ "$name" = v256 ] && ! has avx512f; } || { [ "$name" != v256 ] && ! has avx2; }; then
    echo "== $name: not narrower than this CPU's default tier; not run"
    continue
  fi
  for project in "${projects[@]}"; do
    echo "== $name ($settings): $project"
    if ! env $settings CNNGEN_EXPECTED_VECTOR_BITS="$bits" \
        dotnet test "$project" -c Release --no-build --results-directory "artifacts/test-results/$name" \
          --filter "ProcessWideAllocation!=true"; then
      status=1
    fi
  done
done
exit $status

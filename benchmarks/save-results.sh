#!/usr/bin/env bash
# Copies the GitHub-markdown tables of the last BenchmarkDotNet run into benchmarks/results/<date>-<label>/,
# with a note of the machine, the commit and what else was running, so a number never travels without its context.
# Usage: benchmarks/save-results.sh LABEL [ARTIFACTS_DIR] [NOTE]
set -euo pipefail
cd "$(dirname "$0")/.."

label=${1:?usage: benchmarks/save-results.sh LABEL [ARTIFACTS_DIR] [NOTE]}
artifacts=${2:-BenchmarkDotNet.Artifacts}
note=${3:-}
target="benchmarks/results/$(date -u +%Y-%m-%d)-${label}"

shopt -s nullglob
reports=("$artifacts"/results/*-report-github.md)
if [ ${#reports[@]} -eq 0 ]; then
  echo "no *-report-github.md under $artifacts/results" >&2
  exit 1
fi

mkdir -p "$target"
cp "${reports[@]}" "$target/"
{
  echo "# Run ${label}"
  echo
  echo "- date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "- CPU flags: $(grep -o -w 'avx512f\|avx2\|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
  echo "- .NET SDK: $(dotnet --version)"
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
  echo "- load average when saved: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  if [ -n "$note" ]; then
    echo "- note: ${note}"
  fi
  echo
  echo "Files: the GitHub-markdown exporter's tables, one per suite and element type, copied unchanged."
} > "$target/README.md"
echo "saved ${#reports[@]} tables to $target"

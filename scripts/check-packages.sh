#!/usr/bin/env bash
# Packs the libraries into a local folder feed and uses them as a new user would: a fresh console project
# (`dotnet new console`, `dotnet add package` from that folder) that compiles and runs every C# example of the README
# and of the package READMEs (src/*/README.md), each in its own folder. Fails if a package does not pack, an example
# does not compile, or one throws.
# Usage: scripts/check-packages.sh [WORK_DIR]   (default: a new temporary folder outside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="${1:-$(mktemp -d -t bgan-packages-XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A fresh version each run, so that restore never takes a stale copy from the NuGet cache.
version="0.1.0-check.$(date -u +%Y%m%d%H%M%S)"
libraries=(Core Tabular TimeSeries Text Audio Evaluation Augmentation)
feed="$work/feed"
for p in "${libraries[@]}"; do
  dotnet pack "src/BeyondGan.$p" -c Release -o "$feed" -p:Version="$version" -v quiet --nologo >/dev/null
done
for p in "${libraries[@]}"; do
  nupkg="$feed/BeyondGan.$p.$version.nupkg"
  [ -f "$nupkg" ] || { echo "error: $nupkg was not written" >&2; exit 1; }
  for f in README.md LICENSE "lib/net10.0/BeyondGan.$p.xml"; do
    unzip -l "$nupkg" "$f" >/dev/null || { echo "error: $nupkg lacks $f" >&2; exit 1; }
  done
done
echo "Packed ${#libraries[@]} libraries ($version) into $feed"

consumer="$work/consumer"
rm -rf "$consumer"
mkdir -p "$consumer"
# Nothing from a parent folder's Directory.Build.* may reach the user's project (WORK_DIR could be anywhere).
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
cat > "$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="beyondgan-local" value="$feed" />
  </packageSources>
</configuration>
EOF
(cd "$consumer" && dotnet new console --framework net10.0 --name Consumer --output . >/dev/null)
for p in "${libraries[@]}"; do
  (cd "$consumer" && dotnet add package "BeyondGan.$p" --version "$version" >/dev/null)
done

# Each ```csharp block becomes a class whose Run() holds the block's statements; its using directives stay on top.
mkdir -p "$consumer/Examples"
n=0
declare -A seen=()
runs=""
for readme in README.md src/*/README.md; do
  blocks=$(awk -v out="$work/blocks" -v base="$(echo "$readme" | tr '/.' '__')" '
    /^```csharp/ { inside = 1; k++; file = sprintf("%s.%s.%d", out, base, k); printf "" > file; print file; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print >> file }' "$readme")
  for block in $blocks; do
    hash=$(md5sum < "$block" | cut -c1-32)
    [ -n "${seen[$hash]:-}" ] && continue   # the root README repeats BeyondGan.Core's example
    seen[$hash]=1
    n=$((n + 1))
    awk -v name="Example$n" '
      BEGIN { header = 1 }
      header && /^(using [A-Za-z0-9_.]+; *)+$/ { print; next }
      header && /^[[:space:]]*$/ { next }
      header { header = 0; print "namespace Consumer.Examples;"; print "internal static class " name " { public static void Run() {" }
      { print }
      END { print "} }" }' "$block" > "$consumer/Examples/Example$n.cs"
    runs+="    (\"Example$n\", \"$readme\", Consumer.Examples.Example$n.Run),"$'\n'
  done
done
[ "$n" -gt 0 ] || { echo "error: no C# examples found" >&2; exit 1; }
cat > "$consumer/Program.cs" <<EOF
var examples = new (string Name, string Source, Action Run)[]
{
$runs};
string root = Environment.CurrentDirectory;
foreach (var (name, source, run) in examples)
{
    var dir = Directory.CreateDirectory(Path.Combine(root, "runs", name)).FullName;
    Environment.CurrentDirectory = dir;
    var watch = System.Diagnostics.Stopwatch.StartNew();
    Console.WriteLine(\$"== {name} (from {source})");
    run();
    Console.WriteLine(\$"== {name}: done in {watch.Elapsed.TotalSeconds:F1} s; wrote {string.Join(", ", Directory.GetFiles(dir).Select(Path.GetFileName))}");
}
EOF
(cd "$consumer" && dotnet build -c Release -v quiet --nologo >/dev/null) || { (cd "$consumer" && dotnet build -c Release --nologo 2>&1 | grep -E "error" | head -20) >&2; exit 1; }
(cd "$consumer" && dotnet run -c Release --no-build)
echo "All $n examples ran against the packed libraries ($work)."

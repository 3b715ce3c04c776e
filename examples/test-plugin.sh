#!/usr/bin/env bash
# End-to-end check of the plugin path, as a third party would use it:
#
#   1. builds the example provider outside the main reactor (examples/simple-json-provider; its tests run too,
#      including the conformance kit), which leaves the plugin folder target/plugin/simple-json-provider/ (its jar,
#      the provider toolkit and jackson-core);
#   2. copies that folder into a fresh plugins folder, next to two deliberately broken jars (a text file named
#      broken.jar, and a jar whose service file names a class it does not contain);
#   3. starts the example's DemoServer, a local server speaking its protocol;
#   4. with a configuration that points marketfeed.plugin-path at that folder, enables simplejson against the
#      server and disables SAHMK:
#        ./marketfeed providers -c FILE   must list simplejson from the plugin folder and report both broken
#                                         jars with their paths;
#        ./marketfeed config -c FILE      must accept the simplejson block and mask its key;
#        ./marketfeed run -c FILE --duration 5s --format jsonl
#                                         must print quote and trade lines from simplejson, and never the key.
#
# Assumes the main reactor is installed in the local Maven repository (`mvn -B install` from the repository
# root ran first). Prints one PASS or FAIL line at the end and exits non-zero on failure.
#
#   examples/test-plugin.sh            KEEP_WORK=1 keeps the temporary folder for a look afterwards
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
example="$root/examples/simple-json-provider"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
work="$(mktemp -d "${TMPDIR:-/tmp}/marketfeed-plugin-test.XXXXXX")"
plugins="$work/plugins"
config="$work/simplejson.conf"
# A made-up key: the demo server accepts only it, and it must never show up in any output.
api_key="sj_demo_$RANDOM$RANDOM"
server_pid=""
checks=0
failures=()

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP_WORK:-}" == 1 ]]; then
    echo "test-plugin: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() {
  echo "== $*" >&2
}

pass() {
  checks=$((checks + 1))
  echo "   ok: $1" >&2
}

fail() {
  checks=$((checks + 1))
  failures+=("$1")
  echo "   FAILED: $1" >&2
}

# check DESCRIPTION COMMAND...: runs the command quietly and records the outcome.
check() {
  local description="$1"
  shift
  if "$@" >/dev/null 2>&1; then
    pass "$description"
  else
    fail "$description"
  fi
}

# sqlite_count SQL: the number an SQL query on the run's database gives (through sqlite-jdbc, so no sqlite3
# command is needed): the app's own class path runs a one-line Java program.
sqlite_count() {
  java -cp "$(cat "$root/app/target/classpath.txt")" "$root/examples/SqliteCount.java" "$work/marketfeed.db" "$1"
}

# show FILE: a log, indented, on stderr, so that a failed CI run shows why.
show() {
  if [[ -s "$1" ]]; then
    echo "   --- $(basename "$1"):" >&2
    sed -e 's/^/   | /' "$1" | tail -n 60 >&2
  fi
}

finish() {
  if ((${#failures[@]} == 0)); then
    echo "PASS: test-plugin: $checks checks passed (simplejson plugin built, listed, streamed; broken jars reported;" \
      "the SPI 1.1 build of it still runs)"
    exit 0
  fi
  echo "FAIL: test-plugin: ${#failures[@]} of $checks checks failed: $(IFS=';'; echo "${failures[*]}")"
  exit 1
}

# lines FILE PATTERN...: prints the lines of FILE that contain every fixed-string PATTERN; fails when none does.
lines() {
  local file="$1" pattern text
  shift
  text="$(cat "$file")"
  for pattern in "$@"; do
    text="$(grep -F -- "$pattern" <<<"$text" || true)"
  done
  [[ -n "$text" ]] && printf '%s\n' "$text"
}

# absent PATTERN FILE...: succeeds when no FILE contains the fixed string PATTERN.
absent() {
  local pattern="$1"
  shift
  ! grep -qF -- "$pattern" "$@"
}

# ---------------------------------------------------------------------------------------------------------------
step "building the example outside the main reactor (mvn package, with its tests)"
if ! mvn -B -q -f "$example/pom.xml" package >"$work/build.log" 2>&1; then
  fail "the example builds and its tests pass"
  show "$work/build.log"
  finish
fi
pass "the example builds and its tests pass"

built="$example/target/plugin/simple-json-provider"
provider_jar="$(ls "$built"/simple-json-provider-*.jar 2>/dev/null | head -n 1 || true)"
check "the plugin folder has the provider's jar" test -n "$provider_jar"
check "the plugin folder has jackson-core beside it" compgen -G "$built/jackson-core-*.jar"
check "the plugin folder has the provider toolkit beside it (optional for plugins, so bundled)" \
  compgen -G "$built/marketfeed-provider-toolkit-*.jar"
check "the plugin folder has no other marketfeed jar, nor slf4j (the host provides the SPI and SLF4J)" \
  test -z "$(ls "$built" | grep -E '^(marketfeed|slf4j)-' | grep -v '^marketfeed-provider-toolkit-' || true)"

# ---------------------------------------------------------------------------------------------------------------
step "assembling a plugins folder: the example, and two broken jars"
mkdir -p "$plugins"
cp -R "$built" "$plugins/"
echo "this is not a jar" >"$plugins/broken.jar"
mkdir -p "$work/missing-class/META-INF/services"
echo "com.example.missing.NoSuchProvider" >"$work/missing-class/META-INF/services/io.marketfeed.api.MarketFeedProvider"
"$jar" --create --file "$plugins/missing-class.jar" -C "$work/missing-class" .
ls -R "$plugins" | sed -e 's/^/   | /' >&2

# ---------------------------------------------------------------------------------------------------------------
step "starting the demo server"
mvn -B -q -f "$example/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test-classpath.txt" >"$work/classpath.log" 2>&1 || {
  fail "the example's test class path can be written"
  show "$work/classpath.log"
  finish
}
: >"$work/server.out"
SIMPLEJSON_API_KEY="$api_key" "$java" -cp "$example/target/test-classes:$(cat "$work/test-classpath.txt")" \
  com.example.marketfeed.simplejson.DemoServer 0 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -n 's/^PORT=\([0-9][0-9]*\)$/\1/p' "$work/server.out" | head -n 1 || true)"
  if [[ -n "$port" ]] || ! kill -0 "$server_pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [[ -z "$port" ]]; then
  fail "the demo server starts and prints PORT=<n>"
  show "$work/server.out"
  show "$work/server.err"
  finish
fi
pass "the demo server starts and prints PORT=<n> (port $port)"

cat >"$config" <<EOF
# Written by examples/test-plugin.sh.
marketfeed {
  plugin-path = "$plugins"
  # The default sink, kept out of the checkout.
  sinks = [{ type = sqlite, path = "$work/marketfeed.db", spool.dir = "$work/spool" }]
  providers {
    sahmk.enabled = false
    simplejson {
      enabled = true
      endpoint = "ws://127.0.0.1:$port/v1/ws"
      symbols = ["BTC-USD", "ETH-USD"]
      trade-symbols = ["BTC-USD"]
      # api-key comes from SIMPLEJSON_API_KEY, as the plugin's reference.conf says.
    }
  }
}
EOF

# ---------------------------------------------------------------------------------------------------------------
step "./marketfeed providers -c $config"
status=0
SIMPLEJSON_API_KEY="$api_key" timeout 120 "$root/marketfeed" providers -c "$config" \
  >"$work/providers.out" 2>"$work/providers.err" || status=$?
cat "$work/providers.err" "$work/providers.out" >"$work/providers.all"
show "$work/providers.out"
check "providers exits 0 (status $status)" test "$status" -eq 0
check "providers lists simplejson" grep -Eq '^simplejson\b' "$work/providers.out"
check "providers says simplejson came from the plugin folder" \
  grep -Fq "$plugins/simple-json-provider" "$work/providers.out"
check "providers reports broken.jar with its path" grep -Fq "$plugins/broken.jar" "$work/providers.all"
check "providers reports missing-class.jar with its path" grep -Fq "$plugins/missing-class.jar" "$work/providers.all"
check "providers names the missing class" grep -Fq "com.example.missing.NoSuchProvider" "$work/providers.all"
check "providers still lists the built-in sahmk" grep -Eq '^sahmk\b' "$work/providers.out"
check "nothing warns that the plugin bundles Marketfeed's or SLF4J's classes" \
  absent "bundles its own" "$work/providers.all"
if ((${#failures[@]} > 0)); then
  show "$work/providers.err"
fi

# ---------------------------------------------------------------------------------------------------------------
step "./marketfeed config -c $config"
status=0
SIMPLEJSON_API_KEY="$api_key" timeout 120 "$root/marketfeed" config -c "$config" \
  >"$work/config.out" 2>"$work/config.err" || status=$?
check "config accepts the simplejson block (status $status)" test "$status" -eq 0
check "config shows the key from SIMPLEJSON_API_KEY masked" \
  lines "$work/config.out" 'api-key' '****' 'SIMPLEJSON_API_KEY'
if ((status != 0)); then
  show "$work/config.err"
fi

# ---------------------------------------------------------------------------------------------------------------
step "./marketfeed run -c $config --duration 5s --format jsonl"
status=0
SIMPLEJSON_API_KEY="$api_key" timeout 120 "$root/marketfeed" run -c "$config" --duration 5s --format jsonl \
  >"$work/events.jsonl" 2>"$work/run.err" || status=$?
quotes="$({ lines "$work/events.jsonl" '"type":"quote"' '"provider":"simplejson"' || true; } | wc -l)"
trades="$({ lines "$work/events.jsonl" '"type":"trade"' '"provider":"simplejson"' || true; } | wc -l)"
echo "   $(wc -l <"$work/events.jsonl") lines: $quotes simplejson quotes, $trades simplejson trades" >&2
check "run exits 0 (status $status)" test "$status" -eq 0
check "quote lines from simplejson arrive" test "$quotes" -gt 0
check "trade lines from simplejson arrive" test "$trades" -gt 0
check "quotes arrive for BTC-USD" lines "$work/events.jsonl" '"type":"quote"' '"symbol":"BTC-USD"'
check "quotes arrive for ETH-USD" lines "$work/events.jsonl" '"type":"quote"' '"symbol":"ETH-USD"'
check "trades arrive for BTC-USD only, as subscribed" \
  absent '"symbol":"ETH-USD"' <(lines "$work/events.jsonl" '"type":"trade"' || true)
check "no symbol was rejected" absent '"kind":"rejected"' "$work/events.jsonl"
check "no connection failed" absent '"state":"failed"' "$work/events.jsonl"
check "the decoder reported no problem" absent '"kind":"warning"' "$work/events.jsonl"
check "the plugin's quotes are recorded in the SQLite sink, as many as printed" \
  test "$(sqlite_count "select count(*) from quotes where provider = 'simplejson'")" = "$quotes"
check "the API key appears in no output" \
  absent "$api_key" "$work/events.jsonl" "$work/run.err" "$work/providers.all" "$work/config.out" \
    "$work/config.err" "$work/server.out"
if ((${#failures[@]} > 0)); then
  show "$work/run.err"
  head -n 5 "$work/events.jsonl" | sed -e 's/^/   | /' >&2
fi

# ---------------------------------------------------------------------------------------------------------------
step "the same plugin built against SPI 1.1 (examples/spi-1.1): loaded and streaming on today's SPI"
old_plugins="$work/plugins-spi-1.1"
mkdir -p "$old_plugins/simple-json-provider"
cp "$root/examples/spi-1.1/simple-json-provider-spi-1.1.jar" "$built"/jackson-core-*.jar \
  "$old_plugins/simple-json-provider/"
sed -e "s|plugin-path = \"$plugins\"|plugin-path = \"$old_plugins\"|" \
  -e "s|$work/marketfeed.db|$work/old-spi.db|" -e "s|$work/spool|$work/old-spi-spool|" "$config" >"$work/old-spi.conf"
status=0
SIMPLEJSON_API_KEY="$api_key" timeout 120 "$root/marketfeed" providers -c "$work/old-spi.conf" \
  >"$work/old-providers.out" 2>"$work/old-providers.err" || status=$?
check "providers lists the SPI 1.1 build of simplejson (status $status)" \
  grep -Eq 'SPI version: +1\.1 ' <(awk '/^simplejson/ { block = 1 } block && /^$/ { exit } block' "$work/old-providers.out")
check "providers does not refuse it" absent "refused" "$work/old-providers.out" "$work/old-providers.err"
status=0
SIMPLEJSON_API_KEY="$api_key" timeout 120 "$root/marketfeed" run -c "$work/old-spi.conf" --duration 5s --format jsonl \
  >"$work/old-events.jsonl" 2>"$work/old-run.err" || status=$?
old_quotes="$({ lines "$work/old-events.jsonl" '"type":"quote"' '"provider":"simplejson"' || true; } | wc -l)"
check "run with the SPI 1.1 build exits 0 (status $status)" test "$status" -eq 0
check "quote lines from the SPI 1.1 build arrive ($old_quotes)" test "$old_quotes" -gt 0
check "the API key appears in no output of the SPI 1.1 run" \
  absent "$api_key" "$work/old-events.jsonl" "$work/old-run.err" "$work/old-providers.out" "$work/old-providers.err"
if ((status != 0)) || ((old_quotes == 0)); then
  show "$work/old-providers.out"
  show "$work/old-run.err"
fi

finish

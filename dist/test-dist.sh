#!/usr/bin/env bash
# End-to-end check of the distribution that `mvn package` leaves in dist/target/marketfeed-<version>.tar.gz, as an
# operator would use it on a machine with only a JRE:
#
#   1. unpacks the archive into an empty temporary folder and checks its layout (bin/marketfeed, lib/, plugins/,
#      conf/example.conf, systemd/marketfeed.service, README.txt);
#   2. runs bin/marketfeed with an environment that holds nothing but a PATH with one entry, a folder with a single
#      `java` symlink (so no mvn, no git, not even coreutils), from another empty folder:
#        run --duration 5s --format jsonl   exits 0, events on stdout, marketfeed.db in the working directory with
#                                           the quotes printed, ISO-8601 log lines on stderr and in MARKETFEED_LOG_FILE;
#        providers                          finds the distribution's own plugins/ folder;
#        config -c conf/example.conf        accepts the example (with a key in the environment, printed masked);
#        run, then SIGTERM twice            while the stop waits for a sink whose store is down: exit 143 at once.
#
# Assumes `mvn package` (or install) ran from the repository root. Prints one PASS or FAIL line at the end and exits
# non-zero on failure.
#
#   dist/test-dist.sh            KEEP_WORK=1 keeps the temporary folder for a look afterwards
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
real_java="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java" || true)"
work="$(mktemp -d "${TMPDIR:-/tmp}/marketfeed-dist-test.XXXXXX")"
background=""
checks=0
failures=()

cleanup() {
  if [[ -n "$background" ]] && kill -0 "$background" 2>/dev/null; then
    kill -KILL "$background" 2>/dev/null || true
  fi
  if [[ "${KEEP_WORK:-}" == 1 ]]; then
    echo "test-dist: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== $*" >&2; }
result() { # result DESCRIPTION STATUS
  checks=$((checks + 1))
  if [[ "$2" == 0 ]]; then echo "   ok: $1" >&2; else failures+=("$1"); echo "   FAILED: $1" >&2; fi
}
check() { # check DESCRIPTION COMMAND...: runs the command quietly and records the outcome
  local description="$1" status=0
  shift
  "$@" >/dev/null 2>&1 || status=$?
  result "$description" "$status"
}
show() { # a file, indented, on stderr, so that a failed CI run shows why
  [[ -s "$1" ]] && { echo "   --- $(basename "$1"):" >&2; sed -e 's/^/   | /' "$1" | tail -n 40 >&2; } || true
}
finish() {
  if ((${#failures[@]} == 0)); then
    echo "PASS: test-dist: $checks checks passed (unpacked, ran with only java on the PATH, recorded, stopped)"
    exit 0
  fi
  echo "FAIL: test-dist: ${#failures[@]} of $checks checks failed: $(IFS=';'; echo "${failures[*]}")"
  exit 1
}
# marketfeed FOLDER ARGS...: bin/marketfeed in FOLDER, with nothing in the environment but PATH=<java only> (and
# what the caller puts before it with `env`).
marketfeed() {
  local folder="$1"
  shift
  (cd "$folder" && exec env -i PATH="$work/path" ${extra_env[@]+"${extra_env[@]}"} "$dist/bin/marketfeed" "$@")
}
extra_env=()
# await FILE TEXT SECONDS: waits until FILE contains TEXT.
await() {
  local deadline=$((SECONDS + $3))
  until grep -qF -- "$2" "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# ---------------------------------------------------------------------------------------------------------------
step "unpacking the archive into an empty folder"
archive="$(ls "$root"/dist/target/marketfeed-*.tar.gz 2>/dev/null | head -n 1 || true)"
if [[ -z "$archive" ]]; then
  result "dist/target/marketfeed-<version>.tar.gz exists (run mvn package first)" 1
  finish
fi
if [[ -z "$real_java" ]]; then
  result "java is on the PATH or in JAVA_HOME, to run the test with" 1
  finish
fi
mkdir -p "$work/unpacked" "$work/run" "$work/path"
tar -xzf "$archive" -C "$work/unpacked"
name="$(basename "$archive" .tar.gz)"
dist="$work/unpacked/$name"
check "the archive holds one folder, $name" test "$(ls -A "$work/unpacked")" = "$name"
check "bin/marketfeed is executable" test -x "$dist/bin/marketfeed"
check "lib/ holds the app's jar" compgen -G "$dist/lib/marketfeed-app-*.jar"
check "lib/ holds its dependencies (more than 20 jars)" test "$(ls "$dist/lib" | grep -c '\.jar$')" -gt 20
check "lib/ holds jars only" test -z "$(ls "$dist/lib" | grep -v '\.jar$' || true)"
check "plugins/ is empty but for its README" test "$(ls -A "$dist/plugins")" = "README.txt"
check "conf/example.conf is there" test -s "$dist/conf/example.conf"
check "README.txt is there" test -s "$dist/README.txt"
unit="$dist/systemd/marketfeed.service"
for line in 'Restart=on-failure' 'User=marketfeed' 'WorkingDirectory=/var/lib/marketfeed' 'KillSignal=SIGTERM' \
    'TimeoutStopSec=60' 'ExecStart=/opt/marketfeed/bin/marketfeed run -c /etc/marketfeed/marketfeed.conf'; do
  check "the systemd unit has $line" grep -q "^$line" "$unit"
done

# ---------------------------------------------------------------------------------------------------------------
step "bin/marketfeed run --duration 5s --format jsonl, with only java on the PATH"
ln -s "$real_java" "$work/path/java"
status=0
extra_env=(MARKETFEED_LOG_FILE="$work/logs/marketfeed.log")
marketfeed "$work/run" run --duration 5s --format jsonl >"$work/events.jsonl" 2>"$work/run.err" || status=$?
extra_env=()
quotes="$(grep -c '"type":"quote"' "$work/events.jsonl" || true)"
echo "   $(wc -l <"$work/events.jsonl") lines on stdout, $quotes of them quotes" >&2
check "run exits 0 (status $status)" test "$status" -eq 0
check "events arrive on stdout" test "$quotes" -gt 0
check "stdout holds events only" test -z "$(grep -v '^{"type":' "$work/events.jsonl" || true)"
check "nothing was built" test -z "$(grep -i -e 'building' -e 'mvn' "$work/run.err" || true)"
check "the demo says where its data comes from" grep -qF "No API keys configured" "$work/run.err"
check "log lines on stderr start with an ISO-8601 UTC time" \
  grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z INFO  FeedRunner - Streaming from' \
  "$work/run.err"
check "the log file has the same lines" grep -qF "INFO  FeedRunner - Streaming from" "$work/logs/marketfeed.log"
check "marketfeed.db is created in the working directory" test -s "$work/run/marketfeed.db"
recorded="$("$real_java" -cp "$dist/lib/*" "$root/examples/SqliteCount.java" "$work/run/marketfeed.db" \
  "select count(*) from quotes" 2>>"$work/run.err" || echo "unreadable")"
check "marketfeed.db holds the quotes printed ($recorded of $quotes)" test "$recorded" = "$quotes"
check "nothing was written into the distribution" test "$(LC_ALL=C ls -A "$dist" | tr '\n' ' ')" = \
  "README.txt bin conf lib plugins systemd "
((${#failures[@]} == 0)) || show "$work/run.err"

# ---------------------------------------------------------------------------------------------------------------
step "bin/marketfeed providers, config -c conf/example.conf, and a MARKETFEED_JAVA_OPTS the JVM refuses"
status=0
marketfeed "$work/run" providers >"$work/providers.out" 2>"$work/providers.err" || status=$?
check "providers exits 0 (status $status)" test "$status" -eq 0
check "providers uses the distribution's plugins/ folder" \
  grep -qF "plugin folder: $(cd -P "$dist" && pwd)/plugins" "$work/providers.out"
key="shmk_test_$RANDOM$RANDOM"
status=0
extra_env=(SAHMK_API_KEY="$key")
marketfeed "$work/run" config -c "$dist/conf/example.conf" >"$work/config.out" 2>"$work/config.err" || status=$?
extra_env=()
check "config accepts conf/example.conf (status $status)" test "$status" -eq 0
check "config shows the key from SAHMK_API_KEY masked" grep -qF "SAHMK_API_KEY" "$work/config.out"
check "the key appears nowhere" test -z "$(grep -lF "$key" "$work/config.out" "$work/config.err" || true)"
((status == 0)) || show "$work/config.err"
status=0
extra_env=(MARKETFEED_JAVA_OPTS="-Xmx256m -Xmx1q")
marketfeed "$work/run" run >"$work/opts.out" 2>"$work/opts.err" || status=$?
extra_env=()
check "options the JVM cannot start with exit 2 (status $status)" test "$status" -eq 2
check "with the JVM's own words on stderr" grep -qF "Invalid maximum heap size: -Xmx1q" "$work/opts.err"
check "and nothing on stdout" test ! -s "$work/opts.out"

# ---------------------------------------------------------------------------------------------------------------
step "bin/marketfeed run, SIGTERM twice while the stop waits for a PostgreSQL sink that is down"
mkdir -p "$work/signals"
(cd "$work/signals" && exec env -i PATH="$work/path" "$dist/bin/marketfeed" run --format none \
  '-Dmarketfeed.sinks=[{type=postgres, url="jdbc:postgresql://127.0.0.1:1/x"}]') \
  >"$work/signals.out" 2>"$work/signals.err" &
background=$!
status=""
if await "$work/signals.err" "Sink 'postgres' cannot write" 60; then
  kill -TERM "$background"
  if await "$work/signals.err" "Stopping: SIGTERM received" 30; then
    second="$(date +%s%N)"
    kill -TERM "$background"
    status=0
    wait "$background" || status=$?
    took_ms=$((($(date +%s%N) - second) / 1000000))
    background=""
  fi
fi
check "the second SIGTERM exits with 143 (status ${status:-none})" test "$status" = 143
check "at once (${took_ms:-?} ms; the sink alone would hold the stop for 10 s)" test "${took_ms:-99999}" -lt 3000
check "it says so on stderr" grep -qF "marketfeed: SIGTERM again: exiting at once with code 143" "$work/signals.err"
[[ "$status" == 143 ]] || show "$work/signals.err"

finish

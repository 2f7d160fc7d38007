#!/usr/bin/env bash
# Reproducible load test of the LLM Interactive Proxy. See load-tests/README.md.
#
#   load-tests/run.sh                 # build everything, measure DIRECT, THROUGH the proxy and
#                                     # through a bare Vert.x pass-through (the floor)
#   load-tests/run.sh --direct-only   # harness self-test: fake upstream only, no gateway
#   load-tests/run.sh --skip-build    # reuse existing jars
#
# Every knob is an environment variable (defaults below). Only 127.0.0.1 is ever contacted.
# Every process this script starts is killed on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

DIRECT_ONLY=0
SKIP_BUILD=${SKIP_BUILD:-0}
for arg in "$@"; do
  case "$arg" in
    --direct-only) DIRECT_ONLY=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 64 ;;
  esac
done

# ---- knobs --------------------------------------------------------------------------------
FAKE_PORT=${FAKE_PORT:-18081}
PROXY_PORT=${PROXY_PORT:-18080}
FLOOR_PORT=${FLOOR_PORT:-18082}        # bare Vert.x pass-through (PassthroughProxy), the proxy floor
WARMUP=${WARMUP:-10}                   # seconds of unrecorded load on each target before the slices
ROUNDS=${ROUNDS:-8}                    # closed-loop scenarios: rounds of alternating slices, ...
SLICE=${SLICE:-2}                      # ... each giving every target SLICE recorded seconds
HIGH_CONNS=${HIGH_CONNS:-64}
CHUNKS=${CHUNKS:-20}                   # SSE content chunks per streamed answer
STREAM_WARMUP=${STREAM_WARMUP:-500}    # sequential streams before recording
STREAM_REQUESTS=${STREAM_REQUESTS:-3000}
RSS_ROUNDS=${RSS_ROUNDS:-5}
RSS_REQUESTS=${RSS_REQUESTS:-100000}
RSS_CONNS=${RSS_CONNS:-64}
RSS_STREAM_EVERY=${RSS_STREAM_EVERY:-4} # every 4th RSS-round request is streamed
RSS_FLAT_PCT=${RSS_FLAT_PCT:-5}        # "flat": RSS(last) <= RSS(round 2) * (1 + pct/100)
MODEL=${MODEL:-gpt-4o-mini}
PROXY_AUTH=${PROXY_AUTH:-}             # sent as "Authorization: Bearer ..." to the proxy if set
GATEWAY_LOG_LEVEL=${GATEWAY_LOG_LEVEL:-warn}
# Fixed, pre-touched 256 MB heap: RSS growth between rounds is then off-heap only (Netty buffers,
# metaspace, code cache, threads). ParallelGC: request garbage dies young, and on 2 cores it has
# no concurrent GC threads competing with the event loops. See README.md.
GATEWAY_JVM_OPTS=${GATEWAY_JVM_OPTS:--Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}
HARNESS_JVM_OPTS=${HARNESS_JVM_OPTS:--Xms128m -Xmx256m -XX:+UseParallelGC}
FLOOR_JVM_OPTS=${FLOOR_JVM_OPTS:-$GATEWAY_JVM_OPTS} # same heap and GC as the gateway: like for like
PIN=${PIN:-0}                          # 1: proxy + pass-through on PROXY_CPUS, harness on HARNESS_CPUS
PROXY_CPUS=${PROXY_CPUS:-1}
HARNESS_CPUS=${HARNESS_CPUS:-0}
NMT=${NMT:-0}                          # 1: gateway native memory tracking, summary after each RSS round

STAMP=$(date +%Y-%m-%d-%H%M%S)
LOGDIR="$HERE/target/run-$STAMP"
RESULTS_DIR="$HERE/results"
SUFFIX=""
[ "$DIRECT_ONLY" = 1 ] && SUFFIX="-direct-only"
RESULT_FILE="$RESULTS_DIR/$STAMP$SUFFIX.md"
HARNESS_JAR="$HERE/target/load-tests.jar"
GATEWAY_JAR=${GATEWAY_JAR:-$ROOT/target/llm-interactive-proxy.jar}
mkdir -p "$LOGDIR" "$RESULTS_DIR"

log() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- process bookkeeping: kill exactly what we started ---------------------------------------
PIDS=()
cleanup() {
  local pid i
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
forget() {
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
# Runs a command as a tracked child and waits for it, so a signal to this script interrupts the
# wait and the cleanup trap kills the child too. Returns the command's exit code.
fg_tracked() {
  local pid rc=0
  "$@" &
  pid=$!
  PIDS+=("$pid")
  wait "$pid" || rc=$?
  forget "$pid"
  return "$rc"
}

PIN_PROXY=()
PIN_HARNESS=()
if [ "$PIN" = 1 ]; then
  if command -v taskset >/dev/null; then
    PIN_PROXY=(taskset -c "$PROXY_CPUS")
    PIN_HARNESS=(taskset -c "$HARNESS_CPUS")
  else
    log "taskset not found: running unpinned"
    PIN=0
  fi
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Runs the load generator (full output in the log) and sets LAST to its RESULT line.
LAST=""
loadgen() {
  local name=$1; shift
  fg_tracked "${PIN_HARNESS[@]}" java $HARNESS_JVM_OPTS -jar "$HARNESS_JAR" "$@" --model "$MODEL" \
    >"$LOGDIR/$name.log" 2>&1 || log "$name: load generator exited non-zero (see $LOGDIR/$name.log)"
  LAST=$(grep '^RESULT' "$LOGDIR/$name.log") || die "$name produced no RESULT line (see $LOGDIR/$name.log)"
}
# field LINE KEY -> value of " KEY=value" in a RESULT line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
signed() { awk "BEGIN { printf \"%+.1f\", $1 }"; }
# Verdicts compare the unrounded values: a ratio shown as 40.0 % may be 39.99 %, which fails.
le() { awk "BEGIN { exit !($1 <= $2) }"; }
verdict() { if le "$1" "$2"; then echo PASS; else echo FAIL; fi; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
alive() { kill -0 "$1" 2>/dev/null || die "$2 (pid $1) died; see $LOGDIR"; }
errs() { # err count of a RESULT line, flagged
  local e; e=$(field "$1" errors); [ "${e:-0}" = 0 ] && echo "" || echo " (errors: $e)"; }

# ---- build ---------------------------------------------------------------------------------
cd "$ROOT"
if [ "$SKIP_BUILD" != 1 ]; then
  log "building harness"
  fg_tracked ./mvnw -f load-tests/pom.xml -q package
  if [ "$DIRECT_ONLY" != 1 ]; then
    log "building gateway"
    fg_tracked ./mvnw -q -DskipTests package
  fi
fi
[ -f "$HARNESS_JAR" ] || die "missing $HARNESS_JAR"
[ "$DIRECT_ONLY" = 1 ] || [ -f "$GATEWAY_JAR" ] || die "missing $GATEWAY_JAR"

# ---- start fake upstream and gateway ---------------------------------------------------------
port_free "$FAKE_PORT" || die "port $FAKE_PORT is busy (set FAKE_PORT)"
log "starting fake upstream on 127.0.0.1:$FAKE_PORT ($CHUNKS chunks)"
"${PIN_HARNESS[@]}" java $HARNESS_JVM_OPTS -cp "$HARNESS_JAR" dev.lip.loadtest.FakeUpstream \
  --port "$FAKE_PORT" --chunks "$CHUNKS" >"$LOGDIR/fake-upstream.log" 2>&1 &
FAKE_PID=$!
PIDS+=("$FAKE_PID")
fg_tracked java -jar "$HARNESS_JAR" wait --port "$FAKE_PORT" --path /v1/models --timeout 30 >/dev/null \
  || die "fake upstream not ready (see $LOGDIR/fake-upstream.log)"

GATEWAY_PID=""
FLOOR_PID=""
if [ "$DIRECT_ONLY" != 1 ]; then
  port_free "$PROXY_PORT" || die "port $PROXY_PORT is busy (set PROXY_PORT)"
  log "starting gateway on 127.0.0.1:$PROXY_PORT: java $GATEWAY_JVM_OPTS"
  env OPENAI_API_BASE_URL="http://127.0.0.1:$FAKE_PORT/v1" OPENAI_API_KEY=loadtest-dummy-key \
    "${PIN_PROXY[@]}" java $GATEWAY_JVM_OPTS -Xlog:gc:file="$LOGDIR/gateway-gc.log" \
    $([ "$NMT" = 1 ] && echo -XX:NativeMemoryTracking=summary) \
    -jar "$GATEWAY_JAR" --host 127.0.0.1 --port "$PROXY_PORT" --default-backend openai \
    --log-level "$GATEWAY_LOG_LEVEL" >"$LOGDIR/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=("$GATEWAY_PID")
  fg_tracked java -jar "$HARNESS_JAR" wait --port "$PROXY_PORT" --path /v1/models --timeout 60 \
    ${PROXY_AUTH:+--auth "$PROXY_AUTH"} >"$LOGDIR/gateway-ready.log" 2>&1 \
    || die "gateway not ready within 60 s (see $LOGDIR/gateway.log, $LOGDIR/gateway-ready.log)"
  log "gateway ready (pid $GATEWAY_PID, RSS $(rss_mb "$GATEWAY_PID") MB)"

  # The floor: a bare Vert.x pass-through, set up like the gateway (one verticle per core, same JVM
  # flags, same pinning), forwarding bytes unchanged. Idle while the gateway is measured.
  port_free "$FLOOR_PORT" || die "port $FLOOR_PORT is busy (set FLOOR_PORT)"
  log "starting pass-through on 127.0.0.1:$FLOOR_PORT: java $FLOOR_JVM_OPTS"
  "${PIN_PROXY[@]}" java $FLOOR_JVM_OPTS -Xlog:gc:file="$LOGDIR/passthrough-gc.log" \
    -cp "$HARNESS_JAR" dev.lip.loadtest.PassthroughProxy --port "$FLOOR_PORT" \
    --upstream-port "$FAKE_PORT" >"$LOGDIR/passthrough.log" 2>&1 &
  FLOOR_PID=$!
  PIDS+=("$FLOOR_PID")
  fg_tracked java -jar "$HARNESS_JAR" wait --port "$FLOOR_PORT" --path /v1/models --timeout 30 \
    >"$LOGDIR/passthrough-ready.log" 2>&1 \
    || die "pass-through not ready (see $LOGDIR/passthrough.log, $LOGDIR/passthrough-ready.log)"
fi

# Measures one scenario DIRECT then (unless --direct-only) THROUGH the proxy, same arguments.
# Sets D and P to the RESULT lines.
both() {
  local name=$1; shift
  log "$name: direct"
  loadgen "$name-direct" "$@" --port "$FAKE_PORT"
  D=$LAST
  P=""
  if [ -n "$GATEWAY_PID" ]; then
    log "$name: through proxy"
    loadgen "$name-proxy" "$@" --port "$PROXY_PORT" ${PROXY_AUTH:+--auth "$PROXY_AUTH"}
    P=$LAST
    alive "$GATEWAY_PID" gateway
  fi
}
# Measures one closed-loop scenario on the fake upstream directly, through the proxy and through the
# pass-through, in alternating slices within one load-generator process (see Interleaved.java), so that
# all three see the same machine. Sets D, P and F to their RESULT lines ("" for targets not running).
interleaved() {
  local name=$1; shift
  local ports=$FAKE_PORT
  [ -n "$GATEWAY_PID" ] && ports="$ports,$PROXY_PORT"
  [ -n "$FLOOR_PID" ] && ports="$ports,$FLOOR_PORT"
  log "$name: ports $ports in alternating ${SLICE}s slices, $ROUNDS rounds, after ${WARMUP}s warm-up each"
  fg_tracked "${PIN_HARNESS[@]}" java $HARNESS_JVM_OPTS -jar "$HARNESS_JAR" interleaved --ports "$ports" \
    --warmup "$WARMUP" --rounds "$ROUNDS" --slice "$SLICE" --model "$MODEL" \
    ${PROXY_AUTH:+--auth "$PROXY_AUTH"} "$@" >"$LOGDIR/$name.log" 2>&1 \
    || log "$name: load generator exited non-zero (see $LOGDIR/$name.log)"
  D=$(grep "^RESULT.* port=$FAKE_PORT " "$LOGDIR/$name.log") || die "$name: no direct RESULT (see $LOGDIR/$name.log)"
  P=""; F=""
  if [ -n "$GATEWAY_PID" ]; then
    P=$(grep "^RESULT.* port=$PROXY_PORT " "$LOGDIR/$name.log") || die "$name: no proxy RESULT"
    alive "$GATEWAY_PID" gateway
  fi
  if [ -n "$FLOOR_PID" ]; then
    F=$(grep "^RESULT.* port=$FLOOR_PORT " "$LOGDIR/$name.log") || die "$name: no pass-through RESULT"
    alive "$FLOOR_PID" pass-through
  fi
}

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }
# added-latency row: label, key, D line, P line, target (µs added, empty = info only)
added_row() {
  local label=$1 key=$2 d p target=$5 dv pv add v
  d=$3; p=$4
  dv=$(field "$d" "$key")
  if [ -z "$p" ]; then row "$label" "$dv" "n/a" "n/a" "${target:+≤ $target µs added}" "n/a"; return; fi
  pv=$(field "$p" "$key")
  add=$(signed "$pv - $dv")
  v="info"
  [ -n "$target" ] && v=$(verdict "$pv - $dv" "$target")
  row "$label" "$dv$(errs "$d")" "$pv$(errs "$p")" "$add" "${target:+≤ $target µs added}" "$v"
}

# ---- scenarios -------------------------------------------------------------------------------
interleaved "latency-1" --connections 1
added_row "Non-stream p50, 1 conn (µs)" p50_us "$D" "$P" 200
added_row "Non-stream p99, 1 conn (µs)" p99_us "$D" "$P" 1000
added_row "Non-stream max, 1 conn (µs)" max_us "$D" "$P" ""
if [ -n "$F" ]; then
  added_row "Non-stream p50, 1 conn, bare Vert.x pass-through (µs)" p50_us "$D" "$F" ""
fi

interleaved "latency-$HIGH_CONNS" --connections "$HIGH_CONNS"
added_row "Non-stream p50, $HIGH_CONNS conns (µs)" p50_us "$D" "$P" ""
added_row "Non-stream p99, $HIGH_CONNS conns (µs)" p99_us "$D" "$P" ""
DR=$(field "$D" rps)
if [ -n "$P" ]; then
  PR=$(field "$P" rps)
  PCT=$(calc "100 * $PR / $DR")
  row "Throughput, $HIGH_CONNS conns (req/s)" "$DR" "$PR" "$PCT % of direct" "≥ 40 % of direct" \
    "$(le 40 "100 * $PR / $DR" && echo PASS || echo FAIL)"
else
  row "Throughput, $HIGH_CONNS conns (req/s)" "$DR" "n/a" "n/a" "≥ 40 % of direct" "n/a"
fi
if [ -n "$F" ]; then
  FR=$(field "$F" rps)
  row "Throughput through a bare Vert.x pass-through, $HIGH_CONNS conns (req/s)" "$DR" "$FR$(errs "$F")" \
    "$(calc "100 * $FR / $DR") % of direct" "" "info"
  row "Gateway throughput as % of the pass-through floor" "—" "$PR" \
    "$(calc "100 * $PR / $FR") % of pass-through" "" "info"
fi

both "stream" stream --warmup-requests "$STREAM_WARMUP" --requests "$STREAM_REQUESTS"
added_row "Stream time-to-first-chunk p50 (µs)" ttfc_p50_us "$D" "$P" 1000
added_row "Stream time-to-first-chunk p99 (µs)" ttfc_p99_us "$D" "$P" ""
added_row "Stream total time p50, $CHUNKS chunks (µs)" total_p50_us "$D" "$P" ""
EVENTS_NOTE="direct stream: $(field "$D" events) SSE events per answer"
[ -n "$P" ] && EVENTS_NOTE="$EVENTS_NOTE; through proxy: $(field "$P" events)"

RSS_NOTE=""
if [ -n "$GATEWAY_PID" ]; then
  RSS=()
  RSS0=$(rss_mb "$GATEWAY_PID")
  for r in $(seq 1 "$RSS_ROUNDS"); do
    log "RSS round $r/$RSS_ROUNDS: $RSS_REQUESTS requests through the proxy"
    loadgen "rss-round-$r" count --requests "$RSS_REQUESTS" --connections "$RSS_CONNS" \
      --stream-every "$RSS_STREAM_EVERY" --port "$PROXY_PORT" ${PROXY_AUTH:+--auth "$PROXY_AUTH"}
    L=$LAST
    alive "$GATEWAY_PID" gateway
    RSS+=("$(rss_mb "$GATEWAY_PID")")
    if [ "$NMT" = 1 ]; then
      timeout 30 jcmd "$GATEWAY_PID" VM.native_memory summary >"$LOGDIR/nmt-round-$r.txt" 2>&1 || true
    fi
    row "Proxy RSS after round $r (MB)" "—" "${RSS[$((r - 1))]}$(errs "$L")" \
      "at $(field "$L" rps) req/s" "≤ 400 MB" "$(verdict "${RSS[$((r - 1))]}" 400)"
  done
  if [ "$RSS_ROUNDS" -ge 2 ]; then
    R2=${RSS[1]}; RN=${RSS[$((RSS_ROUNDS - 1))]}
    GROW=$(signed "$RN - $R2")
    GPCT=$(signed "100 * ($RN - $R2) / $R2")
    row "Proxy RSS growth, round 2 → $RSS_ROUNDS (MB)" "—" "$R2 → $RN" "$GROW ($GPCT %)" \
      "flat (≤ $RSS_FLAT_PCT %)" "$(le "100 * ($RN - $R2) / $R2" "$RSS_FLAT_PCT" && echo "PASS (flat)" || echo "FAIL (growing)")"
  fi
  RSS_NOTE="Proxy RSS before the rounds: $RSS0 MB."
fi

# ---- report ----------------------------------------------------------------------------------
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
{
  echo "# Load test $STAMP$SUFFIX"
  echo
  echo "- Command: \`$(printf '%q ' "$0" "$@")\`"
  echo "- Commit: $GIT_REV; machine: $(nproc) cores, $CPU; $(java -version 2>&1 | head -1)"
  echo "- Gateway JVM: \`$GATEWAY_JVM_OPTS\`; pass-through JVM: \`$FLOOR_JVM_OPTS\`; harness JVM: \`$HARNESS_JVM_OPTS\`"
  echo "- Pinning: $([ "$PIN" = 1 ] && echo "proxy and pass-through on CPU $PROXY_CPUS, fake upstream + load generator on CPU $HARNESS_CPUS" || echo "none (all processes share all cores)")"
  echo "- Closed-loop scenarios: direct, proxy and pass-through in alternating ${SLICE}s slices (the first 0.3 s of each unrecorded), $ROUNDS rounds, after ${WARMUP}s warm-up on each; streams: $STREAM_WARMUP warm-up + $STREAM_REQUESTS measured, $CHUNKS chunks; RSS: $RSS_ROUNDS × $RSS_REQUESTS requests at $RSS_CONNS conns, every ${RSS_STREAM_EVERY}th streamed"
  echo "- Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| Metric | Direct | Through proxy | Added / ratio | Target | Verdict |"
  echo "| --- | ---: | ---: | ---: | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "$EVENTS_NOTE. $RSS_NOTE Logs: \`${LOGDIR#"$ROOT"/}\`."
} | tee "$RESULT_FILE"
log "results written to ${RESULT_FILE#"$ROOT"/}"

#!/usr/bin/env bash
# A/B of two gateway builds (or JVM options) on the same machine, at the same time:
#
#   load-tests/ab.sh 'A_JAR[|A_JVM_OPTS[|A_ARGS]]' 'B_JAR[|B_JVM_OPTS[|B_ARGS]]'
#   e.g. load-tests/ab.sh /tmp/before.jar target/llm-interactive-proxy.jar
#        load-tests/ab.sh target/llm-interactive-proxy.jar 'target/llm-interactive-proxy.jar|-XX:+UseTransparentHugePages'
#        load-tests/ab.sh 'target/llm-interactive-proxy.jar||--transport epoll' target/llm-interactive-proxy.jar
#
# Starts the fake upstream and both gateways (ports A_PORT, B_PORT) in front of it, warms them up, then
# runs the 64-connection closed loop on direct, A and B in alternating slices (LoadGenerator
# interleaved), REPEAT times, and prints the req/s of each. Only 127.0.0.1 is contacted; every process
# started here is killed on exit. Needs load-tests/target/load-tests.jar (mvnw -f load-tests/pom.xml package).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HARNESS_JAR="$HERE/target/load-tests.jar"
FAKE_PORT=${FAKE_PORT:-18081}; A_PORT=${A_PORT:-18080}; B_PORT=${B_PORT:-18083}
CONNS=${CONNS:-64}; ROUNDS=${ROUNDS:-8}; SLICE=${SLICE:-2}; WARMUP=${WARMUP:-8}; REPEAT=${REPEAT:-2}
GATEWAY_JVM_OPTS=${GATEWAY_JVM_OPTS:--Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseParallelGC}
HARNESS_JVM_OPTS=${HARNESS_JVM_OPTS:--Xms128m -Xmx256m -XX:+UseParallelGC}
[ $# = 2 ] || { sed -n '2,11p' "$0"; exit 64; }
[ -f "$HARNESS_JAR" ] || { echo "missing $HARNESS_JAR" >&2; exit 1; }

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
gateway() { # SPEC PORT
  local jar=${1%%|*} opts="" args=""
  [[ $1 == *"|"* ]] && opts=${1#*|}
  [[ $opts == *"|"* ]] && { args=${opts#*|}; opts=${opts%%|*}; }
  [ -f "$jar" ] || { echo "missing $jar" >&2; exit 1; }
  OPENAI_API_BASE_URL="http://127.0.0.1:$FAKE_PORT/v1" OPENAI_API_KEY=ab-dummy-key \
    java $GATEWAY_JVM_OPTS $opts -jar "$jar" --host 127.0.0.1 --port "$2" --default-backend openai \
    --log-level warn $args >/dev/null 2>&1 &
  PIDS+=($!)
}
java $HARNESS_JVM_OPTS -cp "$HARNESS_JAR" dev.lip.loadtest.FakeUpstream --port "$FAKE_PORT" >/dev/null 2>&1 &
PIDS+=($!)
gateway "$1" "$A_PORT"
gateway "$2" "$B_PORT"
for port in "$FAKE_PORT" "$A_PORT" "$B_PORT"; do
  java -jar "$HARNESS_JAR" wait --port "$port" --path /v1/models --timeout 60 >/dev/null
done
# One-connection warm-up first, as run.sh does, so that both gateways are compiled before the rounds.
java $HARNESS_JVM_OPTS -jar "$HARNESS_JAR" interleaved --ports "$FAKE_PORT,$A_PORT,$B_PORT" \
  --connections 1 --warmup "$WARMUP" --rounds 2 --slice "$SLICE" >/dev/null
echo "A = $1 (port $A_PORT); B = $2 (port $B_PORT); $CONNS connections, $ROUNDS rounds of ${SLICE}s"
for i in $(seq 1 "$REPEAT"); do
  java $HARNESS_JVM_OPTS -jar "$HARNESS_JAR" interleaved --ports "$FAKE_PORT,$A_PORT,$B_PORT" \
    --connections "$CONNS" --warmup "$WARMUP" --rounds "$ROUNDS" --slice "$SLICE" \
    | awk -v a="$A_PORT" -v b="$B_PORT" '/^RESULT/ {
        for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
        name = f["port"] == a ? "A" : f["port"] == b ? "B" : "direct"; r[name] = f["rps"] }
      END { printf "direct %.0f req/s   A %.0f (%.1f %%)   B %.0f (%.1f %%)   B/A %+.1f %%\n",
        r["direct"], r["A"], 100 * r["A"] / r["direct"], r["B"], 100 * r["B"] / r["direct"], 100 * (r["B"] / r["A"] - 1) }'
done

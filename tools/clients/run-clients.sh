#!/usr/bin/env bash
# Runs Claude Code, Codex CLI and Gemini CLI headless through the proxy to an upstream of another
# dialect (the OpenAI-chat fake of load-tests/), and through the built-in mock backend; then types
# in-chat commands in each (a command-only prompt, text with a trailing command, !/session).
# Prints PASS/FAIL per scenario (a grep of the CLI's answer) and exits non-zero if one failed.
# Not part of CI. Needs a JDK, Node.js and npm (the CLIs install from the npm registry).
#
#   tools/clients/run-clients.sh            # build, install the CLIs into target/clients, run them all
#
# Everything binds 127.0.0.1; each CLI gets a fresh HOME (no real credentials) and a hard timeout;
# every process started here is stopped on exit.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$ROOT/target/clients}
FAKE_PORT=${FAKE_PORT:-18181}
PROXY_PORT=${PROXY_PORT:-18180}
CLIS="@anthropic-ai/claude-code@${CLAUDE_VERSION:-2.1.197} @openai/codex@${CODEX_VERSION:-0.169.0} @google/gemini-cli@${GEMINI_VERSION:-0.61.0}"
STARTED=()
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${s#Z}" = "$s" ]; }
cleanup() { # SIGTERM, up to 15 s for the JVMs to stop, then SIGKILL
  local p left
  for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null; done
  for _ in $(seq 30); do
    left=""; for p in "${STARTED[@]}"; do alive "$p" && left="$left $p"; done
    [ -z "$left" ] && break
    sleep 0.5
  done
  for p in $left; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK"
cd "$ROOT"
./mvnw -q -DskipTests package && ./mvnw -q -f load-tests/pom.xml package || exit 1
[ -x "$WORK/node_modules/.bin/claude" ] || npm install --silent --prefix "$WORK" $CLIS || exit 1
export PATH=$WORK/node_modules/.bin:$PATH

java -Xmx128m -cp load-tests/target/load-tests.jar dev.lip.loadtest.FakeUpstream --port "$FAKE_PORT" \
  --instances 1 > "$WORK/fake.log" 2>&1 & STARTED+=($!)
OPENAI_API_BASE_URL=http://127.0.0.1:$FAKE_PORT/v1 OPENAI_API_KEY=fake-key-1234567890 \
  java -jar target/llm-interactive-proxy.jar --host 127.0.0.1 --port "$PROXY_PORT" \
  --default-backend openai:gpt-4o-mini --log-level debug > "$WORK/proxy.log" 2>&1 & STARTED+=($!)
for _ in $(seq 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$PROXY_PORT/v1/models" && break
  sleep 0.5
done

cd "$WORK"
mkdir -p home-claude home-codex/.codex home-gemini/.gemini
cat > home-codex/.codex/config.toml <<TOML
model = "openai:gpt-4o-mini"
model_provider = "lip"
approval_policy = "never"
sandbox_mode = "read-only"
[model_providers.lip]
name = "LLM Interactive Proxy"
base_url = "http://127.0.0.1:$PROXY_PORT/v1"
wire_api = "responses"
env_key = "LIP_KEY"
TOML
echo '{"security":{"auth":{"selectedType":"gemini-api-key"}},"telemetry":{"enabled":false},"model":{"maxSessionTurns":3}}' \
  > home-gemini/.gemini/settings.json

# Each scenario writes the CLI's stdout, stderr and exit code to $OUT/<name>.{out,err,rc}; the checks read
# stdout only (Codex echoes the prompt on stderr).
OUT=$WORK/out
rm -rf "$OUT"; mkdir -p "$OUT"
claude_() { # claude_ MODEL ARGS...
  local model=$1; shift
  HOME=$WORK/home-claude ANTHROPIC_MODEL=$model ANTHROPIC_BASE_URL=http://127.0.0.1:$PROXY_PORT ANTHROPIC_API_KEY=x DISABLE_TELEMETRY=1 \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 timeout 120 claude "$@" </dev/null
}
codex_() {
  HOME=$WORK/home-codex LIP_KEY=x timeout "${T:-120}" codex exec --skip-git-repo-check "$@" </dev/null
}
gemini_() {
  HOME=$WORK/home-gemini GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:$PROXY_PORT GEMINI_API_KEY=x \
    GEMINI_CLI_TRUST_WORKSPACE=true timeout 120 gemini "$@" </dev/null
}

# run NAME HEADER CLI-FUNCTION ARGS...: prints the header, the last lines of the answer, the exit code and the
# proxy's log line of each request the CLI made.
run() {
  local name=$1 header=$2; shift 2
  local logged; logged=$(wc -l < "$WORK/proxy.log")
  echo "== $header"
  "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; echo $? > "$OUT/$name.rc"
  tail -n "${SHOW:-4}" "$OUT/$name.out"
  echo "[exit $(cat "$OUT/$name.rc")]"
  tail -n +"$((logged + 1))" "$WORK/proxy.log" | grep -o ' request .*' | sed 's/^ request [^ ]* /  proxy: /' \
    > "$OUT/$name.proxy"
  cat "$OUT/$name.proxy"
}

RESULTS=()
FAILED=0
# verdict NAME MUST [MUST-NOT]: PASS when the CLI exited 0 and its answer matches the extended regex MUST
# and not MUST-NOT. VERDICT_EXTRA, when set, is one more shell test that must hold.
verdict() {
  local name=$1 must=$2 mustnot=${3:-} f=$OUT/$1.out why="" line
  [ "$(cat "$OUT/$name.rc")" = 0 ] || why="exit $(cat "$OUT/$name.rc")"
  grep -Eq -- "$must" "$f" || why="${why:+$why; }no /$must/"
  if [ -n "$mustnot" ] && grep -Eq -- "$mustnot" "$f"; then why="${why:+$why; }has /$mustnot/"; fi
  if [ -n "${VERDICT_EXTRA:-}" ] && ! eval "$VERDICT_EXTRA"; then why="${why:+$why; }${VERDICT_WHY:-$VERDICT_EXTRA}"; fi
  line=$( (grep -Em1 -- "$must" "$f" || grep -m1 . "$f") | tr -d '\r' | cut -c1-80)
  line="$line  [$(grep -o 'backend=[^ ]*' "$OUT/$name.proxy" | sort -u | paste -sd, -)]"
  if [ -z "$why" ]; then
    line="PASS  $name  | $line"
  else
    line="FAIL  $name  | $line  ($why)"; FAILED=$((FAILED + 1))
  fi
  echo "$line"; RESULTS+=("$line")
}
# session_verdict NAME: the answer starts a line with "Session <id>" and the proxy logged that session id.
session_verdict() {
  local id; id=$(grep -Eom1 '^Session [^ ]+' "$OUT/$1.out" | cut -d' ' -f2)
  VERDICT_EXTRA="[ -n '$id' ] && grep -qF 'session=$id ' '$OUT/$1.proxy'" \
    VERDICT_WHY="session id not in the proxy log" verdict "$1" '^Session [^ ]+'
}

# Plain runs: each CLI through another dialect's upstream, and through the mock backend.
TOK='tok0 tok1'
run claude-upstream "Claude Code -> Anthropic door -> OpenAI-chat upstream" \
  claude_ openai:gpt-4o-mini -p "say hi";              verdict claude-upstream "$TOK"
run claude-thinking "Claude Code -> mock:thinking" \
  claude_ mock:thinking -p "say hi";                   verdict claude-thinking 'say hi'
run codex-upstream "Codex CLI -> Responses door -> OpenAI-chat upstream" codex_ "say hi"
                                                                           verdict codex-upstream "$TOK"
run codex-echo "Codex CLI -> mock:echo" codex_ -m mock:echo "say hi";      verdict codex-echo 'say hi'
run gemini-upstream "Gemini CLI -> Gemini door -> OpenAI-chat upstream" \
  gemini_ -m openai:gpt-4o-mini -p "say hi";                               verdict gemini-upstream "$TOK"
run gemini-echo "Gemini CLI -> mock:echo" gemini_ -m mock:echo -p "say hi"; verdict gemini-echo 'say hi'

# In-chat commands, each CLI on openai:gpt-4o-mini (the fake upstream answers "tok0 tok1 ..."):
#  - a command-only prompt is answered by the proxy itself ("backend=proxy" in its log);
#  - text with a trailing command: the command is stripped and applied, so mock:echo echoes "say hi" alone;
#  - !/session shows the session id, the same one the proxy logs for the request.
CMD='!/backend(mock)'
TXT=$'say hi\n!/model(mock:echo)'
run claude-cmd-only "Claude Code: in-chat command only, $CMD" \
  claude_ openai:gpt-4o-mini -p "$CMD";               verdict claude-cmd-only 'Backend set to mock' "$TOK"
run claude-cmd-text "Claude Code: text + trailing !/model(mock:echo)" \
  claude_ openai:gpt-4o-mini -p "$TXT";               verdict claude-cmd-text 'say hi' "!/model|$TOK"
run claude-session "Claude Code: !/session" \
  claude_ openai:gpt-4o-mini -p '!/session';          session_verdict claude-session
run codex-cmd-only "Codex CLI: in-chat command only, $CMD" codex_ "$CMD"; verdict codex-cmd-only 'Backend set to mock' "$TOK"
run codex-cmd-text "Codex CLI: text + trailing !/model(mock:echo)" codex_ "$TXT"
                                                                          verdict codex-cmd-text 'say hi' "!/model|$TOK"
SHOW=12 run codex-session "Codex CLI: !/session" codex_ '!/session';      session_verdict codex-session
run gemini-cmd-only "Gemini CLI: in-chat command only, $CMD" \
  gemini_ -m openai:gpt-4o-mini -p "$CMD";                                verdict gemini-cmd-only 'Backend set to mock' "$TOK"
run gemini-cmd-text "Gemini CLI: text + trailing !/model(mock:echo)" \
  gemini_ -m openai:gpt-4o-mini -p "$TXT";                                verdict gemini-cmd-text 'say hi' "!/model|$TOK"
run gemini-session "Gemini CLI: !/session" \
  gemini_ -m openai:gpt-4o-mini -p '!/session';                           session_verdict gemini-session

echo "== Results (answers, stderr and proxy log lines in $OUT; proxy log: $WORK/proxy.log)"
printf '%s\n' "${RESULTS[@]}"
echo "$((${#RESULTS[@]} - FAILED)) passed, $FAILED failed"
[ "$FAILED" = 0 ]

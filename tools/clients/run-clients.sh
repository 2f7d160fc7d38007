#!/usr/bin/env bash
# Runs Claude Code, Codex CLI and Gemini CLI headless through the proxy to an upstream of another
# dialect (the OpenAI-chat fake of load-tests/), and through the built-in mock backend.
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
cleanup() { for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

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

claude_() {
  HOME=$WORK/home-claude ANTHROPIC_BASE_URL=http://127.0.0.1:$PROXY_PORT ANTHROPIC_API_KEY=x DISABLE_TELEMETRY=1 \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 timeout 120 claude "$@" </dev/null
  echo "[exit $?]"
}
codex_() {
  HOME=$WORK/home-codex LIP_KEY=x timeout "${T:-120}" codex exec --skip-git-repo-check "$@" </dev/null 2>&1
  echo "[exit $?]"
}
gemini_() {
  HOME=$WORK/home-gemini GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:$PROXY_PORT GEMINI_API_KEY=x \
    GEMINI_CLI_TRUST_WORKSPACE=true timeout 120 gemini "$@" </dev/null 2>/dev/null
  echo "[exit $?]"
}

echo "== Claude Code -> Anthropic door -> OpenAI-chat upstream"; ANTHROPIC_MODEL=openai:gpt-4o-mini claude_ -p "say hi"
echo "== Claude Code -> mock:thinking";                          ANTHROPIC_MODEL=mock:thinking claude_ -p "say hi"
echo "== Codex CLI -> Responses door -> OpenAI-chat upstream";   codex_ "say hi" | tail -3
echo "== Codex CLI -> mock:echo";                               codex_ -m mock:echo "say hi" | tail -3
echo "== Gemini CLI -> Gemini door -> OpenAI-chat upstream";     gemini_ -m openai:gpt-4o-mini -p "say hi"
echo "== Gemini CLI -> mock:echo";                              gemini_ -m mock:echo -p "say hi"
echo "proxy log: $WORK/proxy.log"

#!/usr/bin/env bash
# Start (install if missing) the loopback services the test suite needs:
#   PostgreSQL (Debian package, own cluster in .services/pg)
#   Redis      (Debian package, .services/redis)
#   OpenSearch 2.x (Maven Central integ-test-zip + analysis-common module, .services/search)
# and write .services/env with export lines for the test runner to `source`.
#
# Usage: scripts/services.sh [start|stop|status]     (default: start)
# Idempotent: services already running from an earlier call are reused, not restarted.
# See scripts/README-services.md.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SVC="$ROOT/.services"

PG_PORT="${CONG_PG_PORT:-54329}"
REDIS_PORT="${CONG_REDIS_PORT:-63799}"
SEARCH_PORT="${CONG_SEARCH_PORT:-9209}"
SEARCH_TRANSPORT_PORT="${CONG_SEARCH_TRANSPORT_PORT:-9309}"
SEARCH_HEAP="${CONG_SEARCH_HEAP:-512m}"
SEARCH_TIMEOUT="${CONG_SEARCH_TIMEOUT:-120}"

OPENSEARCH_VERSION="2.19.6"
OS_DIST_GAV="org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip"
OS_ANALYSIS_GAV="org.opensearch.plugin:analysis-common:${OPENSEARCH_VERSION}:jar"
M2_REPO="${M2_REPO:-$HOME/.m2/repository}"
OS_DIST_ZIP="$M2_REPO/org/opensearch/distribution/integ-test-zip/opensearch/$OPENSEARCH_VERSION/opensearch-$OPENSEARCH_VERSION.zip"
OS_ANALYSIS_JAR="$M2_REPO/org/opensearch/plugin/analysis-common/$OPENSEARCH_VERSION/analysis-common-$OPENSEARCH_VERSION.jar"
SEARCH_CLUSTER="cong-test"

PG_DIR="$SVC/pg"
PG_DATA="$PG_DIR/data"
PG_RUN="$PG_DIR/run"
PG_LOG="$PG_DIR/log/postgresql.log"
REDIS_DIR="$SVC/redis"
REDIS_LOG="$REDIS_DIR/log/redis.log"
SEARCH_DIR="$SVC/search"
SEARCH_HOME="$SEARCH_DIR/opensearch-$OPENSEARCH_VERSION"
SEARCH_CONF="$SEARCH_DIR/config"
SEARCH_LOGDIR="$SEARCH_DIR/log"
SEARCH_CONSOLE="$SEARCH_LOGDIR/console.log"   # everything the node prints (its log lines too)
SEARCH_LOG="$SEARCH_CONSOLE"
SEARCH_PID="$SEARCH_DIR/opensearch.pid"

SEARCH_USER="cong-search"

# ---------------------------------------------------------------- error handling
CURRENT="services.sh"          # which service we are working on (for error messages)
CURRENT_LOG="$SVC"             # where its log is

rel() { echo "${1#"$ROOT"/}"; }
die() {
    echo "services.sh: $CURRENT failed: $*; see $(rel "$CURRENT_LOG")." >&2
    exit 1
}
on_err() {
    local rc=$? line=$1 cmd=$2
    echo "services.sh: $CURRENT failed (line $line: '$cmd' exited $rc); see $(rel "$CURRENT_LOG")." >&2
    exit "$rc"
}
trap 'on_err $LINENO "$BASH_COMMAND"' ERR
working_on() { CURRENT="$1"; CURRENT_LOG="$2"; }
say() { echo "services: $*"; }

IS_ROOT=0; [ "$(id -u)" -eq 0 ] && IS_ROOT=1

# Run a command as another user (only when we are root; otherwise as ourselves).
as_user() {
    local user=$1; shift
    if [ "$IS_ROOT" -eq 1 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

apt_install() {   # apt_install LOG PKG...
    local log=$1; shift
    [ "$IS_ROOT" -eq 1 ] || die "packages $* are missing and we are not root (install them with apt-get)"
    say "installing $* with apt-get (log: $(rel "$log"))"
    export DEBIAN_FRONTEND=noninteractive
    # Wait (up to 10 minutes) for another apt/dpkg run to release its lock instead of failing at once.
    local wait_lock=(-o DPkg::Lock::Timeout=600)
    if ! apt-get "${wait_lock[@]}" install -y "$@" >>"$log" 2>&1; then
        apt-get "${wait_lock[@]}" update >>"$log" 2>&1 || die "apt-get update failed"
        apt-get "${wait_lock[@]}" install -y "$@" >>"$log" 2>&1 || die "apt-get install $* failed"
    fi
}

# Tiny HTTP/JSON helper for the search node (python3 is in the base image; curl may not be).
search_py() {   # search_py MODE [ARGS...]
    python3 - "$@" <<'PY'
import json, sys, time, os, urllib.request, urllib.error

mode, url = sys.argv[1], sys.argv[2].rstrip("/")

def req(method, path, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(url + path, data=data, method=method,
                               headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=timeout) as resp:
        return json.loads(resp.read() or b"null")

TEXT = "Nghị định 42/2022/NĐ-CP về Hà Nội"
WANT = {"nghi", "dinh", "ha", "noi", "nd"}

def check_tokens(res, label):
    toks = {t["token"] for t in res["tokens"]}
    missing = WANT - toks
    if missing or any(not t.isascii() for t in toks):
        print(f"analysis check ({label}) failed: tokens {sorted(toks)} lack {sorted(missing)}", file=sys.stderr)
        sys.exit(2)

if mode == "cluster":          # prints cluster name if a node answers, else nothing
    try:
        print(req("GET", "/", timeout=2)["cluster_name"])
    except Exception:
        pass
elif mode == "wait":           # wait URL TIMEOUT PIDFILE [LAUNCHER_PID]
    timeout, pidfile = float(sys.argv[3]), sys.argv[4]
    launcher = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else None

    def alive(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
        except (FileNotFoundError, IndexError, ValueError):
            return False

    start = time.time(); last = None; next_report = start + 10
    while True:
        try:
            h = req("GET", "/_cluster/health?wait_for_status=yellow&timeout=2s", timeout=5)
            if h.get("status") in ("yellow", "green"):
                print(f"services: search node health {h['status']} after {time.time()-start:.0f}s")
                sys.exit(0)
            last = h.get("status")
        except Exception as e:
            last = type(e).__name__
        try:
            pid = int(open(pidfile).read().strip())
        except (FileNotFoundError, ValueError):
            pid = launcher    # pid file not written yet: watch the launcher
        if pid is not None and not alive(pid):
            print("search node process exited during start-up", file=sys.stderr); sys.exit(3)
        now = time.time()
        if now - start > timeout:
            print(f"search node not healthy after {timeout:.0f}s (last: {last})", file=sys.stderr); sys.exit(4)
        if now >= next_report:
            print(f"services: waiting for search node ({now-start:.0f}s, {last})", flush=True)
            next_report = now + 10
        time.sleep(1)
elif mode == "quick":          # inline _analyze, no index: cheap, run every time
    res = req("POST", "/_analyze", {
        "tokenizer": "standard",
        "filter": ["asciifolding", "lowercase",
                   {"type": "edge_ngram", "min_gram": 1, "max_gram": 15}],
        "text": TEXT})
    check_tokens(res, "inline edge_ngram")
elif mode == "full":           # index with Wagtail's analysis settings, analyse, delete
    index = "cong-services-selftest"
    settings = {"settings": {
        "analysis": {
            "analyzer": {
                "ngram_analyzer": {"type": "custom", "tokenizer": "standard",
                                   "filter": ["asciifolding", "lowercase", "ngram"]},
                "edgengram_analyzer": {"type": "custom", "tokenizer": "standard",
                                       "filter": ["asciifolding", "lowercase", "edgengram"]},
                "edgengram_tok_analyzer": {"type": "custom", "tokenizer": "edgengram_words",
                                           "filter": ["asciifolding", "lowercase"]},
            },
            "tokenizer": {
                "ngram_tokenizer": {"type": "ngram", "min_gram": 3, "max_gram": 15},
                # the two Wagtail defines (exactly as in its backend), plus one splitting on words
                "edgengram_tokenizer": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15,
                                        "side": "front"},
                "edgengram_words": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15,
                                    "token_chars": ["letter", "digit"]},
            },
            "filter": {
                "ngram": {"type": "ngram", "min_gram": 3, "max_gram": 15},
                "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
            },
        },
        "index": {"max_ngram_diff": 12, "number_of_shards": 1, "number_of_replicas": 0},
    }}
    try:
        req("DELETE", f"/{index}")
    except urllib.error.HTTPError:
        pass
    try:
        req("PUT", f"/{index}", settings, timeout=30)
        check_tokens(req("POST", f"/{index}/_analyze",
                         {"analyzer": "edgengram_analyzer", "text": TEXT}), "edgengram_analyzer")
        check_tokens(req("POST", f"/{index}/_analyze",
                         {"analyzer": "edgengram_tok_analyzer", "text": TEXT}), "edge_ngram tokenizer")
        toks = {t["token"] for t in req("POST", f"/{index}/_analyze",
                {"analyzer": "ngram_analyzer", "text": TEXT})["tokens"]}
        if not {"ngh", "nghi", "din", "dinh", "noi"} <= toks:
            print(f"analysis check (ngram_analyzer) failed: {sorted(toks)}", file=sys.stderr); sys.exit(2)
    except urllib.error.HTTPError as e:
        print(f"analysis check failed: HTTP {e.code} {e.read()[:500]!r}", file=sys.stderr); sys.exit(2)
    finally:
        try:
            req("DELETE", f"/{index}")
        except Exception:
            pass
PY
}

# ================================================================= PostgreSQL
pg_bin() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
    [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}
PG_USER=postgres

pg_running() { [ -f "$PG_DATA/PG_VERSION" ] && as_user "$PG_USER" "$PGBIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_cong_login() {
    PGPASSWORD=cong PGCONNECT_TIMEOUT=3 "$PGBIN/psql" -X -q -tA -h 127.0.0.1 -p "$PG_PORT" -U cong -d cong \
        -c 'select 1' >/dev/null
}

pg_start() {
    working_on "PostgreSQL" "$PG_LOG"
    mkdir -p "$PG_DIR/log"
    PGBIN=$(pg_bin || true)
    if [ -z "$PGBIN" ]; then
        apt_install "$PG_DIR/log/setup.log" postgresql
        PGBIN=$(pg_bin || true)
        [ -n "$PGBIN" ] || die "initdb not found after installing postgresql"
    fi
    [ "$IS_ROOT" -eq 1 ] || PG_USER=$(id -un)

    if pg_running; then
        say "postgres already running on 127.0.0.1:$PG_PORT"
    elif pg_cong_login 2>/dev/null; then
        # e.g. started by services.sh from another checkout on this machine: reuse it
        say "reusing the PostgreSQL server already listening on 127.0.0.1:$PG_PORT (not ours: 'stop' leaves it alone)"
        return
    else
        if [ ! -f "$PG_DATA/PG_VERSION" ]; then
            say "initialising PostgreSQL cluster in $(rel "$PG_DATA")"
            rm -rf "$PG_DATA"
            mkdir -p "$PG_DATA" "$PG_RUN"
            if [ "$IS_ROOT" -eq 1 ]; then chown -R "$PG_USER": "$PG_DIR"; fi
            chmod 700 "$PG_DATA"
            as_user "$PG_USER" "$PGBIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust \
                --auth-host=md5 --encoding=UTF8 --locale=C.UTF-8 >>"$PG_DIR/log/setup.log" 2>&1 \
                || { CURRENT_LOG="$PG_DIR/log/setup.log"; die "initdb failed"; }
            cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- cong test cluster (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 100
# throwaway test data: trade durability for speed
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        fi
        mkdir -p "$PG_RUN"
        if [ "$IS_ROOT" -eq 1 ]; then chown -R "$PG_USER": "$PG_DIR"; fi
        say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        as_user "$PG_USER" "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
            -o "-p $PG_PORT -k $PG_RUN" start >/dev/null 2>&1 9>&- || die "pg_ctl start did not bring the server up on 127.0.0.1:$PG_PORT"
    fi
    # role cong (CREATEDB so pytest-django can create test_cong) and database cong; idempotent
    as_user "$PG_USER" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$PG_PORT" -U postgres -d postgres >/dev/null 2>>"$PG_LOG" <<'SQL' \
        || die "could not create role/database cong"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cong') THEN
    CREATE ROLE cong LOGIN CREATEDB PASSWORD 'cong';
  END IF;
END $$;
-- the tests drop their scratch databases WITH (FORCE); an autovacuum worker busy on a freshly restored
-- database belongs to no role, so ending it needs pg_signal_backend
GRANT pg_signal_backend TO cong;
SELECT 'CREATE DATABASE cong OWNER cong' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'cong') \gexec
SQL
    pg_cong_login 2>>"$PG_LOG" || die "role cong cannot log in over TCP on 127.0.0.1:$PG_PORT"
}

pg_stop() {
    working_on "PostgreSQL" "$PG_LOG"
    PGBIN=$(pg_bin || true)
    [ "$IS_ROOT" -eq 1 ] || PG_USER=$(id -un)
    if [ -n "$PGBIN" ] && pg_running; then
        as_user "$PG_USER" "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null || die "pg_ctl stop failed"
        say "postgres stopped"
    else
        say "postgres not running"
    fi
}

# ================================================================= Redis
redis_ping() { command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_start() {
    working_on "Redis" "$REDIS_LOG"
    mkdir -p "$REDIS_DIR/log"
    if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
        apt_install "$REDIS_DIR/log/setup.log" redis-server
    fi
    if redis_ping; then
        say "redis already running on 127.0.0.1:$REDIS_PORT"
        return
    fi
    say "starting redis on 127.0.0.1:$REDIS_PORT"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
        --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_LOG" \
        --save "" --appendonly no >/dev/null 2>>"$REDIS_LOG" 9>&- || die "redis-server did not start"
    for _ in $(seq 50); do redis_ping && return; sleep 0.1; done
    die "redis-server is not answering on 127.0.0.1:$REDIS_PORT"
}

redis_stop() {
    working_on "Redis" "$REDIS_LOG"
    local pid=""
    [ -f "$REDIS_DIR/redis.pid" ] && pid=$(cat "$REDIS_DIR/redis.pid" 2>/dev/null || true)
    if redis_ping && { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; }; then
        say "a redis answers on 127.0.0.1:$REDIS_PORT but was not started from this checkout; left alone"
    elif redis_ping; then
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        for _ in $(seq 50); do redis_ping || { say "redis stopped"; return; }; sleep 0.1; done
        die "redis did not shut down"
    else
        say "redis not running"
    fi
}

# ================================================================= OpenSearch
search_pid_alive() {
    local pid
    [ -f "$SEARCH_PID" ] && pid=$(cat "$SEARCH_PID" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

search_install() {
    local setup="$SEARCH_LOGDIR/setup.log"
    if [ ! -f "$OS_DIST_ZIP" ] || [ ! -f "$OS_ANALYSIS_JAR" ]; then
        say "fetching OpenSearch $OPENSEARCH_VERSION from Maven Central (log: $(rel "$setup"))"
        command -v mvn >/dev/null || apt_install "$setup" maven
        for gav in "$OS_DIST_GAV" "$OS_ANALYSIS_GAV"; do
            (cd /tmp && mvn -B -q dependency:get -Dartifact="$gav" -Dtransitive=false) >>"$setup" 2>&1 \
                || { CURRENT_LOG="$setup"; die "mvn dependency:get $gav failed"; }
        done
    fi
    [ -x "$SEARCH_HOME/bin/opensearch" ] && [ -f "$SEARCH_HOME/modules/analysis-common/plugin-descriptor.properties" ] && return
    command -v unzip >/dev/null || apt_install "$setup" unzip
    say "unpacking OpenSearch $OPENSEARCH_VERSION into $(rel "$SEARCH_HOME")"
    local tmp="$SEARCH_DIR/.unpack.$$"
    rm -rf "$tmp" "$SEARCH_HOME"
    mkdir -p "$tmp"
    unzip -q "$OS_DIST_ZIP" -d "$tmp" >>"$setup" 2>&1 || { CURRENT_LOG="$setup"; die "unzip of $OS_DIST_ZIP failed"; }
    # The integ-test-zip ships only transport-netty4; add analysis-common (asciifolding, ngram,
    # edge_ngram, ...) as a module. Maven Central has the bare jar without a descriptor, so write one.
    # Its build declares extendedPlugins=['lang-painless'] only for the painless whitelist SPI
    # (script-based filters); all analysis components work without it, so extended.plugins is empty.
    local mod="$tmp/opensearch-$OPENSEARCH_VERSION/modules/analysis-common"
    mkdir -p "$mod"
    cp "$OS_ANALYSIS_JAR" "$mod/"
    cat >"$mod/plugin-descriptor.properties" <<EOF
description=Adds "built in" analyzers to OpenSearch.
version=$OPENSEARCH_VERSION
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$OPENSEARCH_VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
    mv "$tmp/opensearch-$OPENSEARCH_VERSION" "$SEARCH_HOME"
    rm -rf "$tmp"
}

search_configure() {
    mkdir -p "$SEARCH_CONF/jvm.options.d" "$SEARCH_DIR/data" "$SEARCH_DIR/tmp" "$SEARCH_LOGDIR"
    [ -f "$SEARCH_CONF/log4j2.properties" ] || cp "$SEARCH_HOME/config/log4j2.properties" "$SEARCH_CONF/"
    cat >"$SEARCH_CONF/opensearch.yml" <<EOF
# generated by scripts/services.sh
cluster.name: $SEARCH_CLUSTER
node.name: cong-node
path.data: $SEARCH_DIR/data
path.logs: $SEARCH_LOGDIR
network.host: 127.0.0.1
http.port: $SEARCH_PORT
transport.port: $SEARCH_TRANSPORT_PORT
discovery.type: single-node
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
    cat >"$SEARCH_CONF/jvm.options" <<EOF
# generated by scripts/services.sh (heap also set via OPENSEARCH_JAVA_OPTS)
-Xms$SEARCH_HEAP
-Xmx$SEARCH_HEAP
-XX:+UseG1GC
-XX:G1ReservePercent=25
-XX:InitiatingHeapOccupancyPercent=30
-Djava.io.tmpdir=\${OPENSEARCH_TMPDIR}
-XX:ErrorFile=$SEARCH_LOGDIR/hs_err_pid%p.log
-Xlog:gc*:file=$SEARCH_LOGDIR/gc.log:utctime,pid,tags:filecount=2,filesize=16m
18-:-Djava.security.manager=allow
20-:--add-modules=jdk.incubator.vector
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
EOF
}

# run search_py; on failure die with WHAT and the helper's one-line reason
search_py_checked() {   # search_py_checked WHAT MODE ARGS...
    local what=$1 err rc=0; shift
    { err=$(search_py "$@" 2>&1 1>&3 3>&-); } 3>&1 || rc=$?
    [ "$rc" -eq 0 ] || die "$what (${err//$'\n'/ })"
}

search_start() {
    working_on "Search (OpenSearch $OPENSEARCH_VERSION)" "$SEARCH_LOG"
    mkdir -p "$SEARCH_LOGDIR"
    local url="http://127.0.0.1:$SEARCH_PORT" name fresh=0 launcher=""
    name=$(search_py cluster "$url")
    if [ -n "$name" ] && [ "$name" != "$SEARCH_CLUSTER" ]; then
        die "port $SEARCH_PORT is taken by another search cluster ('$name')"
    fi
    if [ -z "$name" ] && ! search_pid_alive; then
        search_install
        search_configure
        local user
        if [ "$IS_ROOT" -eq 1 ]; then
            user=$SEARCH_USER
            id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$user"
            chown -R "$user": "$SEARCH_DIR"
        else
            user=$(id -un)
        fi
        command -v java >/dev/null || apt_install "$SEARCH_LOGDIR/setup.log" openjdk-17-jre-headless
        local java_home
        java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")") || die "java not found"
        say "starting OpenSearch $OPENSEARCH_VERSION on 127.0.0.1:$SEARCH_PORT as user $user (heap $SEARCH_HEAP)"
        rm -f "$SEARCH_PID"
        : >"$SEARCH_CONSOLE"
        if [ "$IS_ROOT" -eq 1 ]; then chown "$user": "$SEARCH_CONSOLE"; fi
        local -a launch=(env -u JAVA_TOOL_OPTIONS -u JAVA_OPTS
            OPENSEARCH_JAVA_HOME="$java_home" OPENSEARCH_PATH_CONF="$SEARCH_CONF"
            OPENSEARCH_TMPDIR="$SEARCH_DIR/tmp" OPENSEARCH_JAVA_OPTS="-Xms$SEARCH_HEAP -Xmx$SEARCH_HEAP"
            "$SEARCH_HOME/bin/opensearch" -p "$SEARCH_PID")
        if [ "$IS_ROOT" -eq 1 ]; then launch=(runuser -u "$user" -- "${launch[@]}"); fi
        (cd "$SEARCH_DIR" && exec setsid nohup "${launch[@]}" >>"$SEARCH_CONSOLE" 2>&1 </dev/null 9>&-) &
        launcher=$!
        fresh=1
    elif [ -n "$name" ]; then
        say "search node already running on $url"
    else
        say "search node process is up, waiting for it on $url"
    fi
    if [ "$fresh" -eq 1 ] || [ -z "$name" ]; then
        search_py_checked "node did not reach yellow/green health on $url" \
            wait "$url" "$SEARCH_TIMEOUT" "$SEARCH_PID" "$launcher"
    fi
    if [ "$fresh" -eq 1 ]; then
        search_py_checked "the analysis-common check (asciifolding/ngram/edge_ngram on an index) failed" full "$url"
        say "search analysis check passed (asciifolding + ngram + edge_ngram, index-level)"
    else
        search_py_checked "the quick analysis check (asciifolding + edge_ngram via _analyze) failed" quick "$url"
    fi
}

search_stop() {
    working_on "Search (OpenSearch $OPENSEARCH_VERSION)" "$SEARCH_LOG"
    if search_pid_alive; then
        local pid; pid=$(cat "$SEARCH_PID")
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
            say "search node did not stop within 60s; killed"
        else
            say "search node stopped"
        fi
        rm -f "$SEARCH_PID"
    elif [ -n "$(search_py cluster "http://127.0.0.1:$SEARCH_PORT")" ]; then
        say "a search node answers on 127.0.0.1:$SEARCH_PORT but was not started from this checkout; left alone"
    else
        say "search node not running"
    fi
}

# ================================================================= main
write_env() {
    local tmp="$SVC/env.tmp.$$"
    cat >"$tmp" <<EOF
# generated by scripts/services.sh — source me
export DATABASE_URL=postgres://cong:cong@127.0.0.1:$PG_PORT/cong
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export SEARCH_URL=http://127.0.0.1:$SEARCH_PORT
export SEARCH_ENGINE=opensearch2
EOF
    mv "$tmp" "$SVC/env"
}

# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
chromium_ensure() {
    working_on "Chromium (browser tests)" "$SVC/browser/setup.log"
    if command -v chromium >/dev/null; then return 0; fi
    mkdir -p "$SVC/browser"
    apt_install "$SVC/browser/setup.log" chromium
    say "chromium installed: $(chromium --version 2>/dev/null | head -1)"
}

status() {
    local rc=0 name
    PGBIN=$(pg_bin || true); [ "$IS_ROOT" -eq 1 ] || PG_USER=$(id -un)
    if [ -n "$PGBIN" ] && pg_running; then echo "postgres: up   127.0.0.1:$PG_PORT  (log $(rel "$PG_LOG"))"
    elif [ -n "$PGBIN" ] && pg_cong_login 2>/dev/null; then echo "postgres: up   127.0.0.1:$PG_PORT  (not started from this checkout)"
    else echo "postgres: down (log $(rel "$PG_LOG"))"; rc=3; fi
    if redis_ping; then echo "redis:    up   127.0.0.1:$REDIS_PORT  (log $(rel "$REDIS_LOG"))"
    else echo "redis:    down (log $(rel "$REDIS_LOG"))"; rc=3; fi
    name=$(search_py cluster "http://127.0.0.1:$SEARCH_PORT")
    if [ "$name" = "$SEARCH_CLUSTER" ]; then echo "search:   up   127.0.0.1:$SEARCH_PORT  OpenSearch $OPENSEARCH_VERSION (log $(rel "$SEARCH_LOG"))"
    elif search_pid_alive; then echo "search:   starting (log $(rel "$SEARCH_LOG"))"; rc=3
    else echo "search:   down (log $(rel "$SEARCH_LOG"))"; rc=3; fi
    return $rc
}

main() {
    local cmd="${1:-start}"
    mkdir -p "$SVC"
    [ -f "$SVC/.gitignore" ] || echo '*' >"$SVC/.gitignore"
    # one invocation at a time (daemons are started with fd 9 closed so they don't hold the lock)
    exec 9>"$SVC/.lock"
    flock -w 300 9 || { echo "services.sh: another services.sh run holds $(rel "$SVC/.lock")." >&2; exit 1; }
    case "$cmd" in
        start)
            local t0=$SECONDS
            pg_start
            redis_start
            search_start
            chromium_ensure
            working_on "services.sh" "$SVC"
            write_env
            say "all services up in $((SECONDS - t0))s; env written to $(rel "$SVC/env")"
            ;;
        stop)
            search_stop
            redis_stop
            pg_stop
            ;;
        status)
            local rc=0
            status || rc=$?
            exit "$rc"
            ;;
        *)
            echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
    esac
}

main "$@"

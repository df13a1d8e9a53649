# Sourced by tools/build-image and tools/test-packaging: starts a relay from a launcher in a
# temporary directory on a free loopback port, times it to its banner and to its listening port,
# and stops it with SIGINT as systemd does (KillSignal=SIGINT).
#
# After relay_smoke_smp/relay_smoke_xftp: SMOKE_BANNER_MS, SMOKE_LISTEN_MS (wall clock from the
# start command), SMOKE_CPU_MS (processor time until listening), SMOKE_EXIT (exit code after
# SIGINT), SMOKE_LOG (the relay's output); the function fails with a message on stderr, also when
# the running relay is not named after its launcher (/proc/PID/comm, pidof: issue 13 item 5).

# A loopback port nobody listens on; bash's /dev/tcp connect fails on a free port.
relay_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free loopback port found" >&2
  return 1
}

relay_now_ms() {
  echo $(($(date +%s%N) / 1000000))
}

# relay_cpu_ms PID: processor time (user and system, all threads) the process has used so far;
# unlike the wall-clock figures it hardly changes with what else the machine is doing.
relay_cpu_ms() {
  local stat ticks
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo "?"; return 0; }
  stat=${stat##*) }
  ticks=$(getconf CLK_TCK)
  # fields 14 and 15 (utime, stime) are the 12th and 13th after the command name
  set -- $stat
  echo $(((${12} + ${13}) * 1000 / ticks))
}

# relay_set_port INI PORT: the relays must not need root, so no port 443 in tests
relay_set_port() {
  sed -i -E "s/^port( *[:=] *).*/port\1$2/" "$1"
}

# relay_run_and_stop LAUNCHER BANNER_REGEX PORT LOG: starts LAUNCHER start, waits (30 s at most)
# for the banner and for the port to accept connections, then sends SIGINT and waits (30 s at
# most) for the process to exit. SMOKE_START_JAVA_OPTS, if set, replaces RELAYJ_JAVA_OPTS for start.
relay_run_and_stop() {
  local launcher="$1" banner="$2" port="$3" log="$4" pid t0 i
  SMOKE_LOG="$log"
  SMOKE_BANNER_MS="" SMOKE_LISTEN_MS="" SMOKE_CPU_MS="" SMOKE_EXIT="" SMOKE_COMM="" SMOKE_PIDOF=""
  t0=$(relay_now_ms)
  # a background job of a script starts with SIGINT ignored, and the JVM keeps it so: restore it
  RELAYJ_JAVA_OPTS="${SMOKE_START_JAVA_OPTS:-${RELAYJ_JAVA_OPTS:-}}" env --default-signal=INT \
    "$launcher" start >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 3000); do
    if [ -z "$SMOKE_BANNER_MS" ] && grep -sEq "$banner" "$log"; then
      SMOKE_BANNER_MS=$(($(relay_now_ms) - t0))
    fi
    if [ -n "$SMOKE_BANNER_MS" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      SMOKE_LISTEN_MS=$(($(relay_now_ms) - t0))
      SMOKE_CPU_MS=$(relay_cpu_ms "$pid")
      SMOKE_COMM=$(cat "/proc/$pid/comm" 2>/dev/null)
      SMOKE_PIDOF=$(pidof "$(basename "$launcher")")
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if [ -z "$SMOKE_LISTEN_MS" ]; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "$launcher start: no banner /$banner/ or no listener on port $port within 30 s; output:" >&2
    cat "$log" >&2
    return 1
  fi
  if [ "$SMOKE_COMM" != "$(basename "$launcher")" ] || ! grep -qw "$pid" <<<"$SMOKE_PIDOF"; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "$launcher start: the process is named '$SMOKE_COMM' (pidof $(basename "$launcher"): '$SMOKE_PIDOF', pid $pid)" >&2
    return 1
  fi
  kill -INT "$pid"
  for i in $(seq 1 3000); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "$launcher did not stop within 30 s of SIGINT" >&2
    return 1
  fi
  SMOKE_EXIT=0
  wait "$pid" || SMOKE_EXIT=$?
}

# relay_smoke_smp BIN_DIR WORK_DIR: init -y and start of smp-server from BIN_DIR under WORK_DIR.
relay_smoke_smp() {
  local bin="$1" dir="$2" port
  port=$(relay_free_port) || return 1
  mkdir -p "$dir"
  export SMP_SERVER_CFG_PATH="$dir/smp/etc" SMP_SERVER_LOG_PATH="$dir/smp/var"
  if ! "$bin/smp-server" init -y -l --ip 127.0.0.1 --no-password --disable-web >"$dir/smp-init.log" 2>&1; then
    echo "smp-server init failed:" >&2
    cat "$dir/smp-init.log" >&2
    return 1
  fi
  relay_set_port "$SMP_SERVER_CFG_PATH/smp-server.ini" "$port"
  relay_run_and_stop "$bin/smp-server" "^Serving SMP protocol on port $port " "$port" "$dir/smp-start.log"
}

# relay_smoke_xftp BIN_DIR WORK_DIR: init and start of xftp-server from BIN_DIR under WORK_DIR.
relay_smoke_xftp() {
  local bin="$1" dir="$2" port
  port=$(relay_free_port) || return 1
  mkdir -p "$dir"
  export XFTP_SERVER_CFG_PATH="$dir/xftp/etc" XFTP_SERVER_LOG_PATH="$dir/xftp/var"
  if ! "$bin/xftp-server" init -l --ip 127.0.0.1 -p "$dir/xftp/files" -q 1gb >"$dir/xftp-init.log" 2>&1; then
    echo "xftp-server init failed:" >&2
    cat "$dir/xftp-init.log" >&2
    return 1
  fi
  relay_set_port "$XFTP_SERVER_CFG_PATH/file-server.ini" "$port"
  relay_run_and_stop "$bin/xftp-server" "^Listening on port $port" "$port" "$dir/xftp-start.log"
}

# Sourced by tools/smp-server and tools/xftp-server: relay_exec NAME MAIN_CLASS ARGS... builds the
# jar when it is missing or older than the sources, then replaces the shell with the relay.
#
# The JVM runs as target/launchers/NAME, a symbolic link to the JDK's java launcher: the process
# is then called NAME (/proc/PID/comm, pidof NAME, ps), not java, as from the runtime image
# (tools/build-image). A link and not a copy: the launcher finds its libjli through its RPATH,
# $ORIGIN/../lib, which the kernel resolves from the link's target. RELAYJ_JAVA_OPTS adds JVM
# options, as the image's launchers do.
relay_exec() {
  local name="$1" main="$2" repo jar launcher
  shift 2
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  . "$repo/tools/java-home.sh"
  jar="$repo/target/relayj.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit)" ]; then
    bash "$repo/tools/build" >&2
  fi
  launcher="$repo/target/launchers/$name"
  if [ "$(readlink "$launcher" 2>/dev/null)" != "$JAVA_HOME/bin/java" ]; then
    mkdir -p "$repo/target/launchers"
    # another start may be making the same link: create it aside, then rename over
    ln -sfn "$JAVA_HOME/bin/java" "$launcher.$$"
    mv -T "$launcher.$$" "$launcher"
  fi
  # idle connections give back Bouncy Castle's record buffer (dev.relayj.tls.IdleReleasingInput);
  # NaCl's MACs run on the JDK's intrinsic Poly1305 (dev.relayj.crypto.JdkPoly1305)
  # shellcheck disable=SC2086 # RELAYJ_JAVA_OPTS is a list of options
  exec "$launcher" ${RELAYJ_JAVA_OPTS:-} --add-opens org.bouncycastle.tls/org.bouncycastle.tls=dev.relayj \
    --add-opens java.base/com.sun.crypto.provider=dev.relayj \
    --module-path "$jar:$repo/target/lib" -m "dev.relayj/$main" "$@"
}

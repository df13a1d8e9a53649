# Sourced by the other tools: exports JAVA_HOME pointing at a JDK >= 21.
# Honours JAVA_HOME when it is new enough, else takes the newest JDK under /usr/lib/jvm.

relayj_java_feature() {
  # prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

relayj_find_jdk() {
  local required=21 best="" best_version=0 candidate version
  if [ -n "${JAVA_HOME:-}" ]; then
    version=$(relayj_java_feature "$JAVA_HOME")
    if [ -n "$version" ] && [ "$version" -ge "$required" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(relayj_java_feature "$candidate")
    [ -n "$version" ] || continue
    if [ "$version" -ge "$required" ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}

if ! RELAYJ_JDK=$(relayj_find_jdk); then
  echo "relayj needs a JDK 21 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm (for example: apt-get install openjdk-21-jdk-headless)." >&2
  exit 1
fi
export JAVA_HOME="$RELAYJ_JDK"
export PATH="$JAVA_HOME/bin:$PATH"

# Sourced by ./hub and bench/run: picks a JDK 21 or newer (JAVA_HOME, the java on PATH, or the newest
# under /usr/lib/jvm), since the project targets Java 21 and the machine's default java may be older.

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }

pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${dir%/}"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] && [ "$(java_major "$home" || echo 0)" -ge 21 ]; then
      echo "$home"; return 0
    fi
  done
  echo "No JDK 21 or newer found: set JAVA_HOME to one" >&2
  return 1
}

# The hub's JVM options unless HUB_JAVA_OPTS gives others. Its live heap is about 60 MiB after a mixed
# load at a million stored messages (docs/benchmark.md), so a 256 MiB heap leaves room while keeping
# the process well under 512 MiB resident, where the JVM's default (a quarter of the machine's memory)
# let it grow past that; the serial collector costs the least memory of its own and, on such a heap,
# pauses for milliseconds. A deployment sets its own through HUB_JAVA_OPTS or its launcher.
hub_java_opts() {
  echo "${HUB_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"
}

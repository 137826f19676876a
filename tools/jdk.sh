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

# The hub's start is mostly the JVM loading and linking some 20 000 classes. Spring Boot's extracted
# layout (the application jar beside its libraries) lets the JVM keep them in a class-data archive made
# by one training run, which it maps at the next start instead of loading them again: the JDK 25 AOT
# cache (classes loaded and linked, with their profiles) or, on JDK 21–24, a dynamic AppCDS archive.
# About half the start (docs/benchmark.md). The archive belongs to one build and one JVM: made again
# whenever the jar changes; if it cannot be made, the hub starts without it, only slower.

# hub_prepare JAR DIR: extracts JAR into DIR (once per build) and makes its class-data archive there.
hub_prepare() {
  local jar dir stamp
  jar=$(readlink -f "$1")
  dir=$(readlink -f "$2")
  stamp="$(cksum <"$jar") $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1) $(hub_java_opts)"
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
    return 0
  fi
  rm -rf "$dir"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  hub_train "$dir/$(basename "$jar")" || echo "hub: no class-data archive this time (the hub starts without it, slower)" >&2
  echo "$stamp" >"$dir/.stamp"
}

# hub_train JAR: starts the hub once on a throw-away database until its context is up, recording the
# classes it loads into the archive beside JAR.
hub_train() {
  local jar=$1 data port log
  data=$(mktemp -d "${TMPDIR:-/tmp}/enquiry-hub-training.XXXXXX")
  port=$(free_port)
  log="$(dirname "$jar")/training.log"
  echo "hub: making the class-data archive for this build (a training start, once per build; log: $log)" >&2
  # shellcheck disable=SC2046  # the JVM options are lists
  (cd "$data" && timeout 300 "$JAVA_HOME/bin/java" $(hub_java_opts) $(hub_archive_opts record "$jar") -Dspring.context.exit=onRefresh \
    -jar "$jar" --server.address=127.0.0.1 --server.port=0 --hub.embedded-db.port="$port" \
    --hub.embedded-db.data-dir="$data/postgres" >"$log" 2>&1)
  local status=$?
  rm -rf "$data"
  [ $status -eq 0 ] && [ -s "$(hub_archive "$jar")" ]
}

# hub_archive_opts record|use JAR: the JVM options that make, or use, the archive of JAR.
hub_archive_opts() {
  local archive
  archive=$(hub_archive "$2")
  if [ "$1" = record ]; then
    if [ "$(java_major "$JAVA_HOME")" -ge 25 ]; then echo "-XX:AOTCacheOutput=$archive"; else echo "-XX:ArchiveClassesAtExit=$archive"; fi
  elif [ -s "$archive" ]; then
    if [ "$(java_major "$JAVA_HOME")" -ge 25 ]; then echo "-XX:AOTCache=$archive"; else echo "-XX:SharedArchiveFile=$archive"; fi
  fi
}

hub_archive() {
  if [ "$(java_major "$JAVA_HOME")" -ge 25 ]; then echo "${1%.jar}.aot"; else echo "${1%.jar}.jsa"; fi
}

# free_port: a TCP port nothing listens on at the moment, in a range where nothing registered lives.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

# The C library's allocator keeps an arena per thread that allocates, up to eight per core, each holding
# freed memory of its own; the hub's memory is the JVM's heap and arenas, so two arenas are enough and
# keep the resident size down (docs/benchmark.md). A deployment may set its own.
hub_process_env() {
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
}

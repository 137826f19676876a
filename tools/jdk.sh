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

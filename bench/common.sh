# Sourced by the load scripts: shell helpers they share.

wait_health() { # port [log]: the server answers /health before the bot is trained; its log says when it serves
  for _ in $(seq 1 300); do
    if curl -fs "http://localhost:$1/health" >/dev/null && { [ -z "${2:-}" ] || grep -q "serving on" "$2"; }; then
      return 0
    fi
    sleep 1
  done
  echo "no health answer on port $1" >&2; return 1
}

cpu_of() { # pid: user + system CPU seconds the process has used so far (-1 when it is gone)
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo -1
}

wait_for_line() { # pid log pattern: until the log has the pattern or the process has ended
  until grep -q "$3" "$2" 2>/dev/null || ! kill -0 "$1" 2>/dev/null; do
    sleep 0.1
  done
}

gatling_build() { # build-log: compiles bench/gatling (a separate Maven project) and sets GATLING_CP
  local dir="$ROOT/bench/gatling"
  JAVA_HOME="$(dirname "$(dirname "$JAVA")")" mvn -B -q -f "$dir/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >"$1" 2>&1 || { cat "$1" >&2; return 1; }
  GATLING_CP="$dir/target/test-classes:$(cat "$dir/target/cp.txt")"
}

gatling_start() { # url users warmup-s seconds report-folder log: WidgetTurnsSimulation in the background; sets GATLING_PID
  # the JVM options Gatling's own launcher uses
  "$JAVA" -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    -Dbench.url="$1" -Dbench.users="$2" -Dbench.warmup="$3" -Dbench.seconds="$4" \
    -Dbench.texts="${TEXTS:-$ROOT/bench/messages.txt}" -cp "$GATLING_CP" io.gatling.app.Gatling \
    -s dev.chatbot.bench.gatling.WidgetTurnsSimulation -rf "$5" >"$6" 2>&1 &
  GATLING_PID=$!
}

#!/usr/bin/env bash
# Runs a triax Spark job embedded in this JVM (master local[*] unless --master); builds the job jar
# (mvn package, tests skipped) when it is missing or older than the sources. On a cluster use
# spark-submit with triax-spark/target/triax-spark.jar instead (README, "Spark").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/triax-spark/target"
jar="$target/triax-spark.jar"
if [[ ! -f "$jar" || ! -f "$target/spark.classpath" || -n "$(find "$here/triax-core/src/main" "$here/triax-spark/src/main" \
      "$here/triax-core/pom.xml" "$here/triax-spark/pom.xml" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "building triax-spark (mvn package)..." >&2
  (cd "$here" && mvn -q -B package -DskipTests -pl triax-spark -am) >&2
fi
# The class path (the job jar + Spark's ~150 jars, ~14 KB) goes in a java @argfile, never on the
# command line: ONNX Runtime 1.29.0 crashes the JVM (SIGSEGV, no hs_err) when the command line is
# longer than ~3.9 KB. java17.args: the --add-opens Spark needs on Java 17 (Spark's JavaModuleOptions).
args="$target/launch.args"
if [[ ! -f "$args" || "$target/spark.classpath" -nt "$args" ]]; then
  tmp="$(mktemp "$target/.launch.args.XXXXXX")"
  printf -- '-cp\n"%s:%s"\n' "$jar" "$(cat "$target/spark.classpath")" > "$tmp"
  mv -f "$tmp" "$args"
fi
exec java @"$here/triax-spark/java17.args" -Dlog4j2.configurationFile="$here/triax-spark/log4j2.properties" \
  ${TRIAX_JAVA_OPTS:-} @"$args" org.triax.spark.TriaxSpark "$@"

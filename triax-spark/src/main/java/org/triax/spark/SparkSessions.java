package org.triax.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The session a triax job runs in: spark-submit's, or an embedded one on this machine. */
final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * Under spark-submit the master and settings come from it; run directly (./triax-spark), the
     * job is embedded: {@code master} ({@code local[*]} unless given), Spark's UI off.
     */
    static SparkSession open(String app, String master) {
        SparkConf conf = new SparkConf();
        boolean embedded = !conf.contains("spark.master"); // spark-submit sets it
        if (master != null) {
            conf.setMaster(master);
        } else if (embedded) {
            conf.setMaster("local[*]");
        }
        if (embedded && !conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false"); // a one-command run needs no web UI; a cluster's keeps its own
        }
        return SparkSession.builder().appName(app).config(conf).getOrCreate();
    }
}

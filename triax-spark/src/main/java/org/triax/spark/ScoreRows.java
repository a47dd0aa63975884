package org.triax.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.triax.artifact.UnknownState;
import org.triax.predict.Verdict;

import static org.apache.spark.sql.functions.col;

/**
 * The tables ScoreJob writes. {@code verdicts}: one row per recording, the columns of {@code
 * triax predict --format csv} (recording, verdict, probability, windows, {@code p_<class>}, {@code
 * share_<class>}, unknown_share, unknown_distance, unknown_reason, error). {@code windows}: one row
 * per window (recording, window, start_sample in the model's sampling rate, {@code p_<class>}).
 */
final class ScoreRows {
    /** The tables (folders of the output). */
    static final String VERDICTS = "verdicts", WINDOWS = "windows";

    private ScoreRows() {
    }

    /** The verdict columns and a nested array of the recording's windows (split into two tables on writing). */
    static StructType scored(List<String> classes) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("recording", DataTypes.StringType, false),
                DataTypes.createStructField("verdict", DataTypes.StringType, true),
                DataTypes.createStructField("probability", DataTypes.DoubleType, true),
                DataTypes.createStructField("windows", DataTypes.IntegerType, false)));
        classes.forEach(c -> f.add(DataTypes.createStructField("p_" + c, DataTypes.DoubleType, true)));
        classes.forEach(c -> f.add(DataTypes.createStructField("share_" + c, DataTypes.DoubleType, true)));
        f.add(DataTypes.createStructField("unknown_share", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("unknown_distance", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("unknown_reason", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        StructType window = DataTypes.createStructType(List.of(
                DataTypes.createStructField("window", DataTypes.IntegerType, false),
                DataTypes.createStructField("start_sample", DataTypes.LongType, false),
                DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
        f.add(DataTypes.createStructField("window_scores", DataTypes.createArrayType(window, false), false));
        return DataTypes.createStructType(f);
    }

    /** A scored recording: its verdict and every window's probabilities, {@code hop} samples apart. */
    static Row row(Verdict v, float[][] windowProbabilities, int hop) {
        List<Object> values = verdictValues(v);
        // arrays, not java.util.List: Spark's row encoder takes Scala Seqs or Java arrays
        Row[] windows = new Row[windowProbabilities.length];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = RowFactory.create(i, (long) i * hop, windowProbabilities[i]);
        }
        values.add(windows);
        return RowFactory.create(values.toArray());
    }

    /** A recording that could not be scored: an error row, no windows. */
    static Row failed(Verdict v) {
        List<Object> values = verdictValues(v);
        values.add(new Row[0]);
        return RowFactory.create(values.toArray());
    }

    private static List<Object> verdictValues(Verdict v) {
        List<Object> values = new ArrayList<>(List.of(v.recording()));
        values.add(v.predicted());
        values.add(v.ok() ? v.probability() : null);
        values.add(v.windows());
        for (int pass = 0; pass < 2; pass++) {
            double[] d = pass == 0 ? v.meanProbabilities() : v.windowShare();
            for (int c = 0; c < v.classes().size(); c++) {
                values.add(v.ok() ? d[c] : null);
            }
        }
        UnknownState.Check u = v.unknownState();
        values.add(u == null ? null : u.share());
        values.add(u == null ? null : u.distance());
        values.add(u == null ? null : u.reason());
        values.add(v.error());
        return values;
    }

    /** The {@code windows} table's columns, from the exploded {@code window_scores} struct {@code w}. */
    static Column[] windowColumns(List<String> classes) {
        List<Column> cols = new ArrayList<>(List.of(col("recording"), col("w.window").as("window"),
                col("w.start_sample").as("start_sample")));
        for (int c = 0; c < classes.size(); c++) {
            cols.add(col("w.probabilities").getItem(c).as("p_" + classes.get(c)));
        }
        return cols.toArray(Column[]::new);
    }
}

/**
 * triax on Apache Spark: a shell beside {@code cli}, over the same library calls. {@link
 * org.triax.spark.ScoreJob} scores recordings from any Hadoop file system into Parquet; {@link
 * org.triax.spark.PrepareJob} turns recordings into the spectrogram shards the out-of-core trainer
 * reads. Spark itself is {@code provided}: the job jar holds triax and the libraries Spark lacks.
 */
package org.triax.spark;

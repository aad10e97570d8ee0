package dev.nn.spark;

import java.io.Serializable;

/**
 * What every task of one distributed run needs to find or rebuild its part of the run: the resolved
 * experiment as YAML (paths absolute), how the samples are laid out over the parts, where they come from,
 * and a test hook.
 *
 * @param id tells the runs of one JVM apart; executors cache their part under it
 * @param experimentYaml the resolved experiment, as {@code experiment.yaml} of the run directory holds it
 * @param partitions the number of parts
 * @param failRound the round r (from 1) whose first attempt at part 0 fails on purpose, to show that a retried
 *     task changes nothing; −r: every attempt of round r fails, as when an executor is lost for good; 0 for
 *     none (set by {@code spark.nn.test.failRound})
 * @param layout which global sample indices each part holds
 * @param frame the shape of rows a part reads from its partition of a data frame, or {@code null} when the
 *     parts are cut from the experiment's own data sources
 * @param driverFiles the data files the driver read and their hashes, which an executor that reads the sources
 *     itself checks its copies against; {@code null} for a data frame
 */
record RunJob(String id, String experimentYaml, int partitions, long failRound, PartLayout layout, FrameShape frame,
    DriverFiles driverFiles) implements Serializable {
  private static final long serialVersionUID = 3L;
}

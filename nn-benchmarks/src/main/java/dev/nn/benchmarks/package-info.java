/**
 * JMH benchmarks of the kernel layer. Build {@code nn-benchmarks/target/benchmarks.jar} with
 * {@code mvn -pl nn-benchmarks -am package} and run it by hand, e.g.
 * {@code java -jar nn-benchmarks/target/benchmarks.jar GemmBenchmark -p kernels=blas1,java1 -p shape=NN:128:512:784};
 * a build never runs them.
 */
package dev.nn.benchmarks;

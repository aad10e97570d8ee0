package dev.nn.tests.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.HasDependencies;
import com.google.inject.util.Modules;
import dev.nn.core.bench.Benchmark;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.data.DataException;
import dev.nn.core.experiment.ExperimentGradientCheck;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainerFactory;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.inject.NnModules;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** The experiment YAML wired by Guice into a run, with test modules replacing collaborators. */
class GuiceWiringTests {
  private static final Path XOR = Path.of("..", "examples", "xor.yaml");
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  @TempDir
  Path tmp;

  private Experiment xor(String... overrides) throws Exception {
    return new ExperimentReader(registry).read(XOR, List.of(overrides));
  }

  private TrainingRun.Options into(Path dir) {
    return new TrainingRun.Options(dir, null, List.of(), List.of(), "test");
  }

  @Test
  void theInjectorBuildsATrainerThatLearnsXor() throws Exception {
    Injector injector = NnModules.injector(NnModules.forRun(xor(), registry));
    Trainer trainer = injector.getInstance(TrainerFactory.class).create(List.of());
    PreparedData data = injector.getInstance(PreparedData.class);
    assertSame(injector.getInstance(Network.class), trainer.network());
    assertEquals(1, data.train().targetCount(), "two classes become one 0/1 target for binary-cross-entropy");
    TrainingResult r = trainer.train(data.trainSamples(), data.validationSamples(), data.classification());
    assertEquals(40, r.epochs().size());
    assertTrue(r.last().trainLoss() < 0.3 * r.epochs().get(0).trainLoss(),
        "loss " + r.epochs().get(0).trainLoss() + " -> " + r.last().trainLoss());
  }

  @Test
  void aFixedClockNamesTheRunDirectoryAndIsWhatProvenanceRecords() throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    Module module = Modules.override(NnModules.forRun(xor(), registry, into(tmp)))
        .with(binder -> binder.bind(Clock.class).toInstance(fixed));
    TrainingRun.Result result = NnModules.create(TrainingRun.class, module).run();
    assertEquals("xor-20260102-030405", result.directory().path().getFileName().toString());
    String provenance = Files.readString(result.directory().path().resolve(RunDirectory.PROVENANCE));
    assertTrue(provenance.contains("2026-01-02T03:04:05Z"), provenance);
  }

  @Test
  void aMockListenerBoundByATestModuleHearsEveryEpochInOrder() throws Exception {
    TrainingListener listener = mock(TrainingListener.class);
    Injector injector = NnModules.injector(NnModules.forRun(xor(), registry),
        binder -> Multibinder.newSetBinder(binder, TrainingListener.class).addBinding().toInstance(listener));
    Trainer trainer = injector.getInstance(TrainerFactory.class).create(List.of());
    PreparedData data = injector.getInstance(PreparedData.class);
    trainer.train(data.trainSamples(), null, true);
    InOrder order = inOrder(listener);
    order.verify(listener).onStart(trainer);
    order.verify(listener, times(40)).onEpochEnd(any(Trainer.class), any(EpochReport.class));
    order.verify(listener).onEnd(any(Trainer.class), any(TrainingResult.class));
  }

  @Test
  void aRunWhoseDataCannotBeReadLeavesNoRunDirectory() throws Exception {
    Path yaml = tmp.resolve("missing-data.yaml");
    Files.writeString(yaml, Files.readString(XOR).replace("{source: generator, name: xor, samples: 200, noise: 0.1}",
        "{source: csv, path: missing.csv, target: label, task: classification}"));
    Experiment e = new ExperimentReader(registry).read(yaml, List.of());
    Path out = tmp.resolve("runs");
    assertThrows(DataException.class,
        () -> NnModules.create(TrainingRun.class, NnModules.forRun(e, registry, into(out))));
    assertTrue(!Files.exists(out) || isEmpty(out), "the data error came before any run directory was made");
  }

  @Test
  void everyBindingIsUsedByAnEntryPoint() throws Exception {
    Module module = NnModules.forRun(xor(), registry);
    Injector injector = NnModules.injector(module);
    Set<Key<?>> reached = new HashSet<>();
    Deque<Key<?>> todo = new ArrayDeque<>();
    for (Class<?> entry : List.of(TrainingRun.class, Benchmark.class, ExperimentGradientCheck.class)) {
      todo.add(Key.get(entry));
    }
    while (!todo.isEmpty()) {
      Key<?> key = todo.pop();
      if (!reached.add(key)) {
        continue;
      }
      Binding<?> binding = injector.getBinding(key);
      if (binding instanceof HasDependencies) {
        for (Dependency<?> d : ((HasDependencies) binding).getDependencies()) {
          todo.add(d.getKey());
        }
      }
    }
    for (Element element : Elements.getElements(module)) {
      if (element instanceof Binding && ((Binding<?>) element).getKey().getAnnotationType() == null) {
        Key<?> bound = ((Binding<?>) element).getKey();
        String type = bound.getTypeLiteral().toString();
        if (type.contains("? extends") || type.startsWith("java.util.Collection<")) {
          continue; // Guice's own views of the one Set<TrainingListener> a Multibinder binds
        }
        assertTrue(reached.contains(bound), bound + " is bound but nothing uses it");
      }
    }
  }

  private static boolean isEmpty(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}

package dev.nn.tests.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.inject.NnModules;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import dev.nn.core.train.TrainingResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The experiment YAML wired by Guice into a trainer, with test modules replacing collaborators. */
class GuiceWiringTests {
  private static final Path XOR = Path.of("..", "examples", "xor.yaml");
  private final PluginRegistry registry = PluginRegistry.loadDefault();

  private Experiment xor() throws Exception {
    return new ExperimentReader(registry::providers).read(XOR, List.of());
  }

  @Test
  void theInjectorBuildsATrainerThatLearnsXor() throws Exception {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, NnModules.forRun(xor(), registry));
    Trainer trainer = injector.getInstance(Trainer.class);
    PreparedData data = injector.getInstance(PreparedData.class);
    assertSame(injector.getInstance(Network.class), trainer.network());
    assertEquals(1, data.train().targetCount(), "two classes become one 0/1 target for binary-cross-entropy");
    TrainingResult r = trainer.train(data.trainSamples(), data.validationSamples(), data.classification());
    assertEquals(40, r.epochs().size());
    assertTrue(r.last().trainLoss() < 0.3 * r.epochs().get(0).trainLoss(),
        "loss " + r.epochs().get(0).trainLoss() + " -> " + r.last().trainLoss());
  }

  @Test
  void aTestModuleOverridesTheClock() throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    Injector injector = Guice.createInjector(Modules.override(NnModules.forRun(xor(), registry))
        .with(binder -> binder.bind(Clock.class).toInstance(fixed)));
    assertSame(fixed, injector.getInstance(Clock.class));
  }

  @Test
  void aMockListenerBoundByATestModuleHearsEveryEpochInOrder() throws Exception {
    TrainingListener listener = mock(TrainingListener.class);
    Injector injector = Guice.createInjector(NnModules.forRun(xor(), registry),
        binder -> Multibinder.newSetBinder(binder, TrainingListener.class).addBinding().toInstance(listener));
    Trainer trainer = injector.getInstance(Trainer.class);
    PreparedData data = injector.getInstance(PreparedData.class);
    trainer.train(data.trainSamples(), null, true);
    InOrder order = inOrder(listener);
    order.verify(listener).onStart(trainer);
    order.verify(listener, times(40)).onEpochEnd(any(Trainer.class), any(EpochReport.class));
    order.verify(listener).onEnd(any(Trainer.class), any(TrainingResult.class));
  }
}

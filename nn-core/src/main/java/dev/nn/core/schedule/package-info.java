/**
 * Learning-rate schedules η(t): constant, step, exponential, inverse-time and cosine.
 *
 * <p>Schedules belong to the core, not to plugins: the experiment reader checks {@code learning-rate}
 * and {@code schedule} in the optimizer's YAML mapping once and records them as a {@link
 * dev.nn.core.config.ScheduleSpec}; {@link dev.nn.core.schedule.LearningRateSchedules} turns that typed
 * record, without checking it again, into a {@link dev.nn.core.schedule.LearningRateSchedule},
 * and passes η(t) to every {@link dev.nn.api.Optimizer.Updater#step}. A schedule is a pure function of
 * the update and epoch numbers, so resuming a run needs no schedule state. Formulas follow PyTorch's
 * {@code torch.optim.lr_scheduler} closed forms.
 *
 * <p>Of its public types, {@link dev.nn.core.schedule.LearningRateSchedule} is the Java API; the others are the
 * engine's internal API, public for nn's other packages, not for applications.
 */
package dev.nn.core.schedule;

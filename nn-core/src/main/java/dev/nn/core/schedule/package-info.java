/**
 * Learning-rate schedules η(t): constant, step, exponential, inverse-time and cosine.
 *
 * <p>Schedules belong to the core, not to plugins: the core reads {@code learning-rate} and
 * {@code schedule} from the optimizer's YAML mapping, builds a {@link
 * dev.nn.core.schedule.LearningRateSchedule} with {@link dev.nn.core.schedule.LearningRateSchedules},
 * and passes η(t) to every {@link dev.nn.api.Optimizer.Updater#step}. A schedule is a pure function of
 * the update and epoch numbers, so resuming a run needs no schedule state. Formulas follow PyTorch's
 * {@code torch.optim.lr_scheduler} closed forms.
 */
package dev.nn.core.schedule;

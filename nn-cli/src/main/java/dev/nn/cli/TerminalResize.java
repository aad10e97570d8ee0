package dev.nn.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Tells whether the terminal was resized since it was last asked, from the SIGWINCH a terminal sends to its
 * foreground process. Without it a progress line drawn for a wider window wraps on every redraw until the
 * width is read again, and each wrap leaves a stale line behind.
 *
 * <p>The JDK's only way to take a signal is {@code sun.misc.Signal} (module jdk.unsupported). It is reached by
 * reflection because the build treats warnings as errors and javac warns of that class on every use; where
 * it is missing or the signal is unknown (not a Unix), nothing is registered and the width is read on a timer
 * alone.
 */
final class TerminalResize {
  private static volatile boolean resized;
  private static boolean registered;

  private TerminalResize() {}

  /** Starts listening for SIGWINCH, once per JVM; true when it listens. */
  static synchronized boolean listen() {
    if (!registered) {
      registered = register();
    }
    return registered;
  }

  /** Whether a resize arrived that {@link #resizedSinceAsked} has not yet told of; clears nothing. */
  static boolean resizePending() {
    return resized;
  }

  /** Whether a resize arrived since the last call; clears it. */
  static boolean resizedSinceAsked() {
    boolean was = resized;
    resized = false;
    return was;
  }

  private static boolean register() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object winch = signal.getConstructor(String.class).newInstance("WINCH");
      InvocationHandler onSignal = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          resized = true;
          return null;
        }
        // Object's methods, should anything ask the proxy
        return switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> "nn terminal resize";
        };
      };
      Object h = Proxy.newProxyInstance(TerminalResize.class.getClassLoader(), new Class<?>[] {handler}, onSignal);
      signal.getMethod("handle", signal, handler).invoke(null, winch, h);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}

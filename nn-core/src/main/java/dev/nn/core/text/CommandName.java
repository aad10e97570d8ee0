package dev.nn.core.text;

/**
 * How the user runs nn, for the commands a message gives to copy ("resume the run with: nn train --resume DIR"):
 * {@code nn} when that is on the PATH, or the launcher by its absolute path (for {@code ./nn} in a checkout), which
 * the {@code nn} script says in {@code NN_COMMAND}. Messages read it as they are written; a JVM started without the
 * script (the Java API, tests) says {@code nn}.
 */
public final class CommandName {
  /** The environment variable the launcher sets. */
  public static final String VARIABLE = "NN_COMMAND";

  private CommandName() {}

  /** The command that runs nn here; {@code nn} unless the launcher says otherwise with a name safe to paste. */
  public static String of() {
    String typed = System.getenv(VARIABLE);
    // a name with spaces or characters a shell would read otherwise is not offered to be pasted
    return typed != null && typed.matches("[A-Za-z0-9_./+-]+") ? typed : "nn";
  }
}

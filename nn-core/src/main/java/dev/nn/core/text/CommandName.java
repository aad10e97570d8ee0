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

  /** {@code word} as one word a POSIX shell reads back as it is: bare when it is plain, else in single quotes. */
  public static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./:=,@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /** {@code nn train --resume FOLDER}, to paste: a folder with a space was pasted as two arguments. */
  public static String resume(Object folder) {
    return of() + " train --resume " + shellWord(folder.toString());
  }
}

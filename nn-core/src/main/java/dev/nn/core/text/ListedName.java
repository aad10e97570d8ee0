package dev.nn.core.text;

/**
 * A name as an item of a list a message joins with ", ": bare, or in double quotes (its own doubled, as CSV writes
 * them) when it holds a comma or a quote or starts or ends with a space, where it would read as two names or
 * none ({@code sepal, length} among the columns, {@code Iris, "setosa"} among the classes).
 */
public final class ListedName {
  private ListedName() {}

  /** {@code name}, quoted when a list would not show where it ends. */
  public static String of(String name) {
    boolean ambiguous = name.indexOf(',') >= 0 || name.indexOf('"') >= 0 || name.isEmpty()
        || !name.equals(name.strip());
    return ambiguous ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
  }
}

package dev.nn.core.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The C library's environment of this process — what native code reads with {@code getenv} — read and changed
 * through JavaCPP, for OpenBLAS, which reads {@code OPENBLAS_CORETYPE} once, when it is loaded.
 *
 * <p>Java has no {@code setenv}: {@link System#getenv} is a copy made when the JVM started, which this class
 * neither reads nor changes (so {@link ProcessBuilder} children still inherit the environment nn was given).
 * JavaCPP exposes no {@code setenv} either, but it does expose {@code dlsym} ({@link Loader#addressof}) and raw
 * memory, which is all it takes: the C library keeps its environment in the global {@code char **environ}, a
 * null-terminated array of "NAME=value" strings. A change builds a new array in memory of its own (the strings
 * kept are shared, new ones are allocated) and then stores its address in {@code environ} with one
 * pointer-sized write, so a thread reading the environment meanwhile sees either the old array, left intact, or
 * the new one. The memory is never freed (a few hundred bytes a change), as with glibc's own {@code setenv}, and
 * glibc's {@code setenv} and {@code unsetenv} keep working on the new array.
 *
 * <p>Linux (glibc) only, like the bundled OpenBLAS. No JVM flags are needed.
 */
final class NativeEnvironment {
  private NativeEnvironment() {}

  /** The value of {@code name} in the C environment, or null if it is not set there. */
  static String get(String name) {
    byte[] prefix = (name + "=").getBytes(StandardCharsets.ISO_8859_1);
    for (Pointer entry : entries(cell().get(0L))) {
      byte[] text = new BytePointer(entry).getStringBytes();
      if (startsWith(text, prefix)) {
        return new String(text, prefix.length, text.length - prefix.length, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /**
   * Sets and removes variables in the C environment: each name given a value is set to it (replacing the
   * variable if it is set), each name given null is removed. Nothing is written if nothing would change.
   *
   * @param changes names (without '=') and their new values, null to remove
   */
  static void apply(Map<String, String> changes) {
    Map<String, String> wanted = new LinkedHashMap<>(changes);
    for (String name : wanted.keySet()) {
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("not an environment variable name: '" + name + "'");
      }
      String value = wanted.get(name);
      if (value != null && value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an environment value cannot hold a NUL character: " + name);
      }
    }
    PointerPointer<Pointer> cell = cell();
    List<Pointer> kept = new ArrayList<>();
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (Pointer entry : entries(cell.get(0L))) {
      byte[] text = new BytePointer(entry).getStringBytes();
      String name = nameOf(text);
      if (name != null && wanted.containsKey(name)) {
        found.computeIfAbsent(name, n -> new ArrayList<>()).add(
            new String(text, name.length() + 1, text.length - name.length() - 1, StandardCharsets.ISO_8859_1));
      } else {
        kept.add(entry);
      }
    }
    boolean changed = false;
    for (Map.Entry<String, String> change : wanted.entrySet()) {
      List<String> now = found.getOrDefault(change.getKey(), List.of());
      changed |= !now.equals(change.getValue() == null ? List.of() : List.of(change.getValue()));
    }
    if (!changed) {
      return;
    }
    for (Map.Entry<String, String> change : wanted.entrySet()) {
      if (change.getValue() != null) {
        byte[] text = (change.getKey() + "=" + change.getValue()).getBytes(StandardCharsets.ISO_8859_1);
        Pointer memory = Pointer.calloc(text.length + 1, 1); // zeroed: the last byte ends the string
        if (memory == null || memory.isNull()) {
          throw new OutOfMemoryError("no native memory for an environment variable");
        }
        new BytePointer(memory).put(text, 0, text.length);
        kept.add(memory);
      }
    }
    Pointer memory = Pointer.calloc(kept.size() + 1, Pointer.sizeof(PointerPointer.class));
    if (memory == null || memory.isNull()) {
      throw new OutOfMemoryError("no native memory for the environment");
    }
    PointerPointer<Pointer> array = new PointerPointer<>(memory);
    for (int i = 0; i < kept.size(); i++) {
      array.put(i, kept.get(i)); // the last slot stays null: the array's end
    }
    cell.put(0L, array);
  }

  /** The variable {@code environ}, which holds the address of the array. */
  private static PointerPointer<Pointer> cell() {
    Pointer environ = Loader.addressof("environ");
    if (environ == null || environ.isNull()) {
      throw new IllegalStateException("the C library's environment (the symbol environ) was not found");
    }
    return new PointerPointer<>(environ);
  }

  /** The entries of a null-terminated array of strings (none if the array itself is null). */
  private static List<Pointer> entries(Pointer address) {
    List<Pointer> entries = new ArrayList<>();
    if (address == null || address.isNull()) {
      return entries;
    }
    PointerPointer<Pointer> array = new PointerPointer<>(address);
    for (long i = 0; ; i++) {
      Pointer entry = array.get(i);
      if (entry == null || entry.isNull()) {
        return entries;
      }
      entries.add(entry);
    }
  }

  private static String nameOf(byte[] entry) {
    for (int i = 0; i < entry.length; i++) {
      if (entry[i] == '=') {
        return new String(entry, 0, i, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] text, byte[] prefix) {
    return text.length >= prefix.length && Arrays.equals(text, 0, prefix.length, prefix, 0, prefix.length);
  }
}

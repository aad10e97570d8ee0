package dev.nn.tests.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nn class names a class file mentions: every {@code dev/nn/...} name in the strings of its constant pool
 * (class entries, descriptors, generic signatures, the local variable table, inner class entries), as binary
 * names ({@code dev.nn.core.io.AtomicFiles$Content}). Whatever javac needs to be accessible to compile a class
 * is named there.
 */
final class ClassNames {
  private static final Pattern NAME = Pattern.compile("dev/nn/[\\w/$]+");

  private ClassNames() {}

  static Set<String> in(byte[] classFile) throws IOException {
    Set<String> names = new TreeSet<>();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> { // Utf8
          Matcher m = NAME.matcher(in.readUTF());
          while (m.find()) {
            names.add(m.group().replace('/', '.'));
          }
        }
        case 3, 4 -> in.readInt(); // Integer, Float
        case 5, 6 -> { // Long, Double take two entries
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.readUnsignedShort(); // Class, String, MethodType, Module, Package
        case 9, 10, 11, 12, 17, 18 -> in.readInt(); // refs, NameAndType, Dynamic, InvokeDynamic
        case 15 -> { // MethodHandle
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return names;
  }
}
